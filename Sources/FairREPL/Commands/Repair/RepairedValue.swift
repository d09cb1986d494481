import FairCore
import FairPlot

extension WorkspaceKind {
    /// Predictions after a repair, next to the same rows before it.
    public static let repaired = WorkspaceKind(name: "repaired", plural: "repaired sets", order: 60)
}

/// The output of `apply`: for the rows the repair was applied to, each task's predictions
/// before and after, with the rows' groups, labels and IDs; `compare`, `verify` and `plot`
/// read it.
public struct RepairedValue: WorkspaceValue, Equatable {
    public static let kind = WorkspaceKind.repaired

    /// One task's scores before and after.
    public struct Task: Sendable, Equatable {
        public var name: String
        public var isBinary: Bool
        public var before: [Double]
        public var after: [Double]
        /// Labels (NaN when missing); empty when there are none.
        public var labels: [Double]
        /// Rows outside their group's calibration range.
        public var outOfRange: Int

        /// Equal when every number has the same bits (so missing labels, NaN, compare equal).
        public static func == (a: Task, b: Task) -> Bool {
            a.name == b.name && a.isBinary == b.isBinary && a.outOfRange == b.outOfRange
                && a.before.map(\.bitPattern) == b.before.map(\.bitPattern) && a.after.map(\.bitPattern) == b.after.map(\.bitPattern)
                && a.labels.map(\.bitPattern) == b.labels.map(\.bitPattern)
        }
    }

    public var predictionsName: String
    public var repairName: String
    /// `test`, `pool`, `train` or `all`.
    public var selection: String
    public var epsilon: Double
    public var tasks: [Task]
    public var groups: GroupColumn
    public var rowIDs: [UInt64]
    public var lambda: [Double]?
    /// The repairs that made it (kept, so that refitting under the same name cannot change
    /// what `verify risk` or `plot tradeoff` read).
    public var repairs: [BarycenterRepair]
    /// For a repair over several attributes: the rows' attributes and each stage's output.
    public var attributeStages: AttributeStages? = nil
    /// How many of these rows the repair was fitted on (in-sample rows; nil: unknown).
    public var inSampleRows: Int?
    /// How many of the repair's calibration rows the model was trained on (nil: unknown).
    public var trainingRowCount: Int?
    /// The rank errors of the quantile summaries the repair was fitted from (nil: fitted on rows).
    public var quantileRankErrors: [String: Double]? = nil

    public var rowCount: Int { groups.count }
    public var taskNames: [String] { tasks.map(\.name) }

    public var summary: String {
        "\(taskNames.joined(separator: ", ")) on \(NumberFormat.grouped(rowCount)) \(selection) rows of \(predictionsName), repaired by \(repairName) with ε = \(NumberFormat.compact(epsilon, digits: 3))"
    }

    public var exportTable: ResultTable? {
        var columns = [ResultTable.Column("row", rightAligned: true), ResultTable.Column("group")]
        for task in tasks {
            columns += [ResultTable.Column(task.name + "_before", rightAligned: true), ResultTable.Column(task.name + "_after", rightAligned: true)]
            if !task.labels.isEmpty { columns.append(ResultTable.Column(task.name + "_label", rightAligned: true)) }
        }
        var rows: [[ResultTable.Cell]] = []
        rows.reserveCapacity(rowCount)
        for i in 0..<rowCount {
            var row: [ResultTable.Cell] = [.integer(Int(rowIDs[i])), .text(groups.label(ofRow: i))]
            for task in tasks {
                row += [.number(task.before[i]), .number(task.after[i])]
                if !task.labels.isEmpty { row.append(task.labels[i].isNaN ? .empty : .number(task.labels[i])) }
            }
            rows.append(row)
        }
        return ResultTable(columns: columns, rows: rows)
    }

    public var namedNumbers: [(key: String, value: Double)] { [("rows", Double(rowCount)), ("eps", epsilon)] }

    func task(named name: String) throws -> Task {
        guard let task = tasks.first(where: { $0.name == name }) else {
            throw CommandError.unknownName(
                noun: "task", name: name, suggestions: EditDistance.suggestions(for: name, among: taskNames), known: taskNames)
        }
        return task
    }

