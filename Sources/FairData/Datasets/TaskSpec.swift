/// The kind of a prediction task.
public enum TaskKind: String, Sendable, Hashable, Codable {
    /// A real-valued label (squared loss; a linear head).
    case regression
    /// A 0/1 label (a sigmoid head; scores in [0, 1]).
    case binary

    /// `binary` when every present value is 0 or 1 (and at least one is present), else
    /// `regression` (e.g. for `load FILE --label COL`).
    public static func inferred(from values: [Double]) -> TaskKind {
        var sawValue = false
        for value in values where !value.isNaN {
            if value != 0 && value != 1 { return .regression }
            sawValue = true
        }
        return sawValue ? .binary : .regression
    }
}

/// One task of a dataset: its label column and kind.
public struct TaskSpec: Sendable, Hashable, Codable {
    /// The label column (also the task's name).
    public let name: String
    /// Regression or binary classification.
    public let kind: TaskKind
    /// What the label means, in one line.
    public let meaning: String

    public init(name: String, kind: TaskKind, meaning: String) {
        self.name = name
        self.kind = kind
        self.meaning = meaning
    }
}
