import FairCore
import FairPlot

extension WorkspaceKind {
    /// Predictions of one or more tasks (a model's, or imported from any model).
    public static let predictions = WorkspaceKind(name: "predictions", plural: "predictions", order: 40, showsInPrompt: true)
}

/// A model's predictions for some rows: one score column per task, each row's group, its
/// label per task when known (NaN otherwise), its part of the split and a stable row ID (the
/// table row), and the task weights λ at which they were made (nil for predictions imported
/// without one). Post-processing only needs these, so any model's predictions will do.
public struct PredictionsValue: WorkspaceValue, Equatable {
    public static let kind = WorkspaceKind.predictions

    /// One task's predictions.
    public struct Task: Sendable, Equatable {
        public var name: String
        /// `binary` (scores in [0, 1], AUC) or `regression` (MSE).
        public var isBinary: Bool
        public var values: [Double]
        /// Labels, NaN when missing; empty when there are none at all.
        public var labels: [Double]

        /// Equal when every number has the same bits (so missing labels, NaN, compare equal).
        public static func == (a: Task, b: Task) -> Bool {
            a.name == b.name && a.isBinary == b.isBinary && a.values.map(\.bitPattern) == b.values.map(\.bitPattern)
                && a.labels.map(\.bitPattern) == b.labels.map(\.bitPattern)
        }
    }

    public var tasks: [Task]
    public var groups: GroupColumn
    public var parts: [PredictionPart]
    public var rowIDs: [UInt64]
    public var lambda: [Double]?
    /// Where they come from (`model mtl at λ = (1, 6)`, `imported from preds.csv`).
    public var source: String
    /// The table the rows belong to, when known.
    public var tableName: String?
    /// The sensitive attributes when there are several: `groups` then holds their
    /// intersections (cell names, `SensitiveAttributes.cellName`). Empty for one.
    public var attributes: [String] = []
    /// Names of the key, part and group columns in `export` (those of the imported file, else
    /// `row`, `part`, `group`), so an exported file reads back with the same options.
    public var keyColumn: String?
    public var partColumn: String?
    public var groupColumn: String?

    public var rowCount: Int { groups.count }
    public var taskNames: [String] { tasks.map(\.name) }

    public var summary: String {
        var counts: [PredictionPart: Int] = [:]
        for part in parts { counts[part, default: 0] += 1 }
        let partText = PredictionPart.allCases.compactMap { part in counts[part].map { "\(part.rawValue) \(NumberFormat.grouped($0))" } }
        let lambdaText = lambda.map { "; λ = " + Self.describe($0) } ?? ""
        return "\(taskNames.joined(separator: ", ")) on \(partText.joined(separator: " · "))\(lambdaText); \(source)"
    }

    public var exportTable: ResultTable? {
        var columns = [
            ResultTable.Column(keyColumn ?? "row", rightAligned: true), ResultTable.Column(partColumn ?? "part"),
            ResultTable.Column(groupColumn ?? "group"),
        ]
        for task in tasks {
            columns.append(ResultTable.Column(task.name, rightAligned: true))
            if !task.labels.isEmpty { columns.append(ResultTable.Column(task.name + "_label", rightAligned: true)) }
        }
        var rows: [[ResultTable.Cell]] = []
        rows.reserveCapacity(rowCount)
        for i in 0..<rowCount {
            var row: [ResultTable.Cell] = [.integer(Int(rowIDs[i])), .text(parts[i].rawValue), .text(groups.label(ofRow: i))]
            for task in tasks {
                row.append(.number(task.values[i]))
                if !task.labels.isEmpty { row.append(task.labels[i].isNaN ? .empty : .number(task.labels[i])) }
            }
            rows.append(row)
        }
        return ResultTable(columns: columns, rows: rows)
    }

    public var namedNumbers: [(key: String, value: Double)] { [("rows", Double(rowCount))] }

    /// The task named `name`.
    func task(named name: String) throws -> Task {
        guard let task = tasks.first(where: { $0.name == name }) else {
            throw CommandError.unknownName(
                noun: "task", name: name, suggestions: EditDistance.suggestions(for: name, among: taskNames), known: taskNames)
        }
        return task
    }

    /// The rows of `selection` (`pool`, `test`, `train`, or `all`), in order.
    func rows(in selection: String) -> [Int] {
        if selection == "all" { return Array(0..<rowCount) }
        return parts.indices.filter { parts[$0].rawValue == selection }
    }

    /// Whether any row is in a part of a split.
    var hasParts: Bool { parts.contains { $0 != .unassigned } }

    static func describe(_ lambda: [Double]) -> String {
        "(" + lambda.map { NumberFormat.compact($0) }.joined(separator: ", ") + ")"
    }

    // MARK: Codable

