/// One step of a long replication: `seed 3/20 · seed 201: MTL AUC 0.741 / 0.668`.
///
/// The protocols never print; they call a `ReplicationProgressHandler` after every step and the
/// front ends render it (the REPL's progress line on a terminal, fair-bench's stderr line).
public struct ReplicationProgress: Sendable, Equatable {
    /// What is counted (`seed`, `run`).
    public var unit: String
    /// Steps done.
    public var completed: Int
    /// Steps in all.
    public var total: Int
    /// What the step measured, in one line.
    public var detail: String

    public init(unit: String, completed: Int, total: Int, detail: String) {
        self.unit = unit
        self.completed = completed
        self.total = total
        self.detail = detail
    }
}

/// Receives progress; throwing stops the protocol (e.g. on Ctrl-C) with that error.
public typealias ReplicationProgressHandler = (ReplicationProgress) throws -> Void
