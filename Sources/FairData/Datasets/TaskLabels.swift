/// The labels of one task for the rows of one part of a split. A missing label (masked for
/// label scarcity, removed in the calibration pool, or missing in the data) is NaN, never 0.
public struct TaskLabels: Sendable, Equatable {
    /// The task (label column) name.
    public let name: String
    /// Regression or binary.
    public let kind: LabelKind
    /// One label per row of the part; NaN = missing.
    public let values: [Double]

    public init(name: String, kind: LabelKind, values: [Double]) {
        self.name = name
        self.kind = kind
        self.values = values
    }

    /// Number of rows whose label is present.
    public var observedCount: Int { values.reduce(0) { $0 + ($1.isNaN ? 0 : 1) } }

    public static func == (lhs: TaskLabels, rhs: TaskLabels) -> Bool {
        lhs.name == rhs.name && lhs.kind == rhs.kind && lhs.values.count == rhs.values.count
            && zip(lhs.values, rhs.values).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }
}