    private enum CodingKeys: String, CodingKey {
        case tasks, groupNames, groupCodes, parts, rowIDs, lambda, source, tableName, keyColumn, partColumn, groupColumn, attributes
    }
    private enum TaskKeys: String, CodingKey { case name, binary, values, labels }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        var list = container.nestedUnkeyedContainer(forKey: .tasks)
        for task in tasks {
            var item = list.nestedContainer(keyedBy: TaskKeys.self)
            try item.encode(task.name, forKey: .name)
            try item.encode(task.isBinary, forKey: .binary)
            try item.encode(PackedArray.encode(task.values), forKey: .values)
            try item.encode(PackedArray.encode(task.labels), forKey: .labels)
        }
        try container.encode(groups.names, forKey: .groupNames)
        try container.encode(PackedArray.encode(groups.codes), forKey: .groupCodes)
        try container.encode(PackedArray.encode(parts.map(\.code)), forKey: .parts)
        try container.encode(PackedArray.encode(rowIDs), forKey: .rowIDs)
        try container.encodeIfPresent(lambda, forKey: .lambda)
        try container.encode(source, forKey: .source)
        try container.encodeIfPresent(tableName, forKey: .tableName)
        if !attributes.isEmpty { try container.encode(attributes, forKey: .attributes) }
        try container.encodeIfPresent(keyColumn, forKey: .keyColumn)
        try container.encodeIfPresent(partColumn, forKey: .partColumn)
        try container.encodeIfPresent(groupColumn, forKey: .groupColumn)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let path = container.codingPath
        var list = try container.nestedUnkeyedContainer(forKey: .tasks)
        var tasks: [Task] = []
        while !list.isAtEnd {
            let item = try list.nestedContainer(keyedBy: TaskKeys.self)
            tasks.append(Task(
                name: try item.decode(String.self, forKey: .name), isBinary: try item.decode(Bool.self, forKey: .binary),
                values: try PackedArray.decodeDoubles(try item.decode(String.self, forKey: .values), codingPath: path),
                labels: try PackedArray.decodeDoubles(try item.decode(String.self, forKey: .labels), codingPath: path)))
        }
        let codes = try PackedArray.decode(try container.decode(String.self, forKey: .groupCodes), as: Int32.self, codingPath: path)
        let groups = try GroupColumn(codes: codes, names: try container.decode([String].self, forKey: .groupNames))
        let parts = try PackedArray.decode(try container.decode(String.self, forKey: .parts), as: UInt8.self, codingPath: path)
        let rowIDs = try PackedArray.decode(try container.decode(String.self, forKey: .rowIDs), as: UInt64.self, codingPath: path)
        let n = groups.count
        guard parts.count == n, rowIDs.count == n,
            tasks.allSatisfy({ $0.values.count == n && ($0.labels.isEmpty || $0.labels.count == n) })
        else {
            throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "the columns of the predictions differ in length"))
        }
        // Predictions are finite when made or imported; labels may be NaN (a missing label).
        for task in tasks {
            if let row = task.values.firstIndex(where: { !$0.isFinite }) {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: path, debugDescription: "task '\(task.name)' has a non-finite prediction (\(task.values[row])) at row \(row); predictions are finite numbers"))
            }
        }
        self.tasks = tasks
        self.groups = groups
        self.parts = parts.map(PredictionPart.init(code:))
        self.rowIDs = rowIDs
        self.lambda = try container.decodeIfPresent([Double].self, forKey: .lambda)
        self.source = try container.decode(String.self, forKey: .source)
        self.tableName = try container.decodeIfPresent(String.self, forKey: .tableName)
        self.attributes = try container.decodeIfPresent([String].self, forKey: .attributes) ?? []
        if !attributes.isEmpty {
            do {
                _ = try SensitiveAttributes(names: attributes, intersections: groups)
            } catch {
                throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "the groups are not intersections of \(attributes): \(error)"))
            }
        }
        self.keyColumn = try container.decodeIfPresent(String.self, forKey: .keyColumn)
        self.partColumn = try container.decodeIfPresent(String.self, forKey: .partColumn)
        self.groupColumn = try container.decodeIfPresent(String.self, forKey: .groupColumn)
    }

    init(tasks: [Task], groups: GroupColumn, parts: [PredictionPart], rowIDs: [UInt64], lambda: [Double]?, source: String, tableName: String?,
         attributes: [String] = []) {
        self.attributes = attributes
        self.tasks = tasks
        self.groups = groups
        self.parts = parts
        self.rowIDs = rowIDs
        self.lambda = lambda
        self.source = source
        self.tableName = tableName
    }
}

extension ValueSource {
    /// The tasks of the current predictions.
    static let predictionTasks = ValueSource(noun: "task") { context in
        context.workspace.current(PredictionsValue.self)?.value.taskNames ?? []
    }

    /// The sensitive attributes of the current predictions (when there are several).
    static let predictionAttributes = ValueSource(noun: "attribute", validates: false) { context in
        context.workspace.current(PredictionsValue.self)?.value.attributes ?? []
    }

    /// The groups of the current predictions.
    static let predictionGroups = ValueSource(noun: "group", validates: false) { context in
        context.workspace.current(PredictionsValue.self)?.value.groups.names ?? []
    }
}
