/// A compact description of a table: its size, each column's type and missing count with a
/// short summary of its values, and the group counts of a sensitive attribute. Numbers are shown
/// with 4 significant digits and counts with thousands separators, so the text is the same on
/// every machine. FairData never prints: `text` is for the caller to show.
///
/// ## Mathematical properties
/// Numeric columns: mean, population SD (divisor n), min and max over the non-missing values
/// (NaN skipped). Categorical columns: categories ordered by count, ties by category order.
/// Group shares are counts over all rows (missing included).
///
/// ```text
/// 6,172 rows × 3 columns
/// column  type         missing  values
/// age     numeric      0        mean 34.53, sd 11.73, min 18, max 96
/// race    categorical  0        6 categories: African-American 3,175, Caucasian 2,103, …
/// is_recid numeric     0        mean 0.4844, sd 0.4998, min 0, max 1
/// groups (race): African-American 3,175 (51.44%) · Asian 31 (0.5023%) · …
/// ```
public struct TableSummary: Sendable, Hashable, CustomStringConvertible {
    /// One column's line.
    public struct ColumnSummary: Sendable, Hashable {
        public let name: String
        public let type: ColumnType
        public let missingCount: Int
        /// Numeric: mean, population SD, min and max of the non-missing values; categorical: the
        /// number of categories and the most frequent ones with their counts.
        public let values: String
    }

    public let rowCount: Int
    public let columns: [ColumnSummary]
    /// The sensitive attribute's name and group counts (`nil` label = missing), when given.
    public let sensitive: String?
    public let groupCounts: [Table.GroupCount]

    /// Groups listed in `text` before the rest are only counted (10,000 groups would make one
    /// line of tens of kilobytes).
    public static let shownGroups = 20

    /// The summary as aligned text lines.
    public var text: String {
        var lines = ["\(NumberFormatting.count(rowCount)) row\(rowCount == 1 ? "" : "s") × \(columns.count) column\(columns.count == 1 ? "" : "s")"]
        if !columns.isEmpty {
            let nameWidth = max(6, columns.map(\.name.count).max() ?? 0)
            let missingWidth = max(7, columns.map { NumberFormatting.count($0.missingCount).count }.max() ?? 0)
            func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
            lines.append(pad("column", nameWidth) + "  " + pad("type", 11) + "  " + pad("missing", missingWidth) + "  values")
            for column in columns {
                lines.append(
                    pad(column.name, nameWidth) + "  " + pad(column.type.rawValue, 11) + "  "
                        + pad(NumberFormatting.count(column.missingCount), missingWidth) + "  " + column.values)
            }
        }
        if let sensitive {
            let total = groupCounts.reduce(0) { $0 + $1.count }
            let parts = groupCounts.prefix(Self.shownGroups).map { group in
                let share = total > 0 ? NumberFormatting.significant(100 * Double(group.count) / Double(total)) : "0"
                return "\(group.label ?? "(missing)") \(NumberFormatting.count(group.count)) (\(share)%)"
            }
            let more = groupCounts.count > Self.shownGroups ? " · … (\(NumberFormatting.count(groupCounts.count)) groups in all)" : ""
            lines.append("groups (\(sensitive)): " + parts.joined(separator: " · ") + more)
        }
        return lines.joined(separator: "\n")
    }

    public var description: String { text }
}

extension Table {
    /// A compact summary of the table (see `TableSummary`); with `sensitive`, also the number
    /// of rows per group of that column.
    /// - Throws: `FairDataError.unknownColumn` when `sensitive` is not a column.
    public func describe(sensitive: String? = nil) throws -> TableSummary {
        let groups = try sensitive.map { try groupCounts(by: $0) } ?? []
        let summaries = zip(columnNames, columns).map { name, column in
            TableSummary.ColumnSummary(name: name, type: column.type, missingCount: column.missingCount, values: Self.summarize(column))
        }
        return TableSummary(rowCount: rowCount, columns: summaries, sensitive: sensitive, groupCounts: groups)
    }

    private static func summarize(_ column: Column) -> String {
        switch column {
        case let .numeric(values):
            var count = 0
            var sum = 0.0
            var low = Double.infinity
            var high = -Double.infinity
            for value in values where !value.isNaN {
                count += 1
                sum += value
                low = min(low, value)
                high = max(high, value)
            }
            if count == 0 { return "no values" }
            let mean = sum / Double(count)
            var squares = 0.0
            for value in values where !value.isNaN { squares += (value - mean) * (value - mean) }
            let sd = (squares / Double(count)).squareRoot()
            let f = { (x: Double) in NumberFormatting.significant(x) }
            return "mean \(f(mean)), sd \(f(sd)), min \(f(low)), max \(f(high))"
        case let .categorical(categorical):
            let counts = categorical.counts()
            let order = counts.indices.sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
            let shown = order.prefix(3).map { "\(categorical.categories[$0]) \(NumberFormatting.count(counts[$0]))" }
            let more = counts.count > 3 ? ", …" : ""
            return "\(counts.count) categor\(counts.count == 1 ? "y" : "ies")" + (shown.isEmpty ? "" : ": " + shown.joined(separator: ", ") + more)
        }
    }
}
