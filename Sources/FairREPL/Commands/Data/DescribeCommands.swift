import FairData

extension CommandSpec {
    /// `describe [TABLE]`: size, column types and summaries, group counts, tasks.
    static let describe = CommandSpec(
        "describe", group: .data, summary: "summarise a table: columns, missing values, tasks and group sizes",
        arguments: [ArgumentSpec("table", .name(.workspaceNames(of: .table)), summary: "a table (default: the current one)", optional: true)],
        examples: ["describe", "describe compas"],
        prerequisites: [.value(.table, runFirst: "load NAME|FILE")]
    ) { context in
        let table = try DataCommandSupport.table(named: context.invocation.text("table"), in: context.workspace)
        context.print(table.details(settings: context.settings))
    }

    /// `head [N]`: the first rows of a table.
    static let head = CommandSpec(
        "head", group: .data, summary: "show the first rows of a table",
        arguments: [ArgumentSpec("count", .integer(min: 1, max: 1000), summary: "how many rows (default 5)", optional: true)],
        options: [
            OptionSpec("columns", .list(.name(.columns)), summary: "only these columns"),
            OptionSpec("table", .name(.workspaceNames(of: .table)), summary: "a table (default: the current one)"),
        ],
        examples: ["head", "head 10 --columns group,y"],
        prerequisites: [.value(.table, runFirst: "load NAME|FILE")]
    ) { context in
        let value = try DataCommandSupport.table(named: context.invocation.text("table"), in: context.workspace)
        var table = value.dataset.table
        if let columns = context.invocation.texts("columns") { table = try table.selectingColumns(columns) }
        let count = min(context.invocation.integer("count") ?? 5, table.rowCount)
        table = try table.selectingRows(Array(0..<count))
        let rows = (0..<count).map { row in
            table.columns.map { column -> ResultTable.Cell in
                switch column {
                case let .numeric(values): return values[row].isNaN ? .empty : .number(values[row])
                case let .categorical(categorical): return categorical.label(ofRow: row).map { .text($0) } ?? .empty
                }
            }
        }
        let columns = zip(table.columnNames, table.columns).map { ResultTable.Column($0, rightAligned: $1.type == .numeric) }
        context.print(table: ResultTable(columns: columns, rows: rows))
    }
}

extension DataCommandSupport {
    /// The table named `name`, or the current one.
    static func table(named name: String?, in workspace: Workspace) throws -> TableValue {
        if let name {
            guard let value = workspace.value(TableValue.self, named: name) else {
                let known = workspace.names(of: .table)
                throw CommandError.unknownName(
                    noun: "table", name: name, suggestions: EditDistance.suggestions(for: name, among: known), known: known)
            }
            return value
        }
        guard let current = workspace.current(TableValue.self) else {
            throw CommandError.failed(message: "there is no table: run 'load NAME|FILE' first")
        }
        return current.value
    }
}
