import FairCore
import FairData
import FairNet
import FairPlot
import Foundation

extension WorkspaceKind {
    /// A trained network (or one network per task for single-task baselines).
    public static let model = WorkspaceKind(name: "model", plural: "models", order: 30, showsInPrompt: true)
}

/// A model trained by `train`: FairNet network(s), the split they were trained on (so that
/// `predict` rebuilds exactly the same features), the training rows held out for `lambda sweep`,
/// and the λ chosen by the last sweep.
public struct ModelValue: WorkspaceValue, Equatable {
    public static let kind = WorkspaceKind.model

    /// What was trained.
    public enum Mode: String, Sendable, Codable, CaseIterable {
        /// One network for all tasks, conditioned on the task weights λ (YOTO with FiLM).
        case mtl
        /// One network for all tasks, trained at fixed task weights.
        case plain
        /// One network per task (single-task baselines).
        case stl
    }

    public var mode: Mode
    /// One network (mtl, plain) or one per task in task order (stl).
    public var networks: [MultiTaskNetwork]
    public var tableName: String
    /// The split it was trained on (its options rebuild the features).
    public var split: SplitValue
    /// Training rows (table rows) held out from training for `lambda sweep`.
    public var validationRows: [Int]
    /// Each task's mean training loss in the last epoch.
    public var finalLoss: [String: Double]
    /// The λ chosen by `lambda sweep`, in task order.
    public var calibratedLambda: [Double]?

    /// The tasks, in the dataset's order.
    public var tasks: [TaskSpec] { networks.flatMap(\.architecture.tasks) }
    public var taskNames: [String] { tasks.map(\.name) }
    public var epochs: Int { networks.first?.provenance?.epochsCompleted ?? 0 }

    public var summary: String {
        let architecture = networks.first?.architecture
        let hidden = architecture?.hidden.map(String.init).joined(separator: ",") ?? ""
        var text = "\(describeMode): tasks \(taskNames.joined(separator: ", ")); hidden \(hidden); \(epochs) epoch\(epochs == 1 ? "" : "s") on \(tableName)"
        if let lambda = calibratedLambda { text += "; λ from sweep \(PredictionsValue.describe(lambda))" }
        return text
    }

    var describeMode: String {
        switch mode {
        case .mtl:
            let film = networks.first?.architecture.conditioning?.mode == .scalar ? "scalar FiLM" : "FiLM per unit"
            return "YOTO multi-task (\(film))"
        case .plain: return "multi-task at fixed weights"
        case .stl: return "single-task baselines"
        }
    }

    public var namedNumbers: [(key: String, value: Double)] {
        var numbers: [(String, Double)] = [("epochs", Double(epochs))]
        for task in taskNames { if let loss = finalLoss[task] { numbers.append(("loss.\(ReportNames.key(task))", loss)) } }
        if let lambda = calibratedLambda {
            for (task, weight) in zip(taskNames, lambda) { numbers.append(("lambda.\(ReportNames.key(task))", weight)) }
        }
        return numbers
    }

    /// FairNet's model file for `.json` (one network: mtl and plain models).
    public func exportDocument(format: OutputFormat) throws -> String? {
        guard format == .json else { return nil }
        guard networks.count == 1 else {
            throw CommandError.failed(
                message: "single-task baselines are one network per task, and a FairNet model file holds one network: export a 'train mtl' or 'train plain' model")
        }
        return String(decoding: try networks[0].fileBytes(), as: UTF8.self)
    }

    /// The dataset this model was trained on, prepared with its split.
    func prepared(in workspace: Workspace) throws -> (Dataset, PreparedData) {
        guard let table = workspace.value(TableValue.self, named: tableName) else {
            throw CommandError.failed(message: "the table '\(tableName)' this model was trained on is not in the workspace: load it again")
        }
        return (table.dataset, try split.prepare(table.dataset))
    }

    // MARK: Codable

    private enum CodingKeys: String, CodingKey { case mode, networks, tableName, split, validationRows, finalLoss, calibratedLambda }
    private enum NetworkKeys: String, CodingKey { case architecture, parameters, provenance, featureNames, encoderReference }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(mode, forKey: .mode)
        var list = container.nestedUnkeyedContainer(forKey: .networks)
        for network in networks {
            var item = list.nestedContainer(keyedBy: NetworkKeys.self)
            try item.encode(network.architecture, forKey: .architecture)
            try item.encode(PackedArray.encode(network.parameters), forKey: .parameters)
            try item.encodeIfPresent(network.provenance, forKey: .provenance)
            try item.encodeIfPresent(network.featureNames, forKey: .featureNames)
            try item.encodeIfPresent(network.encoderReference, forKey: .encoderReference)
        }
        try container.encode(tableName, forKey: .tableName)
        try container.encode(split, forKey: .split)
        try container.encode(validationRows, forKey: .validationRows)
        try container.encode(finalLoss, forKey: .finalLoss)
        try container.encodeIfPresent(calibratedLambda, forKey: .calibratedLambda)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        mode = try container.decode(Mode.self, forKey: .mode)
        var list = try container.nestedUnkeyedContainer(forKey: .networks)
        var networks: [MultiTaskNetwork] = []
        while !list.isAtEnd {
            let item = try list.nestedContainer(keyedBy: NetworkKeys.self)
            let bits = try PackedArray.decode(try item.decode(String.self, forKey: .parameters), as: UInt32.self, codingPath: item.codingPath)
            var network = try MultiTaskNetwork(
                architecture: try item.decode(NetworkArchitecture.self, forKey: .architecture), parameters: bits.map(Float.init(bitPattern:)))
            network.provenance = try item.decodeIfPresent(TrainingProvenance.self, forKey: .provenance)
            try network.setFeatureNames(try item.decodeIfPresent([String].self, forKey: .featureNames))
            network.encoderReference = try item.decodeIfPresent(String.self, forKey: .encoderReference)
            networks.append(network)
        }
        guard !networks.isEmpty else {
            throw DecodingError.dataCorrupted(.init(codingPath: container.codingPath, debugDescription: "a model needs at least one network"))
        }
        self.networks = networks
        tableName = try container.decode(String.self, forKey: .tableName)
        split = try container.decode(SplitValue.self, forKey: .split)
        validationRows = try container.decode([Int].self, forKey: .validationRows)
        finalLoss = try container.decode([String: Double].self, forKey: .finalLoss)
        calibratedLambda = try container.decodeIfPresent([Double].self, forKey: .calibratedLambda)
    }

    init(
        mode: Mode, networks: [MultiTaskNetwork], tableName: String, split: SplitValue, validationRows: [Int],
        finalLoss: [String: Double], calibratedLambda: [Double]?
    ) {
        self.mode = mode
        self.networks = networks
        self.tableName = tableName
        self.split = split
        self.validationRows = validationRows
        self.finalLoss = finalLoss
        self.calibratedLambda = calibratedLambda
    }
}
