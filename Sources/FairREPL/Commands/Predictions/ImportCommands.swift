import FairCore
import FairData
import FairPlot
import Foundation

extension CommandSpec {
    /// `import predictions FILE`: any model's predictions from a CSV file.
    static let importPredictions = CommandSpec(
        "import predictions", group: .models,
        summary: "read any model's predictions from a CSV: one column per task and the group column",
        discussion: """
            Post-processing only needs each row's predictions and group, so any model will do. --tasks names the \
            prediction columns (default: every numeric column that is not the group, a label, the part column or \
            the id; the command says which it took); --labels the true labels, in the same order, for MSE/AUC in \
            'compare'; --part-column a column whose values are train, pool or test (then 'fit barycenter' uses the \
            pool rows and 'apply' the test rows); without one, 'split' draws pool and test rows (or use --on all / \
            --to all). --id names a column of distinct whole-number row IDs, kept as the key column of 'export'. \
            --lambda records the task weights the predictions were made at; a repair fitted on them refuses \
            predictions made at another lambda. With labels, a task no better than a constant gets a warning.
            """,
        arguments: [ImportOptions.file],
        options: [
            ImportOptions.group, ImportOptions.tasks, ImportOptions.labels,
            ImportOptions.partColumn,
            ImportOptions.id, ImportOptions.lambda, CSVInput.delimiterOption, ImportOptions.name
        ],
        examples: [
            "import predictions preds.csv --group sex --tasks score --labels y --part-column part",
            "import predictions test.csv --group race --tasks p_recid,p_violent --lambda 1,6",
        ]
    ) { context in
        let invocation = context.invocation
        let file = invocation[ImportOptions.file]
        let table = try CSVInput.read(
            file, delimiter: invocation[CSVInput.delimiterOption], context: context)
        let groupColumns = invocation[ImportOptions.group]
        let group = groupColumns.first ?? ""
        let partColumn = invocation[ImportOptions.partColumn]
        let idColumn = invocation[ImportOptions.id]
        let labels = invocation[ImportOptions.labels] ?? []
        let named = groupColumns + labels + [partColumn, idColumn].compactMap { $0 }
        for name in named + (invocation[ImportOptions.tasks] ?? [])
        where !table.contains(column: name) {
            throw CommandError.unknownName(
                noun: "column in \(file)", name: name, suggestions: EditDistance.suggestions(for: name, among: table.columnNames),
                known: table.columnNames)
        }
        let taskColumns: [String]
        var tasksNote = ""
        if let given = invocation[ImportOptions.tasks] {
            taskColumns = given
        } else {
            taskColumns = zip(table.columnNames, table.columns).filter { $1.type == .numeric && !named.contains($0) }.map(\.0)
            var excluded = ["the group"]
            if !labels.isEmpty { excluded.append("the labels") }
            if partColumn != nil { excluded.append("the part column") }
            if idColumn != nil { excluded.append("the id") }
            tasksNote = "tasks from every numeric column except \(excluded.joined(separator: ", ")) (name them with --tasks): \(TextLayout.quotedList(taskColumns))"
        }
        if !tasksNote.isEmpty, !labels.isEmpty, labels.count != taskColumns.count {
            throw CommandError.failed(
                message: "--labels names \(labels.count) column\(labels.count == 1 ? "" : "s") for the \(taskColumns.count) task\(taskColumns.count == 1 ? "" : "s") taken from \(file) (\(TextLayout.quotedList(taskColumns))): name the prediction columns with --tasks, one per label")
        }
        if taskColumns.isEmpty {
            throw CommandError.failed(
                message: "\(file) has no numeric column left for predictions (columns: \(TextLayout.quotedList(table.columnNames))): name them with --tasks")
        }
        var groups: GroupColumn
        do {
            groups = try table.groupColumn(group)
            if groupColumns.count > 1 {
                groups = try SensitiveAttributes(names: groupColumns, columns: try groupColumns.map { try table.groupColumn($0) }).intersections()
            }
        } catch let FairDataError.missingValue(column, row) {
            throw CommandError.failed(message: "\(file): the group column '\(column)' is empty at \(CSVInput.dataRow(row)); every row needs a group")
        }
        var parts = [PredictionPart](repeating: .unassigned, count: table.rowCount)
        if let partColumn {
            for row in 0..<table.rowCount {
                let text = try table.column(partColumn).text(ofRow: row) ?? ""
                guard let part = PredictionPart(rawValue: text), part != .unassigned else {
                    throw CommandError.failed(
                        message: "\(file): column '\(partColumn)' holds '\(text)' at \(CSVInput.dataRow(row)); each value must be train, pool or test")
                }
                parts[row] = part
            }
        }
        var rowIDs = (0..<table.rowCount).map { UInt64($0) }
        if let idColumn {
            guard case let .numeric(ids) = try table.column(idColumn) else {
                throw CommandError.failed(message: "\(file): column '\(idColumn)' holds text; row IDs (--id) are whole numbers ≥ 0")
            }
            var firstRow: [UInt64: Int] = [:]
            for (row, id) in ids.enumerated() {
                guard id.isFinite, id >= 0, id == id.rounded(), id < 9.0e15 else {
                    throw CommandError.failed(message: "\(file): column '\(idColumn)' holds \(id) at \(CSVInput.dataRow(row)); row IDs are whole numbers ≥ 0")
                }
                if let earlier = firstRow[UInt64(id)] {
                    throw CommandError.failed(
                        message: "\(file): column '\(idColumn)' holds the ID \(UInt64(id)) twice (\(CSVInput.dataRow(earlier)) and \(CSVInput.dataRow(row))); row IDs (--id) must be distinct")
                }
                firstRow[UInt64(id)] = row
                rowIDs[row] = UInt64(id)
            }
        }
        let lambda = invocation[ImportOptions.lambda]
        let tasks = try PredictionImport.tasks(
            table: table, columns: taskColumns, names: taskColumns, labels: labels, lambda: lambda, what: file)
        var predictions = PredictionsValue(
            tasks: tasks, groups: groups, parts: parts, rowIDs: rowIDs, lambda: lambda, source: "imported from \(file)", tableName: nil,
            attributes: groupColumns.count > 1 ? groupColumns : [])
        predictions.keyColumn = idColumn
        predictions.partColumn = partColumn
        predictions.groupColumn = groupColumns.count > 1 ? GroupAttributes.intersectionColumnName(groupColumns) : group
        let name =
            invocation[ImportOptions.name]
            ?? DataCommandSupport.valueName(
                from: URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent)
        try context.workspace.store(predictions, as: name)
        context.print("imported \(name): \(predictions.summary)")
        if !tasksNote.isEmpty { context.print(tasksNote) }
        PredictionQuality.report(predictions, context: &context)
    }

