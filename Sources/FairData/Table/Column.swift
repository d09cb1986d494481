/// One column of a `Table`.
///
/// Missing values: a numeric value is missing when it is NaN (never 0); a categorical value is
/// missing when its code is -1. Equality treats two missing values as equal (so a table equals
/// itself after a CSV round trip) and otherwise compares values with `==`.
public enum Column: Sendable {
    /// Numbers; NaN marks a missing value.
    case numeric([Double])
    /// Labels with integer codes; code -1 marks a missing value.
    case categorical(CategoricalColumn)

    /// Number of rows.
    public var count: Int {
        switch self {
        case let .numeric(values): values.count
        case let .categorical(column): column.count
        }
    }

    /// The column's type.
    public var type: ColumnType {
        switch self {
        case .numeric: .numeric
        case .categorical: .categorical
        }
    }

    /// Number of missing values.
    public var missingCount: Int {
        switch self {
        case let .numeric(values): values.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
        case let .categorical(column): column.missingCount
        }
    }

    /// Whether row `row` is missing.
    public func isMissing(row: Int) -> Bool {
        switch self {
        case let .numeric(values): values[row].isNaN
        case let .categorical(column): column.codes[row] < 0
        }
    }

    /// The value of row `row` as text (numbers in their exact form, see `NumberFormatting.exact`),
    /// or `nil` when missing.
    public func text(ofRow row: Int) -> String? {
        switch self {
        case let .numeric(values): values[row].isNaN ? nil : NumberFormatting.exact(values[row])
        case let .categorical(column): column.label(ofRow: row)
        }
    }

    /// The rows `rows` (trusted to be in range), in that order.
    func selecting(_ rows: [Int]) -> Column {
        switch self {
        case let .numeric(values):
            return .numeric(values.withUnsafeBufferPointer { values in rows.map { values[$0] } })
        case let .categorical(column):
            return .categorical(column.selecting(rows))
        }
    }
}

extension Column: Equatable {
    public static func == (lhs: Column, rhs: Column) -> Bool {
        switch (lhs, rhs) {
        case let (.numeric(a), .numeric(b)):
            guard a.count == b.count else { return false }
            for i in a.indices where !(a[i] == b[i] || (a[i].isNaN && b[i].isNaN)) { return false }
            return true
        case let (.categorical(a), .categorical(b)):
            return a == b
        default:
            return false
        }
    }
}
