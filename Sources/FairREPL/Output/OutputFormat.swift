/// How tabular output is printed (`set format table|csv|json`), so results can be piped.
public enum OutputFormat: String, Sendable, Codable, CaseIterable {
    /// Aligned columns with a header rule; numbers with fixed significant digits.
    case table
    /// RFC 4180 CSV; numbers in their shortest exact form.
    case csv
    /// A JSON array of objects keyed by column name; numbers exact, non-finite ones as null.
    case json
}
