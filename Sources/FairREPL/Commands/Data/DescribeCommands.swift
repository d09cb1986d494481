import FairData
import FairPlot

extension CommandSpec {
    /// `describe [TABLE]`: size, column types and summaries, group counts, tasks.
    static let describe = CommandSpec(
        "describe", group: .data, summary: "summarise a table or predictions: columns, missing values, tasks and group sizes",
        discussion: """
            Without a name: the current table, or the current predictions when there is no table. Predictions get \
            each task's range and labels, and the rows per part and group. Private columns (load --private) are \
            named but never described.
            """,
        arguments: [DescribeOptions.table],
        examples: ["describe", "describe compas", "describe preds"]
    ) { context in
        let name = context.invocation[DescribeOptions.table]
        switch try DataCommandSupport.shown(named: name, in: context.workspace, command: "describe")
        {
        case let .table(table): context.print(table.details(settings: context.settings))
        case let .predictions(_, predictions): context.print(PredictionsDisplay.describe(predictions))
        }
    }

    /// `head [N]`: the first rows of a table.
    static let head = CommandSpec(
        "head", group: .data, summary: "show the first rows of a table",
        arguments: [HeadOptions.count],
        options: [HeadOptions.columns, HeadOptions.table],
        examples: ["head", "head 10 --columns group,y", "head --table preds"]
    ) { context in
        let value: TableValue
        let name = context.invocation[HeadOptions.table]
        switch try DataCommandSupport.shown(named: name, in: context.workspace, command: "head") {
        case let .table(table):
            value = table
        case let .predictions(_, predictions):
            guard var table = predictions.exportTable else { return }
            if let names = context.invocation[HeadOptions.columns] {
                let known = table.columns.map(\.name)
                let indices = try names.map { name in
                    guard let index = known.firstIndex(of: name) else {
                        throw CommandError.unknownName(
                            noun: "column", name: name, suggestions: EditDistance.suggestions(for: name, among: known), known: known)
                    }
                    return index
                }
                table = ResultTable(columns: indices.map { table.columns[$0] }, rows: table.rows.map { row in indices.map { row[$0] } })
            }
            let count = min(context.invocation[HeadOptions.count], table.rows.count)
            context.print(table: ResultTable(columns: table.columns, rows: Array(table.rows.prefix(count))))
            return
        }
        var table = value.visibleTable
        if let names = context.invocation[HeadOptions.columns] {
            for name in names where !table.contains(column: name) {
                let known = table.columnNames
                let isPrivate = value.privateColumns.contains(name)
                throw CommandError.failed(
                    message: isPrivate
                        ? "'\(name)' is a private column (load --private): its values are never shown"
                        : CommandError.unknownName(
                            noun: "column", name: name, suggestions: EditDistance.suggestions(for: name, among: known), known: known).description)
            }
        }
        if let columns = context.invocation[HeadOptions.columns] {
            table = try table.selectingColumns(columns)
        }
        let count = min(context.invocation[HeadOptions.count], table.rowCount)
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
        if !value.privateColumns.isEmpty, context.invocation[HeadOptions.columns] == nil {
            context.print("private (not shown): \(value.privateColumns.joined(separator: ", "))")
        }
    }
}

/// What `describe` and `head` show: a table, or predictions.
enum ShownValue {
    case table(TableValue)
    case predictions(String, PredictionsValue)
}

extension ValueSource {
    /// The names of the tables and the predictions.
    static let tablesAndPredictions = ValueSource(noun: "table or predictions") { context in
        context.workspace.names(of: .table) + context.workspace.names(of: .predictions)
    }

    /// The columns `head` can show: the current table's (not its private ones), else those of
    /// the current predictions (checked by `head` itself, which knows which value it shows).
    static let shownColumns = ValueSource(noun: "column", validates: false) { context in
        if let table = context.workspace.current(TableValue.self)?.value { return table.visibleTable.columnNames }
        return context.workspace.current(PredictionsValue.self)?.value.exportTable?.columns.map(\.name) ?? []
    }
}

extension DataCommandSupport {
    /// The table or predictions named `name`; without a name the current table, else the current predictions.
    static func shown(named name: String?, in workspace: Workspace, command: String) throws -> ShownValue {
        if let name {
            if let table = workspace.value(TableValue.self, named: name) { return .table(table) }
            if let predictions = workspace.value(PredictionsValue.self, named: name) { return .predictions(name, predictions) }
            let known = workspace.names(of: .table) + workspace.names(of: .predictions)
            throw CommandError.unknownName(
                noun: "table or predictions", name: name, suggestions: EditDistance.suggestions(for: name, among: known), known: known)
        }
        if let table = workspace.current(TableValue.self) { return .table(table.value) }
        if let (name, predictions) = workspace.current(PredictionsValue.self) { return .predictions(name, predictions) }
        throw CommandError.missingPrerequisite(command: command, what: "a table or predictions", remedy: "load NAME|FILE' or 'import predictions FILE")
    }

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

/// The argument of `describe`.
private enum DescribeOptions {
    static let table = CommandArgument<String?>(
        "table", .name(.tablesAndPredictions),
        summary: "a table or predictions (default: the current table)")
}

/// The argument and options of `head`.
private enum HeadOptions {
    static let count = CommandArgument<Int>(
        "count", .integer(min: 1, max: 1000), summary: "how many rows", default: 5)
    static let columns = CommandOption<[String]?>(
        "columns", .list(.name(.shownColumns)), summary: "only these columns")
    static let table = CommandOption<String?>(
        "table", .name(.tablesAndPredictions),
        summary: "a table or predictions (default: the current table)")
}
