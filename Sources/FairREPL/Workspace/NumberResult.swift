import FairPlot

extension WorkspaceKind {
    /// A named number (`ks.after`, `x`), read by `expect` and `let`.
    public static let number = WorkspaceKind(name: "number", plural: "numbers", order: 90)
    /// A named table of results (a comparison, a sweep), exportable to CSV/JSON.
    public static let report = WorkspaceKind(name: "report", plural: "reports", order: 80)
}

/// A named number: a scalar result of a command (`ks.after`), or one defined with `let`.
public struct NumberResult: WorkspaceValue, Equatable {
    public static let kind = WorkspaceKind.number
    public var value: Double
    /// How the number was obtained (`let x = 1/3`, `KS between groups after repair`).
    public var note: String

    public init(_ value: Double, note: String = "") {
        self.value = value
        self.note = note
    }

    public var summary: String { NumberFormat.significant(value, digits: 6) }

    public func details(settings: Settings) -> String {
        let text = NumberFormat.significant(value, digits: settings.digits)
        return note.isEmpty ? text : "\(text)  (\(note))"
    }

    public var exportTable: ResultTable? {
        ResultTable(columns: ["value"], rows: [[.number(value)]])
    }

    /// Names usable in expressions: like workspace names, but without `-` (it would read as a minus).
    public static func validate(name: String) throws(CommandError) {
        try Workspace.validate(name: name)
        if name.contains("-") {
            throw .invalidName(name: name, reason: "a number's name cannot contain '-', which expressions read as a minus; use '_'")
        }
        if name.hasSuffix(".") || name.contains("..") {
            throw .invalidName(name: name, reason: "dots separate the parts of a name (like ks.after); a part cannot be empty")
        }
    }
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
