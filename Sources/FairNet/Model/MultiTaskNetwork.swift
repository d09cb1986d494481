import Foundation

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
        let raw = try predictRaw(features, weights: weights, threads: threads)
        return makePredictions(raw, rows: features.rows, weights: weights)
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

    /// Head outputs (`rows × T`, row-major Float32: values for regression, logits for binary).
    func predictRaw(_ features: FeatureMatrix, weights: [Double]?, threads: Int?) throws(FairNetError) -> [Float] {
        guard features.columns == architecture.inputs else {
            throw .shapeMismatch(what: "feature columns", expected: architecture.inputs, actual: features.columns)
        }
        try features.validateFinite()
        BLASThreads.configureOnce()
        let n = features.rows
        let t = architecture.tasks.count
        var out = [Float](repeating: 0, count: n * t)
        if n == 0 { return out }
        let chunk = Self.chunkRows
        let chunks = (n + chunk - 1) / chunk
        let workers = max(1, min(threads ?? ProcessInfo.processInfo.activeProcessorCount, chunks))
        let architecture = self.architecture
        let parameters = self.parameters
        features.values.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { o in
                let shared = SharedPointers(x: x.baseAddress!, o: o.baseAddress!)
                let work: @Sendable (Int) -> Void = { worker in
                    let engine = NetworkEngine(architecture: architecture, capacity: chunk, training: false)
                    engine.loadParameters(parameters)
                    if let weights { engine.setLambdas(weights, rows: 1) }
                    var c = worker
                    while c < chunks {
                        let start = c * chunk
                        let rows = min(chunk, n - start)
                        engine.forward(input: shared.x + start * architecture.inputs, rows: rows, training: false, sharedLambda: true)
                        (shared.o + start * t).update(from: engine.outputs, count: rows * t)
                        c += workers
                    }
                }
                if workers == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: work) }
            }
        }
        return out
    }

    func makePredictions(_ raw: [Float], rows n: Int, weights: [Double]?) -> Predictions {
        let t = architecture.tasks.count
        var values: [[Double]] = []
        var logits: [[Double]] = []
        for (k, task) in architecture.tasks.enumerated() {
            var column = [Double](repeating: 0, count: n)
            for i in 0..<n { column[i] = Double(raw[i * t + k]) }
            logits.append(column)
            if task.kind == .binaryClassification {
                values.append(column.map(LossKernels.sigmoid))
            } else {
                values.append(column)
            }
        }
        return Predictions(tasks: architecture.tasks, values: values, logits: logits, lambda: weights)
    }
}

/// Raw pointers handed to prediction workers; each worker writes disjoint rows of `o`.
private struct SharedPointers: @unchecked Sendable {
    let x: UnsafePointer<Float>
    let o: UnsafeMutablePointer<Float>
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
