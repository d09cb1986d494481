import FairCore

/// What `apply` keeps of a repair over several attributes, beside the scores before and after:
/// the rows' attributes (all those of the predictions, so that every attribute and every cell
/// can be measured) and each stage's output, so that `verify ks`, `compare` and `plot stages`
/// can show the unfairness before and after every stage. Each stage is also stored on its own,
/// as a plain repaired value named `valueName` (its input before, its output after, its groups).
public struct AttributeStages: Sendable, Equatable, Codable {
    /// One stage's output.
    public struct Stage: Sendable, Equatable {
        /// `A`, or `A × B` for an intersectional stage.
        public var label: String
        public var attributes: [String]
        public var epsilon: Double
        /// Task → the stage's output, in row order.
        public var outputs: [String: [Double]]
        /// The workspace name of the stage as a repaired value of its own ("" when not stored).
        public var valueName: String

        /// Equal when every number has the same bits.
        public static func == (a: Stage, b: Stage) -> Bool {
            a.label == b.label && a.attributes == b.attributes && a.epsilon.bitPattern == b.epsilon.bitPattern && a.valueName == b.valueName
                && a.outputs.keys.sorted() == b.outputs.keys.sorted()
                && a.outputs.keys.allSatisfy { a.outputs[$0]!.map(\.bitPattern) == b.outputs[$0]?.map(\.bitPattern) }
        }
    }

    public var mode: MultiAttributeMode
    public var attributes: SensitiveAttributes
    public var stages: [Stage]

    // MARK: Codable (codes and numbers packed, as the other repaired columns)

    private enum CodingKeys: String, CodingKey { case mode, attributes, columns, stages }
    private enum ColumnKeys: String, CodingKey { case names, codes }
    private enum StageKeys: String, CodingKey { case label, attributes, epsilon, tasks, outputs, valueName }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(mode, forKey: .mode)
        try container.encode(attributes.names, forKey: .attributes)
        var columns = container.nestedUnkeyedContainer(forKey: .columns)
        for column in attributes.columns {
            var item = columns.nestedContainer(keyedBy: ColumnKeys.self)
            try item.encode(column.names, forKey: .names)
            try item.encode(PackedArray.encode(column.codes), forKey: .codes)
        }
        var list = container.nestedUnkeyedContainer(forKey: .stages)
        for stage in stages {
            var item = list.nestedContainer(keyedBy: StageKeys.self)
            try item.encode(stage.label, forKey: .label)
            try item.encode(stage.attributes, forKey: .attributes)
            try item.encode(stage.epsilon, forKey: .epsilon)
            let tasks = stage.outputs.keys.sorted()
            try item.encode(tasks, forKey: .tasks)
            try item.encode(tasks.map { PackedArray.encode(stage.outputs[$0]!) }, forKey: .outputs)
            try item.encode(stage.valueName, forKey: .valueName)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let path = container.codingPath
        mode = try container.decode(MultiAttributeMode.self, forKey: .mode)
        let names = try container.decode([String].self, forKey: .attributes)
        var columnList = try container.nestedUnkeyedContainer(forKey: .columns)
        var columns: [GroupColumn] = []
        while !columnList.isAtEnd {
            let item = try columnList.nestedContainer(keyedBy: ColumnKeys.self)
            let codes = try PackedArray.decode(try item.decode(String.self, forKey: .codes), as: Int32.self, codingPath: path)
            columns.append(try GroupColumn(codes: codes, names: try item.decode([String].self, forKey: .names)))
        }
        attributes = try SensitiveAttributes(names: names, columns: columns)
        var list = try container.nestedUnkeyedContainer(forKey: .stages)
        var stages: [Stage] = []
        while !list.isAtEnd {
            let item = try list.nestedContainer(keyedBy: StageKeys.self)
            let tasks = try item.decode([String].self, forKey: .tasks)
            let packed = try item.decode([String].self, forKey: .outputs)
            guard tasks.count == packed.count else {
                throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "a stage has \(tasks.count) tasks and \(packed.count) outputs"))
            }
            var outputs: [String: [Double]] = [:]
            for (task, text) in zip(tasks, packed) { outputs[task] = try PackedArray.decodeDoubles(text, codingPath: path) }
            stages.append(Stage(
                label: try item.decode(String.self, forKey: .label), attributes: try item.decode([String].self, forKey: .attributes),
                epsilon: try item.decode(Double.self, forKey: .epsilon), outputs: outputs,
                valueName: try item.decode(String.self, forKey: .valueName)))
        }
        self.stages = stages
    }

    init(mode: MultiAttributeMode, attributes: SensitiveAttributes, stages: [Stage]) {
        self.mode = mode
        self.attributes = attributes
        self.stages = stages
    }
}
