import Foundation
import Synchronization

/// A trained (or freshly initialised) multi-task network: its architecture, its flat Float32
/// parameters and where they came from. A value type: training returns a new network and never
/// modifies the one it started from.
public struct MultiTaskNetwork: Sendable, Equatable {
    /// The shape of the network.
    public let architecture: NetworkArchitecture
    /// All weights and biases, laid out as described by `ParameterLayout` (weights first).
    public let parameters: [Float]
    /// How the parameters were obtained (seed, epochs, optimiser settings); nil before training.
    public var provenance: TrainingProvenance?
    /// Optional names of the input features, in column order (checked to have `inputs` entries).
    public private(set) var featureNames: [String]?
    /// Optional reference to the encoder that turns a table into this network's features (e.g. an
    /// encoder file name and hash); FairNet stores it and never interprets it.
    public var encoderReference: String?

    /// A network with initial weights drawn from `seed` (see `Initialization`).
    public init(architecture: NetworkArchitecture, seed: UInt64) throws(FairNetError) {
        try architecture.validate()
        self.architecture = architecture
        self.parameters = Initialization.parameters(for: architecture, seed: seed)
    }

    /// A network with the given parameters.
    /// - Throws: `FairNetError.shapeMismatch` when the count does not fit the architecture.
    public init(architecture: NetworkArchitecture, parameters: [Float]) throws(FairNetError) {
        try architecture.validate()
        let expected = ParameterLayout(architecture).count
        guard parameters.count == expected else { throw .shapeMismatch(what: "parameter count", expected: expected, actual: parameters.count) }
        self.architecture = architecture
        self.parameters = parameters
    }

    init(unchecked architecture: NetworkArchitecture, parameters: [Float], provenance: TrainingProvenance?,
         featureNames: [String]?, encoderReference: String?) {
        self.architecture = architecture
        self.parameters = parameters
        self.provenance = provenance
        self.featureNames = featureNames
        self.encoderReference = encoderReference
    }

    /// Whether predictions need task weights.
    public var isConditioned: Bool { architecture.conditioning != nil }

    /// Sets the feature names (one per input column).
    /// - Throws: `FairNetError.shapeMismatch` when the count differs from `architecture.inputs`.
    public mutating func setFeatureNames(_ names: [String]?) throws(FairNetError) {
        if let names, names.count != architecture.inputs {
            throw .shapeMismatch(what: "feature names (one per input)", expected: architecture.inputs, actual: names.count)
        }
        featureNames = names
    }

    /// Predicts every task for every row.
    ///
    /// ## Mathematical properties
    /// The forward pass of `NetworkArchitecture` without dropout, at the given λ for every row;
    /// regression columns hold the head output, binary columns sigmoid(logit) ∈ [0, 1]. Each row's
    /// result is computed in Float32 and returned as Double; it does not depend on `threads`.
    ///
    /// - Parameters:
    ///   - features: `rows × inputs` matrix (finite values).
    ///   - lambda: task weights by task name; required for a conditioned network, not allowed for an
    ///     unconditioned one.
    ///   - threads: number of threads (default: active processor count). The rows are cut into fixed
    ///     chunks of `chunkRows` rows, so results are bit-identical for any thread count.
    /// - Throws: `shapeMismatch`, `nonFiniteFeature`, `lambdaRequired`, `lambdaNotUsed`,
    ///   `lambdaTaskMismatch`, `invalidLambda`.
    public func predict(_ features: FeatureMatrix, lambda: [String: Double]? = nil, threads: Int? = nil) throws(FairNetError) -> Predictions {
        let weights = try resolveLambda(lambda)
        guard features.columns == architecture.inputs else {
            throw .shapeMismatch(what: "feature columns", expected: architecture.inputs, actual: features.columns)
        }
        let n = features.rows
        let tasks = architecture.tasks
        let binary = tasks.map { $0.kind == .binaryClassification }
        guard n > 0 else {
            return Predictions(tasks: tasks, values: tasks.map { _ in [] }, logits: tasks.map { _ in [] }, lambda: weights)
        }
        // One logit column per task, then one score column per binary task; the workers write every
        // row of each (disjoint rows per worker) while the columns are being initialised.
        let binaryTasks = tasks.indices.filter { binary[$0] }
        var firstNonFinite: Int?
        let columns = Self.makeColumns(count: tasks.count + binaryTasks.count, rows: n) { pointers in
            var scorePointers = [UnsafeMutablePointer<Double>?](repeating: nil, count: tasks.count)
            for (j, t) in binaryTasks.enumerated() { scorePointers[t] = pointers[tasks.count + j] }
            features.values.withUnsafeBufferPointer { x in
                let output = OutputColumns(x: x.baseAddress!, logits: Array(pointers[0..<tasks.count]), scores: scorePointers)
                firstNonFinite = runChunks(rows: n, weights: weights, threads: threads, columns: output)
            }
        }
        if let i = firstNonFinite { throw features.nonFiniteError(at: i) }
        let logits = Array(columns[0..<tasks.count])
        var values = logits
        for (j, t) in binaryTasks.enumerated() { values[t] = columns[tasks.count + j] }
        return Predictions(tasks: tasks, values: values, logits: logits, lambda: weights)
    }

