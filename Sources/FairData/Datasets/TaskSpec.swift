/// The kind of a prediction task.
public enum TaskKind: String, Sendable, Hashable, Codable {
    /// A real-valued label (squared loss; a linear head).
    case regression
    /// A 0/1 label (a sigmoid head; scores in [0, 1]).
    case binary
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
