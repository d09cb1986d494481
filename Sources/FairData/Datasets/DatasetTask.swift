/// One task of a dataset: its label column and kind.
public struct DatasetTask: Sendable, Hashable, Codable {
    /// The label column (also the task's name).
    public let name: String
    /// Regression or binary classification.
    public let kind: LabelKind
    /// What the label means, in one line.
    public let meaning: String

    public init(name: String, kind: LabelKind, meaning: String) {
        self.name = name
        self.kind = kind
        self.meaning = meaning
    }
}