    /// `import scores COL…`: columns of the loaded table used as a model's predictions.
    static let importScores = CommandSpec(
        "import scores", group: .models,
        summary: "use columns of the loaded table as a model's predictions (e.g. synthetic scores, COMPAS decile_score)",
        discussion: """
            Each column becomes the predictions of one task, named by --tasks (default: the column's name). When a \
            task has the name of one of the table's tasks, its labels come along (for MSE/AUC in 'compare'). Rows \
            get their part from the current split of this table (pool, test, train), if there is one.
            """,
        arguments: [ScoresOptions.columns],
        options: [
            ScoresOptions.tasks, ScoresOptions.name
        ],
        examples: ["import scores score --tasks y", "import scores f_true,p_true --tasks y_regression,y_binary"],
        prerequisites: [.value(.table, runFirst: "load NAME|FILE")],
        lesson: "Lessons/01-strong-demographic-parity.md"
    ) { context in
        let invocation = context.invocation
        guard let (tableName, value) = context.workspace.current(TableValue.self) else {
            throw CommandError.failed(message: "there is no table: run 'load NAME|FILE' first")
        }
        let dataset = value.dataset
        let columns = invocation[ScoresOptions.columns]
        let names = invocation[ScoresOptions.tasks] ?? columns
        guard names.count == columns.count else {
            throw CommandError.failed(message: "--tasks names \(names.count) task\(names.count == 1 ? "" : "s") for \(columns.count) column\(columns.count == 1 ? "" : "s"); give one name per column")
        }
        let labels = names.map { name in dataset.tasks.contains { $0.name == name } ? name : "" }
        let tasks = try PredictionImport.tasks(
            table: dataset.table, columns: columns, names: names, labels: labels, lambda: nil, what: "table \(tableName)")
        var parts = [PredictionPart](repeating: .unassigned, count: dataset.table.rowCount)
        var splitNote = "no split: use --on all / --to all, or run 'split' first"
        if let (splitName, split) = context.workspace.current(SplitValue.self), split.tableName == tableName {
            parts = split.parts(rowCount: dataset.table.rowCount)
            splitNote = "parts from split '\(splitName)'"
        }
        let predictions = PredictionsValue(
            tasks: tasks, groups: dataset.groups, parts: parts, rowIDs: (0..<dataset.table.rowCount).map { UInt64($0) },
            lambda: nil, source: "columns \(columns.joined(separator: ", ")) of \(tableName)", tableName: tableName,
            attributes: value.attributes)
        let name = invocation[ScoresOptions.name]
        try context.workspace.store(predictions, as: name)
        let withLabels = tasks.filter { !$0.labels.isEmpty }.map(\.name)
        let labelNote = withLabels.isEmpty ? "no labels" : "labels of \(withLabels.joined(separator: ", "))"
        context.print("imported \(name): \(tasks.map(\.name).joined(separator: ", ")) for \(NumberFormat.grouped(predictions.rowCount)) rows; \(labelNote); \(splitNote)")
    }
}

