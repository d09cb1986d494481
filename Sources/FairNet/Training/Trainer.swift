import FairSupport

/// Mini-batch training of a `MultiTaskNetwork` with Adam.
///
/// ## Mathematical properties
/// One epoch: the training rows are permuted (Fisher–Yates with the "shuffle" stream of the seed,
/// from the identity permutation each epoch) and cut into batches of `batchSize` rows. For each
/// batch: task weights are drawn per row from the network's λ ranges (YOTO; "lambda" stream) or set
/// to the fixed `taskWeights` (unconditioned network); the forward pass applies dropout ("dropout"
/// stream); the batch objective `J = Σ_t (1/n_t) Σ_{i present} λ_{i,t} ℓ_t(i)` (see `LossKernels`) is
/// differentiated and Adam takes one step.
///
/// Validation (optional): after each epoch the objective is evaluated on the validation rows without
/// dropout. For a YOTO network each validation row gets one λ vector drawn once from the ranges
/// ("validation lambda" stream) and kept for all epochs, so the validation objective is a fixed,
/// unbiased estimate of the training objective's expectation over λ; for an unconditioned network
/// the fixed task weights are used. Early stopping watches this objective.
///
/// Determinism: the same network, data, options (including `threads`) and seed give bit-identical
/// parameters on the same machine. `TrainingOptions.threads` cuts each batch into that many shards
/// computed in parallel, which changes the bits (not the objective); see `BLASThreads` for OpenBLAS.
///
/// Progress and cancellation: after each epoch an `EpochReport` goes to the `progress` closure (on
/// the training thread); the `CancellationToken` is checked before every batch. Training works on a
/// private copy of the parameters, so a cancelled run (which throws `FairNetError.cancelled`) or a
/// failed one leaves the caller's network untouched; a successful run returns a new network.
public struct Trainer: Sendable {
    public var options: TrainingOptions

    public init(options: TrainingOptions) {
        self.options = options
    }

