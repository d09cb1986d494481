import FairSupport

/// `Codable` and the versioned file of `MultiAttributeRepair`.
///
/// The file is the envelope of `RepairFile` (same `version`) with the format
/// `"FairMTL.MultiAttributeRepair"`: a new kind beside the single- and multi-task files, which
/// keep their format and bytes, so every older file still opens, and a build without
/// multi-attribute repairs refuses the new kind by name rather than misreading it. Decoding
/// re-validates everything (each task's repair as for a single repair, then the stages against
/// the mode and attributes).
extension MultiAttributeRepair: Codable {
    private enum CodingKeys: String, CodingKey { case mode, attributes, lambda, stages }
    private enum StageKeys: String, CodingKey { case attributes, cells, epsilon, tasks }

    /// One calibration cell and the fitted group it is repaired as (a list, sorted by cell, so
    /// the file is deterministic).
    private struct StoredCell: Codable {
        let cell: String
        let group: String
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(mode, forKey: .mode)
        try container.encode(attributeNames, forKey: .attributes)
        try container.encodeIfPresent(lambda, forKey: .lambda)
        var list = container.nestedUnkeyedContainer(forKey: .stages)
        for stage in stages {
            var item = list.nestedContainer(keyedBy: StageKeys.self)
            try item.encode(stage.attributes, forKey: .attributes)
            try item.encode(stage.cells.keys.sorted().map { StoredCell(cell: $0, group: stage.cells[$0]!) }, forKey: .cells)
            try item.encode(stage.epsilon, forKey: .epsilon)
            try item.encode(stage.repairs, forKey: .tasks)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let mode = try container.decode(MultiAttributeMode.self, forKey: .mode)
        let names = try container.decode([String].self, forKey: .attributes)
        let lambda = try container.decodeIfPresent([Double].self, forKey: .lambda)
        var list = try container.nestedUnkeyedContainer(forKey: .stages)
        var stages: [Stage] = []
        while !list.isAtEnd {
            let item = try list.nestedContainer(keyedBy: StageKeys.self)
            let stored = try item.decode([StoredCell].self, forKey: .cells)
            var cells: [String: String] = [:]
            for entry in stored {
                if cells.updateValue(entry.group, forKey: entry.cell) != nil {
                    throw DecodingError.dataCorruptedError(forKey: .cells, in: item, debugDescription: "cell \"\(entry.cell)\" is listed twice")
                }
            }
            stages.append(Stage(
                attributes: try item.decode([String].self, forKey: .attributes), cells: cells,
                epsilon: try item.decode(Double.self, forKey: .epsilon), repairs: try item.decode([BarycenterRepair].self, forKey: .tasks)))
        }
        do {
            try self.init(mode: mode, attributeNames: names, lambda: lambda, stages: stages)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .stages, in: container, debugDescription: error.description)
        }
    }
}

extension MultiAttributeRepair: RepairFileKind {
    /// The `format` field of multi-attribute repair files.
    public static let fileFormat = "FairMTL.MultiAttributeRepair"
}