    /// `count` Double arrays of `rows` (> 0) elements, created without zero-filling: `fill` receives
    /// their storage while all of them are being initialised and must write every element.
    private static func makeColumns(count: Int, rows n: Int, _ fill: ([UnsafeMutablePointer<Double>]) -> Void) -> [[Double]] {
        func build(_ k: Int, _ pointers: [UnsafeMutablePointer<Double>]) -> [[Double]] {
            if k == count {
                fill(pointers)
                return []
            }
            var rest: [[Double]] = []
            let column = [Double](unsafeUninitializedCapacity: n) { buffer, initialized in
                rest = build(k + 1, pointers + [buffer.baseAddress!])
                initialized = n
            }
            return [column] + rest
        }
        return build(0, [])
    }

    /// Rows per prediction chunk (activations of a chunk stay in the core's cache).
    public static let chunkRows = 1024

    func resolveLambda(_ lambda: [String: Double]?) throws(FairNetError) -> [Double]? {
        if isConditioned {
            guard let lambda else { throw .lambdaRequired(tasks: architecture.taskNames) }
            return try architecture.orderedWeights(lambda)
        }
        guard lambda == nil else { throw .lambdaNotUsed }
        return nil
    }

    /// Runs the forward pass over fixed chunks of `chunkRows` rows and writes each task's head output
    /// (and sigmoid score for binary tasks) into `columns`. The chunks go to the members of a
    /// `WorkerTeam` in the order they ask for them (the result of a chunk does not depend on who
    /// computes it). Each chunk's features are checked for finiteness just before its forward pass
    /// (while they are in cache); returns the flat index of the first non-finite feature, or nil
    /// (chunks after a non-finite value are skipped, and the outputs are then incomplete).
    private func runChunks(rows n: Int, weights: [Double]?, threads: Int?, columns: OutputColumns) -> Int? {
        let chunk = Self.chunkRows
        let chunks = (n + chunk - 1) / chunk
        let workers = max(1, min(threads ?? ProcessInfo.processInfo.activeProcessorCount, chunks))
        let architecture = self.architecture
        let parameters = self.parameters
        let t = architecture.tasks.count
        let d = architecture.inputs
        let progress = ChunkProgress()
        let work: @Sendable (Int) -> Void = { _ in
            let engine = NetworkEngine(architecture: architecture, capacity: chunk, training: false)
            engine.loadParameters(parameters)
            if let weights { engine.setLambdas(weights, rows: 1) }
            while true {
                let c = progress.next.add(1, ordering: .relaxed).oldValue
                let start = c * chunk
                if c >= chunks || start * d > progress.firstNonFinite.load(ordering: .relaxed) { break }
                let rows = min(chunk, n - start)
                let x = columns.x + start * d
                if let bad = FeatureMatrix.firstNonFinite(x, count: rows * d) {
                    progress.firstNonFinite.min(start * d + bad, ordering: .relaxed)
                    break
                }
                engine.forward(input: x, rows: rows, training: false, sharedLambda: true)
                for k in 0..<t {
                    let logit = columns.logits[k] + start
                    for i in 0..<rows { logit[i] = Double(engine.outputs[i * t + k]) }
                    if let score = columns.scores[k].map({ $0 + start }) {
                        for i in 0..<rows { score[i] = LossKernels.sigmoid(logit[i]) }
                    }
                }
            }
        }
        WorkerTeam(size: workers).run(work)
        let bad = progress.firstNonFinite.load(ordering: .relaxed)
        return bad == Int.max ? nil : bad
    }
}

/// Shared state of the prediction workers: the next chunk to take, and the smallest flat index of a
/// non-finite feature found so far (`Int.max`: none).
private final class ChunkProgress: Sendable {
    let next = Atomic<Int>(0)
    let firstNonFinite = Atomic<Int>(Int.max)
}

/// Raw pointers handed to prediction workers: the features (read) and one output column per task
/// (each worker writes disjoint rows).
private struct OutputColumns: @unchecked Sendable {
    let x: UnsafePointer<Float>
    let logits: [UnsafeMutablePointer<Double>]
    let scores: [UnsafeMutablePointer<Double>?]
}

/// Where a network's parameters came from.
public struct TrainingProvenance: Sendable, Codable, Hashable {
    /// The seed of initialisation, shuffling, dropout and λ sampling.
    public let seed: UInt64
    /// Epochs actually run (fewer than requested after early stopping).
    public let epochsCompleted: Int
    /// The epoch whose weights were kept (the best validation epoch with early stopping, else the last).
    public let keptEpoch: Int
    public let batchSize: Int
    public let learningRate: Double
    public let weightDecay: Double
    /// Fixed task weights of an unconditioned network, in task order (nil for YOTO).
    public let taskWeights: [Double]?
}
