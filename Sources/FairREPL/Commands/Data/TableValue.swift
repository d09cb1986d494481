import FairCore
import FairData
import FairPlot

extension WorkspaceKind {
    /// A loaded dataset: its table, tasks, sensitive column and feature encodings.
    public static let table = WorkspaceKind(name: "table", plural: "tables", order: 10, showsInPrompt: true)
}

/// A dataset in the workspace (`load`): the clean table with its tasks (label columns), its
/// sensitive column and how its columns become features. Saved with the workspace column by
/// column, numbers as raw bits, and rebuilt through `Dataset.init`, which checks it again.
public struct TableValue: WorkspaceValue {
    public static let kind = WorkspaceKind.table
    public var dataset: Dataset
    /// Columns loaded with `--private`: features whose values no command shows or writes
    /// (`describe`/`head` leave them out, `export` omits them, `save` refuses the table).
    public var privateColumns: [String]

    /// The sensitive attributes when there are several (`load … --group race,sex`): the
    /// dataset's sensitive column is then their intersection column. Empty for one.
    public var attributes: [String]

    public init(_ dataset: Dataset, privateColumns: [String] = [], attributes: [String] = []) {
        self.dataset = dataset
        self.privateColumns = privateColumns
        self.attributes = attributes
    }

    /// The table without its private columns: what may be shown or written.
    public var visibleTable: Table {
        (try? dataset.table.droppingColumns(privateColumns)) ?? dataset.table
    }

    public var summary: String {
        let table = dataset.table
        let tasks = dataset.tasks.map(\.name).joined(separator: ", ")
        return "\(NumberFormat.grouped(table.rowCount)) rows × \(table.columnCount) columns; tasks \(tasks); groups by \(dataset.sensitive)"
    }

    public func details(settings: Settings) -> String {
        var lines: [String] = []
        if privateColumns.isEmpty {
            lines.append(dataset.summary().text)
        } else {
            let summary = (try? visibleTable.describe(sensitive: dataset.sensitive))?.text ?? ""
            lines.append(summary)
            lines.append("private (features whose values are never shown): \(privateColumns.joined(separator: ", "))")
        }
        for task in dataset.tasks {
            lines.append("task \(task.name) (\(task.kind.rawValue)): \(task.meaning)")
        }
        lines.append("source: \(dataset.source)")
        return lines.joined(separator: "\n")
    }

    public var exportTable: ResultTable? {
        let table = visibleTable
        let columns = zip(table.columnNames, table.columns).map { name, column in
            ResultTable.Column(name, rightAligned: column.type == .numeric)
        }
        var rows: [[ResultTable.Cell]] = []
        rows.reserveCapacity(table.rowCount)
        for row in 0..<table.rowCount {
            rows.append(table.columns.map { column in
                switch column {
                case let .numeric(values): return values[row].isNaN ? .empty : .number(values[row])
                case let .categorical(categorical): return categorical.label(ofRow: row).map { .text($0) } ?? .empty
                }
            })
        }
        return ResultTable(columns: columns, rows: rows)
    }

    public var namedNumbers: [(key: String, value: Double)] {
        [("rows", Double(dataset.table.rowCount)), ("columns", Double(dataset.table.columnCount))]
    }

    // MARK: Codable

    private enum CodingKeys: String, CodingKey {
        case name, columns, tasks, sensitive, features, officialTrain, officialTest, source, missingLabelFractions, attributes
    }

    private struct StoredColumn: Codable {
        var name: String
        var type: ColumnType
        /// Numeric: the values' bits; categorical: the codes.
        var data: String
        var categories: [String]?
    }

    public func encode(to encoder: any Encoder) throws {
        // Private values are never written (the 'save' command says so before it gets here).
        guard privateColumns.isEmpty else {
            throw EncodingError.invalidValue(
                privateColumns, .init(codingPath: encoder.codingPath, debugDescription: "a table with private columns is never written to a file"))
        }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(dataset.name, forKey: .name)
        let columns = zip(dataset.table.columnNames, dataset.table.columns).map { name, column -> StoredColumn in
            switch column {
            case let .numeric(values):
                return StoredColumn(name: name, type: .numeric, data: PackedArray.encode(values), categories: nil)
            case let .categorical(categorical):
                return StoredColumn(
                    name: name, type: .categorical, data: PackedArray.encode(categorical.codes), categories: categorical.categories)
            }
        }
        try container.encode(columns, forKey: .columns)
        try container.encode(dataset.tasks, forKey: .tasks)
        try container.encode(dataset.sensitive, forKey: .sensitive)
        try container.encode(dataset.features, forKey: .features)
        try container.encodeIfPresent(dataset.officialSplit?.train, forKey: .officialTrain)
        try container.encodeIfPresent(dataset.officialSplit?.test, forKey: .officialTest)
        try container.encode(dataset.source, forKey: .source)
        try container.encode(dataset.defaultMissingLabelFractions, forKey: .missingLabelFractions)
        if !attributes.isEmpty { try container.encode(attributes, forKey: .attributes) }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let stored = try container.decode([StoredColumn].self, forKey: .columns)
        var named: [(name: String, column: Column)] = []
        for column in stored {
            switch column.type {
            case .numeric:
                named.append((column.name, .numeric(try PackedArray.decodeDoubles(column.data, codingPath: container.codingPath))))
            case .categorical:
                let codes = try PackedArray.decode(column.data, as: Int32.self, codingPath: container.codingPath)
                named.append((column.name, .categorical(try CategoricalColumn(codes: codes, categories: column.categories ?? []))))
            }
        }
        privateColumns = []
        let train = try container.decodeIfPresent([Int].self, forKey: .officialTrain)
        let test = try container.decodeIfPresent([Int].self, forKey: .officialTest)
        dataset = try Dataset(
            name: try container.decode(String.self, forKey: .name), table: try Table(named),
            tasks: try container.decode([DatasetTask].self, forKey: .tasks),
            sensitive: try container.decode(String.self, forKey: .sensitive),
            features: try container.decode([FeatureSpec].self, forKey: .features),
            officialSplit: train.flatMap { train in test.map { Dataset.OfficialSplit(train: train, test: $0) } },
            source: try container.decode(String.self, forKey: .source),
            defaultMissingLabelFractions: try container.decode([String: Double].self, forKey: .missingLabelFractions))
        attributes = try container.decodeIfPresent([String].self, forKey: .attributes) ?? []
        if !attributes.isEmpty && dataset.sensitive != GroupAttributes.intersectionColumnName(attributes) {
            throw DecodingError.dataCorruptedError(
                forKey: .attributes, in: container, debugDescription: "the attributes do not match the sensitive column \(dataset.sensitive)")
        }
    }
}

extension ValueSource {
    /// The columns of the current table that may be shown (not its private ones).
    public static let columns = ValueSource(noun: "column") { context in
        context.workspace.current(TableValue.self)?.value.visibleTable.columnNames ?? []
    }

    /// The tasks (label columns) of the current table.
    public static let tableTasks = ValueSource(noun: "task") { context in
        context.workspace.current(TableValue.self)?.value.dataset.tasks.map(\.name) ?? []
    }
}
