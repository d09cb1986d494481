/// What a task predicts, which fixes its head, its loss and its default metrics.
public enum TaskKind: String, Sendable, Codable, CaseIterable {
    /// A real-valued target: linear head, mean squared error loss; prediction = the head's output.
    case regression
    /// A 0/1 target: the head outputs a logit z, the loss is binary cross-entropy on the logit;
    /// prediction = the score sigmoid(z) = P(y = 1).
    case binaryClassification
}

/// One task of a multi-task network: a unique name and a kind.
public struct TaskSpec: Sendable, Codable, Hashable {
    /// Unique, non-empty name; data, task weights and predictions refer to tasks by this name.
    public let name: String
    /// Regression or binary classification.
    public let kind: TaskKind

    public init(name: String, kind: TaskKind) {
        self.name = name
        self.kind = kind
    }

    /// A regression task.
    public static func regression(_ name: String) -> TaskSpec { TaskSpec(name: name, kind: .regression) }
    /// A binary classification task.
    public static func binary(_ name: String) -> TaskSpec { TaskSpec(name: name, kind: .binaryClassification) }
}
