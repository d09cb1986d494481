extension WorkspaceKind {
    /// A named table of results (a comparison, a sweep), exportable to CSV/JSON.
    public static let report = WorkspaceKind(name: "report", plural: "reports", order: 80)
}

/// A named table of results (a before/after comparison, a lambda sweep…): shown by `show`,
/// written by `export`, and its numeric cells are readable by expressions as
/// `NAME.ROW.COLUMN`, where ROW is the row's first cell.
public struct ReportValue: WorkspaceValue, Equatable {
    public static let kind = WorkspaceKind.report
    public var table: ResultTable

    public init(_ table: ResultTable) { self.table = table }

    public var summary: String {
        let title = table.title.map { "\($0): " } ?? ""
        return "\(title)\(table.rows.count) row\(table.rows.count == 1 ? "" : "s") × \(table.columns.count) columns"
    }

    public func details(settings: Settings) -> String {
        table.render(.table, digits: settings.digits)
    }

    public var exportTable: ResultTable? { table }

    public var namedNumbers: [(key: String, value: Double)] {
        guard table.columns.count > 1 else { return [] }
        var result: [(String, Double)] = []
        for row in table.rows {
            guard let label = row.first?.text, !label.isEmpty else { continue }
            let key = label.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" }
            for (column, cell) in zip(table.columns.dropFirst(), row.dropFirst()) {
                if let number = cell.number {
                    let columnKey = column.name.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" }
                    result.append((String(key) + "." + String(columnKey), number))
                }
            }
        }
        return result
    }
}