    /// Trains a copy of `model` on `data`.
    /// - Throws: `FairNetError` for invalid options or data (naming the task, row or column), when
    ///   early stopping has no validation data, when the loss diverges, or when cancelled.
    public func train(_ model: MultiTaskNetwork, on data: TrainingData, validation: TrainingData? = nil,
                      cancellation: CancellationToken? = nil,
                      progress: ((EpochReport) -> Void)? = nil) throws(FairNetError) -> TrainingResult {
        try options.validate()
        let architecture = model.architecture
        let tasks = architecture.tasks
        let t = tasks.count
        let fixedWeights = try resolveFixedWeights(architecture)
        let train = try LabelledRows(data, architecture: architecture, context: "training data")
        if options.earlyStopping != nil && validation == nil { throw .validationRequired }
        let valid = try validation.map { v throws(FairNetError) in try LabelledRows(v, architecture: architecture, context: "validation data") }
        BLASThreads.configureOnce()

        let batch = min(options.batchSize, max(1, train.rows))
        let shardCount = min(options.threads, batch)
        let stepper = BatchStepper(architecture: architecture, batch: batch, shards: shardCount, seed: options.seed,
                                   parameters: model.parameters)
        var shuffleGenerator = SeededGenerator(seed: options.seed, purpose: "shuffle")
        var lambdaGenerator = SeededGenerator(seed: options.seed, purpose: "lambda")
        let adam = AdamOptimizer(count: stepper.layout.count, decayedCount: stepper.layout.weightCount,
                                 learningRate: options.learningRate, beta1: options.beta1, beta2: options.beta2,
                                 epsilon: options.epsilon, weightDecay: options.weightDecay)
        let validator = valid.map { Validator(rows: $0, architecture: architecture, fixedWeights: fixedWeights, seed: options.seed) }
        let ranges = architecture.conditioning?.ranges

        var order = [Int32](repeating: 0, count: train.rows)
        var history: [EpochReport] = []
        var best = Double.infinity
        var bestParameters: [Float]? = nil
        var bestEpoch = 0
        var sinceBest = 0
        var stoppedEarly = false
        let clock = ContinuousClock()
        let start = clock.now

        for epoch in 1...options.epochs {
            for i in 0..<train.rows { order[i] = Int32(i) }
            for i in stride(from: train.rows - 1, to: 0, by: -1) {
                order.swapAt(i, shuffleGenerator.nextInt(below: i + 1))
            }
            stepper.resetLossTotals()
            var objectiveSum = 0.0
            var batches = 0
            try train.features.withUnsafeBufferPointer { (x) throws(FairNetError) in
                try train.labels.withUnsafeBufferPointer { (y) throws(FairNetError) in
                    try order.withUnsafeBufferPointer { (idx) throws(FairNetError) in
                        var offset = 0
                        while offset < train.rows {
                            if cancellation?.isCancelled == true { throw .cancelled(epochsCompleted: epoch - 1) }
                            let rows = min(batch, train.rows - offset)
                            if let ranges {
                                stepper.sampleLambdas(rows: rows, ranges: ranges, generator: &lambdaGenerator)
                            } else if let fixedWeights {
                                stepper.setLambdas(fixedWeights, rows: rows)
                            }
                            objectiveSum += stepper.step(features: x.baseAddress!, labels: y.baseAddress!,
                                                         indices: idx.baseAddress! + offset, rows: rows, optimizer: adam)
                            batches += 1
                            offset += rows
                        }
                    }
                }
            }
            var trainingLoss: [Double] = []
            for k in 0..<t {
                let (sum, n) = stepper.lossTotal(task: k)
                let mean = n > 0 ? sum / Double(n) : .nan
                if n > 0, !mean.isFinite { throw .diverged(epoch: epoch, task: tasks[k].name) }
                trainingLoss.append(mean)
            }
            let objective = objectiveSum / Double(max(batches, 1))
            var validationLoss: [Double]? = nil
            var validationObjective: Double? = nil
            var isBest = false
            if let validator {
                let (losses, value) = validator.evaluate(parameters: stepper.parameters)
                // Every task has a validation label (checked above), so a non-finite loss means divergence.
                for k in 0..<t where !losses[k].isFinite {
                    throw .diverged(epoch: epoch, task: tasks[k].name)
                }
                validationLoss = losses
                validationObjective = value
                if value < best - (options.earlyStopping?.minImprovement ?? 0) {
                    best = value
                    bestEpoch = epoch
                    sinceBest = 0
                    isBest = true
                    if options.earlyStopping?.restoreBest == true { bestParameters = stepper.parameterArray() }
                } else {
                    sinceBest += 1
                }
            }
            let elapsed = seconds(clock.now - start)
            let report = EpochReport(epoch: epoch, epochs: options.epochs, tasks: architecture.taskNames,
                                     trainingLoss: trainingLoss, trainingObjective: objective,
                                     validationLoss: validationLoss, validationObjective: validationObjective,
                                     elapsed: elapsed, estimatedRemaining: elapsed / Double(epoch) * Double(options.epochs - epoch),
                                     isBest: isBest)
            history.append(report)
            progress?(report)
            if let stop = options.earlyStopping, sinceBest >= stop.patience, epoch < options.epochs {
                stoppedEarly = true
                break
            }
        }

        let completed = history.count
        let kept = bestParameters != nil ? bestEpoch : completed
        let provenance = TrainingProvenance(seed: options.seed, epochsCompleted: completed, keptEpoch: kept,
                                            batchSize: options.batchSize, learningRate: options.learningRate,
                                            weightDecay: options.weightDecay, taskWeights: fixedWeights)
        let trained = MultiTaskNetwork(unchecked: architecture, parameters: bestParameters ?? stepper.parameterArray(),
                                       provenance: provenance, featureNames: model.featureNames,
                                       encoderReference: model.encoderReference)
        return TrainingResult(model: trained, history: history, stoppedEarly: stoppedEarly)
    }

    /// The fixed task weights of an unconditioned network (nil for a conditioned one).
    private func resolveFixedWeights(_ architecture: NetworkArchitecture) throws(FairNetError) -> [Double]? {
        if architecture.conditioning != nil {
            guard options.taskWeights == nil else {
                throw .invalidOption(name: "taskWeights", value: "\(options.taskWeights!)",
                                     allowed: "a conditioned network draws its task weights from its lambda ranges; remove taskWeights, or use a fixed range (LambdaRange.fixed)")
            }
            return nil
        }
        guard let weights = options.taskWeights else { return Array(repeating: 1, count: architecture.tasks.count) }
        return try architecture.orderedWeights(weights)
    }

    private func seconds(_ d: Duration) -> Double {
        let c = d.components
        return Double(c.seconds) + Double(c.attoseconds) * 1e-18
    }
}

/// Training or validation rows checked against an architecture: features and a `rows × T` Float32
/// label matrix in task order (NaN = missing).
struct LabelledRows {
    let rows: Int
    let features: [Float]
    let labels: [Float]

