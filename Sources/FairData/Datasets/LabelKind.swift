/// The kind of a prediction task.
public enum LabelKind: String, Sendable, Hashable, Codable {
    /// A real-valued label (squared loss; a linear head).
    case regression
    /// A 0/1 label (a sigmoid head; scores in [0, 1]).
    case binary

    /// `binary` when every present value is 0 or 1 (and at least one is present), else
    /// `regression` (e.g. for `load FILE --label COL`).
    public static func inferred(from values: [Double]) -> LabelKind {
        var sawValue = false
        for value in values where !value.isNaN {
            if value != 0 && value != 1 { return .regression }
            sawValue = true
        }
        return sawValue ? .binary : .regression
    }
}