    // MARK: Codable

    private enum CodingKeys: String, CodingKey {
        case predictionsName, repairName, selection, epsilon, tasks, groupNames, groupCodes, rowIDs, lambda, repairs
        case inSampleRows, trainingRowCount, attributeStages, quantileRankErrors
    }
    private enum TaskKeys: String, CodingKey { case name, binary, before, after, labels, outOfRange }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(predictionsName, forKey: .predictionsName)
        try container.encode(repairName, forKey: .repairName)
        try container.encode(selection, forKey: .selection)
        try container.encode(epsilon, forKey: .epsilon)
        var list = container.nestedUnkeyedContainer(forKey: .tasks)
        for task in tasks {
            var item = list.nestedContainer(keyedBy: TaskKeys.self)
            try item.encode(task.name, forKey: .name)
            try item.encode(task.isBinary, forKey: .binary)
            try item.encode(PackedArray.encode(task.before), forKey: .before)
            try item.encode(PackedArray.encode(task.after), forKey: .after)
            try item.encode(PackedArray.encode(task.labels), forKey: .labels)
            try item.encode(task.outOfRange, forKey: .outOfRange)
        }
        try container.encode(groups.names, forKey: .groupNames)
        try container.encode(PackedArray.encode(groups.codes), forKey: .groupCodes)
        try container.encode(PackedArray.encode(rowIDs), forKey: .rowIDs)
        try container.encodeIfPresent(lambda, forKey: .lambda)
        try container.encode(repairs, forKey: .repairs)
        try container.encodeIfPresent(attributeStages, forKey: .attributeStages)
        try container.encodeIfPresent(inSampleRows, forKey: .inSampleRows)
        try container.encodeIfPresent(trainingRowCount, forKey: .trainingRowCount)
        try container.encodeIfPresent(quantileRankErrors, forKey: .quantileRankErrors)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let path = container.codingPath
        predictionsName = try container.decode(String.self, forKey: .predictionsName)
        repairName = try container.decode(String.self, forKey: .repairName)
        selection = try container.decode(String.self, forKey: .selection)
        epsilon = try container.decode(Double.self, forKey: .epsilon)
        var list = try container.nestedUnkeyedContainer(forKey: .tasks)
        var tasks: [Task] = []
        while !list.isAtEnd {
            let item = try list.nestedContainer(keyedBy: TaskKeys.self)
            tasks.append(Task(
                name: try item.decode(String.self, forKey: .name), isBinary: try item.decode(Bool.self, forKey: .binary),
                before: try PackedArray.decodeDoubles(try item.decode(String.self, forKey: .before), codingPath: path),
                after: try PackedArray.decodeDoubles(try item.decode(String.self, forKey: .after), codingPath: path),
                labels: try PackedArray.decodeDoubles(try item.decode(String.self, forKey: .labels), codingPath: path),
                outOfRange: try item.decode(Int.self, forKey: .outOfRange)))
        }
        let codes = try PackedArray.decode(try container.decode(String.self, forKey: .groupCodes), as: Int32.self, codingPath: path)
        groups = try GroupColumn(codes: codes, names: try container.decode([String].self, forKey: .groupNames))
        rowIDs = try PackedArray.decode(try container.decode(String.self, forKey: .rowIDs), as: UInt64.self, codingPath: path)
        let n = groups.count
        guard rowIDs.count == n,
            tasks.allSatisfy({ $0.before.count == n && $0.after.count == n && ($0.labels.isEmpty || $0.labels.count == n) })
        else {
            throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "the columns of the repaired predictions differ in length"))
        }
        for task in tasks {
            for (column, values) in [("before", task.before), ("after", task.after)] {
                if let row = values.firstIndex(where: { !$0.isFinite }) {
                    throw DecodingError.dataCorrupted(.init(
                        codingPath: path, debugDescription: "task '\(task.name)' has a non-finite value (\(values[row])) in '\(column)' at row \(row); repaired predictions are finite numbers"))
                }
            }
        }
        self.tasks = tasks
        lambda = try container.decodeIfPresent([Double].self, forKey: .lambda)
        repairs = try container.decode([BarycenterRepair].self, forKey: .repairs)
        attributeStages = try container.decodeIfPresent(AttributeStages.self, forKey: .attributeStages)
        if let stages = attributeStages, stages.attributes.count != n || stages.stages.contains(where: { stage in
            tasks.contains { stage.outputs[$0.name]?.count != n } })
        {
            throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "the stages of the repaired predictions differ in length"))
        }
        inSampleRows = try container.decodeIfPresent(Int.self, forKey: .inSampleRows)
        trainingRowCount = try container.decodeIfPresent(Int.self, forKey: .trainingRowCount)
        quantileRankErrors = try container.decodeIfPresent([String: Double].self, forKey: .quantileRankErrors)
    }

    init(
        predictionsName: String, repairName: String, selection: String, epsilon: Double, tasks: [Task], groups: GroupColumn,
        rowIDs: [UInt64], lambda: [Double]?, repairs: [BarycenterRepair], inSampleRows: Int? = nil, trainingRowCount: Int? = nil,
        quantileRankErrors: [String: Double]? = nil
    ) {
        self.quantileRankErrors = quantileRankErrors
        self.inSampleRows = inSampleRows
        self.trainingRowCount = trainingRowCount
        self.predictionsName = predictionsName
        self.repairName = repairName
        self.selection = selection
        self.epsilon = epsilon
        self.tasks = tasks
        self.groups = groups
        self.rowIDs = rowIDs
        self.lambda = lambda
        self.repairs = repairs
    }

    /// The repair of `task`.
    func repair(forTask task: String) throws -> BarycenterRepair {
        if let stages = attributeStages, stages.stages.count > 1 {
            let names = stages.stages.map(\.valueName)
            throw CommandError.failed(
                message: "these predictions were repaired in \(stages.stages.count) stages (\(stages.stages.map(\.label).joined(separator: ", then "))), each one repair of the one before: check the stages one by one, kept by 'apply' as \(names.joined(separator: ", ")) (e.g. --repaired \(names.last ?? ""))")
        }
        guard let repair = repairs.first(where: { $0.taskName == task }) else {
            throw CommandError.unknownName(
                noun: "repaired task", name: task, suggestions: EditDistance.suggestions(for: task, among: taskNames), known: taskNames)
        }
        return repair
    }

    /// Warnings about the rows the repair was fitted on: evaluated in-sample (on its own
    /// calibration rows), or fitted on the model's training rows (the paper's Remark 2).
    var provenanceWarnings: [String] {
        var warnings: [String] = []
        if let count = inSampleRows, count > 0 {
            let share = count == rowCount ? "all \(NumberFormat.grouped(rowCount))" : "\(NumberFormat.grouped(count)) of the \(NumberFormat.grouped(rowCount))"
            warnings.append(
                "warning: \(repairName) was fitted on \(share) rows it is evaluated on (in-sample): on its own calibration rows the repaired groups look fairer than on new rows; evaluate on held-out rows (apply --to test)")
        }
        if let count = trainingRowCount, count > 0 {
            warnings.append(RepairValue.trainingWarning(name: repairName, count: count))
        }
        return warnings
    }

    /// Per task, the barycenter weights π of its repair, by group name.
    var weights: [String: [String: Double]] {
        var result: [String: [String: Double]] = [:]
        for repair in repairs { result[repair.taskName] = Dictionary(uniqueKeysWithValues: zip(repair.groupNames, repair.weights)) }
        return result
    }
}

extension ValueSource {
    /// The tasks of the current repaired predictions.
    static let repairedTasks = ValueSource(noun: "task") { context in
        context.workspace.current(RepairedValue.self)?.value.taskNames ?? []
    }
}

extension Prerequisite {
    /// Repaired predictions, made by `apply`.
    static let repaired = Prerequisite(what: "repaired predictions", remedy: "apply") { $0.contains(kind: .repaired) }

    /// Predictions of some model.
    static let predictions = Prerequisite(what: "predictions", remedy: "import scores COL (or predict, import predictions FILE)") {
        $0.contains(kind: .predictions)
    }
}
