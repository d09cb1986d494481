/// The two kinds of table column.
public enum ColumnType: String, Sendable, Hashable, Codable, CaseIterable {
    /// Numbers stored as `Double`; a missing value is NaN.
    case numeric
    /// Text labels stored as integer codes into a sorted list of categories; a missing value is code -1.
    case categorical
}