/// Builds prediction tasks from table columns.
enum PredictionImport {
    /// One task per column; `labels[i]` names task i's label column ("" for none).
    static func tasks(
        table: Table, columns: [String], names: [String], labels: [String], lambda: [Double]?, what: String
    ) throws -> [PredictionsValue.Task] {
        if !labels.isEmpty && labels.count != columns.count {
            throw CommandError.failed(
                message: "--labels names \(labels.count) column\(labels.count == 1 ? "" : "s") for \(columns.count) task\(columns.count == 1 ? "" : "s"); give one label column per task, in the same order")
        }
        if let lambda, lambda.count != columns.count {
            throw CommandError.failed(
                message: "--lambda has \(lambda.count) weight\(lambda.count == 1 ? "" : "s") for \(columns.count) task\(columns.count == 1 ? "" : "s"); give one weight per task")
        }
        if let repeated = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
            throw CommandError.failed(message: "task '\(repeated)' is named twice; give each task once")
        }
        var tasks: [PredictionsValue.Task] = []
        for (i, column) in columns.enumerated() {
            guard case let .numeric(values) = try table.column(column) else {
                throw CommandError.failed(message: "\(what): column '\(column)' holds text; predictions must be numbers")
            }
            if let row = values.firstIndex(where: { !$0.isFinite }) {
                let found = values[row].isNaN ? "no usable value" : "a non-finite value (\(values[row]))"
                throw CommandError.failed(
                    message: "\(what): column '\(column)' has \(found) at \(CSVInput.dataRow(row)): every row needs a finite prediction; drop such rows first")
            }
            var labelValues: [Double] = []
            if i < labels.count, !labels[i].isEmpty {
                guard case let .numeric(found) = try table.column(labels[i]) else {
                    throw CommandError.failed(message: "\(what): label column '\(labels[i])' holds text; labels must be numbers")
                }
                labelValues = found
            }
            let isBinary = !labelValues.isEmpty && LabelKind.inferred(from: labelValues) == .binary
            tasks.append(PredictionsValue.Task(name: names[i], isBinary: isBinary, values: values, labels: labelValues))
        }
        return tasks
    }
}

extension CommandRegistry {
    /// `import predictions`, `import scores` and the predictions kind.
    public mutating func registerPredictionCommands() {
        register(valueType: PredictionsValue.self)
        register(.importPredictions)
        register(.importScores)
    }
}

/// The argument and options of `import predictions`.
private enum ImportOptions {
    static let file = CommandArgument<String>(
        "file", .path(.existingFile(extensions: ["csv"])), summary: "the CSV file")
    static let group = CommandOption<[String]>.required(
        "group", .list(.text), summary: "the sensitive column(s); several give their intersections",
        completion: .source(.fileColumns))
    static let tasks = CommandOption<[String]?>(
        "tasks", .list(.text), summary: "the prediction columns, one per task",
        completion: .source(.fileColumns))
    static let labels = CommandOption<[String]?>(
        "labels", .list(.text), summary: "the label columns, in the order of --tasks",
        completion: .source(.fileColumns))
    static let partColumn = CommandOption<String?>(
        "part-column", .text, summary: "a column saying train, pool or test",
        completion: .source(.fileColumns))
    static let id = CommandOption<String?>(
        "id", .text, summary: "a column of integer row IDs (default: the row number)",
        completion: .source(.fileColumns))
    static let lambda = CommandOption<[Double]?>(
        "lambda", .list(.real(min: 0)), summary: "the task weights the predictions were made at")
    static let name = CommandOption<String?>(
        "as", .text, summary: "name of the predictions (default: the file's name)")
}

/// The argument and options of `import scores`.
private enum ScoresOptions {
    static let columns = CommandArgument<[String]>(
        "columns", .list(.name(.columns)), summary: "the score columns, comma-separated")
    static let tasks = CommandOption<[String]?>(
        "tasks", .list(.text), summary: "task names, in the order of the columns",
        completion: .source(.tableTasks))
    static let name = CommandOption<String>(
        "as", .text, summary: "name of the predictions", default: "scores")
}