    init(_ data: TrainingData, architecture: NetworkArchitecture, context: String) throws(FairNetError) {
        let tasks = architecture.tasks
        guard data.features.columns == architecture.inputs else {
            throw .shapeMismatch(what: "feature columns of the \(context)", expected: architecture.inputs, actual: data.features.columns)
        }
        guard data.rows >= 1 else { throw .invalidOption(name: "rows of the \(context)", value: "0", allowed: "give at least one row") }
        for name in data.labels.keys.sorted() where !tasks.contains(where: { $0.name == name }) {
            throw .unknownTask(name: name, known: architecture.taskNames)
        }
        try data.features.validateFinite()
        let n = data.rows, t = tasks.count
        var matrix = [Float](repeating: .nan, count: n * t)
        for (k, task) in tasks.enumerated() {
            guard let column = data.labels[task.name] else { throw .missingLabels(task: task.name, provided: data.labels.keys.sorted()) }
            var present = 0
            for i in 0..<n {
                let y = column[i]
                if y.isNaN { continue }
                switch task.kind {
                case .regression:
                    guard y.isFinite, Float(y).isFinite else {
                        throw .invalidLabel(task: task.name, row: i, value: y, allowed: "a regression label must be finite (within Float32 range)")
                    }
                case .binaryClassification:
                    guard y == 0 || y == 1 else { throw .invalidLabel(task: task.name, row: i, value: y, allowed: "a binary label must be 0 or 1") }
                }
                matrix[i * t + k] = Float(y)
                present += 1
            }
            guard present > 0 else { throw .noLabels(task: task.name, context: context) }
        }
        self.rows = n
        self.features = data.features.values
        self.labels = matrix
    }
}

/// Evaluates the validation objective without dropout, with fixed per-row task weights.
final class Validator {
    let rows: LabelledRows
    let engine: NetworkEngine
    let tasks: Int
    /// Per row: task weights and conditioning inputs (`rows × T` each).
    let lambdas: [Float]
    let lambdaInputs: [Float]

    init(rows: LabelledRows, architecture: NetworkArchitecture, fixedWeights: [Double]?, seed: UInt64) {
        self.rows = rows
        self.tasks = architecture.tasks.count
        engine = NetworkEngine(architecture: architecture, capacity: min(MultiTaskNetwork.chunkRows, rows.rows), training: false)
        let n = rows.rows
        var lambdas = [Float](repeating: 0, count: n * tasks)
        var inputs = [Float](repeating: 0, count: n * tasks)
        if let ranges = architecture.conditioning?.ranges {
            var generator = SeededGenerator(seed: seed, purpose: "validation lambda")
            for i in 0..<n {
                for (k, range) in ranges.enumerated() {
                    let u = generator.nextDouble()
                    lambdas[i * tasks + k] = Float(range.value(atUnit: u))
                    inputs[i * tasks + k] = range.high > range.low ? Float(2 * u - 1) : 0
                }
            }
        } else if let fixedWeights {
            for i in 0..<n { for k in 0..<tasks { lambdas[i * tasks + k] = Float(fixedWeights[k]) } }
        }
        self.lambdas = lambdas
        self.lambdaInputs = inputs
    }

    /// Per-task mean losses (NaN for a task without validation labels) and the objective
    /// Σ_t mean_{present}(λ_{i,t} ℓ_t).
    func evaluate(parameters: UnsafePointer<Float>) -> ([Double], Double) {
        engine.parameters.update(from: parameters, count: engine.layout.count)
        engine.resetLossTotals()
        let chunk = engine.capacity
        rows.features.withUnsafeBufferPointer { x in
            rows.labels.withUnsafeBufferPointer { y in
                lambdas.withUnsafeBufferPointer { lam in
                    lambdaInputs.withUnsafeBufferPointer { lin in
                        var start = 0
                        while start < rows.rows {
                            let r = min(chunk, rows.rows - start)
                            let k = start * tasks
                            engine.labels.update(from: y.baseAddress! + k, count: r * tasks)
                            engine.lambdas.update(from: lam.baseAddress! + k, count: r * tasks)
                            engine.lambdaInputs.update(from: lin.baseAddress! + k, count: r * tasks)
                            engine.forward(input: x.baseAddress! + start * engine.inputs, rows: r, training: false, sharedLambda: false)
                            _ = engine.loss(rows: r, withGradient: false)
                            start += r
                        }
                    }
                }
            }
        }
        var objective = 0.0
        for t in 0..<tasks where engine.lossCounts[t] > 0 {
            objective += engine.weightedLossSums[t] / Double(engine.lossCounts[t])
        }
        return (losses(), objective)
    }

    private func losses() -> [Double] {
        (0..<tasks).map { engine.lossCounts[$0] > 0 ? engine.lossSums[$0] / Double(engine.lossCounts[$0]) : .nan }
    }
}
