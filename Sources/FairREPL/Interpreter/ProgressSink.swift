/// Where long commands report progress. On a terminal the front end draws a one-line
/// progress display (and the time left); elsewhere it ignores events, and the command's
/// own summary line in its output is all that is shown.
public struct ProgressSink: Sendable {
    private let receive: @Sendable (ProgressEvent) -> Void

    public init(_ receive: @escaping @Sendable (ProgressEvent) -> Void) { self.receive = receive }

    /// Drops every event.
    public static let discard = ProgressSink { _ in }

    public func report(_ event: ProgressEvent) { receive(event) }
}

/// One progress step of a long command: `epoch 7/75 loss 0.123`.
public struct ProgressEvent: Sendable, Equatable {
    /// What is counted (`epoch`, `replicate`).
    public var unit: String
    /// Steps done.
    public var completed: Int
    /// Steps in all, when known.
    public var total: Int?
    /// Free text after the count (`loss 0.123`).
    public var detail: String

    public init(unit: String, completed: Int, total: Int? = nil, detail: String = "") {
        self.unit = unit
        self.completed = completed
        self.total = total
        self.detail = detail
    }

    /// Fraction done in [0, 1], when the total is known.
    public var fraction: Double? {
        guard let total, total > 0 else { return nil }
        return min(1, max(0, Double(completed) / Double(total)))
    }
}
