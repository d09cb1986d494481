/// Settings of one training run. Defaults follow the paper's code (Adam 1e-3, batch 128).
public struct TrainingOptions: Sendable, Hashable, Codable {
    /// Number of passes over the training rows.
    public var epochs: Int = 50
    /// Rows per mini-batch (the last batch of an epoch holds the remainder).
    public var batchSize: Int = 128
    /// Adam step size η.
    public var learningRate: Double = 1e-3
    public var beta1: Double = 0.9
    public var beta2: Double = 0.999
    public var epsilon: Double = 1e-8
    /// Decoupled (AdamW) weight decay on weight matrices, not biases; 0 turns it off.
    public var weightDecay: Double = 0
    /// Seed of shuffling, dropout and λ sampling (and of the validation λ draws); each purpose has its
    /// own stream (`SeededGenerator(seed:purpose:)`). The initial weights come from the network given
    /// to the trainer (`MultiTaskNetwork(architecture:seed:)`).
    public var seed: UInt64 = 0
    /// Fixed task weights by task name for an **unconditioned** network (default: 1 for every task).
    /// Not allowed for a conditioned network, whose weights are drawn from its λ ranges.
    public var taskWeights: [String: Double]? = nil
    /// Stop when the validation objective has not improved for a while (needs validation data).
    public var earlyStopping: EarlyStopping? = nil
    /// Threads per mini-batch step. With `threads = k > 1` each batch is cut into k contiguous shards
    /// whose forward and backward passes run in parallel (each shard draws its own dropout masks from
    /// stream "dropout shard s"); the batch gradient is the sum of the shard gradients in shard order,
    /// and the Adam update is split by parameter ranges. The objective is unchanged (each task's mean
    /// is over the whole batch). Results are bit-identical for a given seed and thread count, but
    /// differ between thread counts. The shards run on a `WorkerTeam` whose members spin while they
    /// wait for each other: give each thread a core of its own; on a busy machine every step waits
    /// for its slowest shard (timings in Sources/fair-bench/README.md). The default is 1: no
    /// spinning helper.
    public var threads: Int = 1

    public init(epochs: Int = 50, batchSize: Int = 128, learningRate: Double = 1e-3, seed: UInt64 = 0) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.seed = seed
    }

    /// Throws `FairNetError.invalidOption` naming the first bad setting.
    public func validate() throws(FairNetError) {
        guard epochs >= 1 else { throw .invalidOption(name: "epochs", value: "\(epochs)", allowed: "use at least 1 epoch") }
        guard batchSize >= 1 else { throw .invalidOption(name: "batchSize", value: "\(batchSize)", allowed: "use at least 1 row per batch") }
        guard learningRate.isFinite, learningRate > 0 else {
            throw .invalidOption(name: "learningRate", value: "\(learningRate)", allowed: "use a finite value > 0, e.g. 1e-3")
        }
        guard beta1 >= 0, beta1 < 1 else { throw .invalidOption(name: "beta1", value: "\(beta1)", allowed: "use a value in [0, 1), e.g. 0.9") }
        guard beta2 >= 0, beta2 < 1 else { throw .invalidOption(name: "beta2", value: "\(beta2)", allowed: "use a value in [0, 1), e.g. 0.999") }
        guard epsilon.isFinite, epsilon > 0 else { throw .invalidOption(name: "epsilon", value: "\(epsilon)", allowed: "use a finite value > 0, e.g. 1e-8") }
        guard weightDecay.isFinite, weightDecay >= 0, learningRate * weightDecay < 1 else {
            throw .invalidOption(name: "weightDecay", value: "\(weightDecay)", allowed: "use a finite value >= 0 with learningRate * weightDecay < 1")
        }
        guard threads >= 1 else { throw .invalidOption(name: "threads", value: "\(threads)", allowed: "use at least 1 thread") }
        if let e = earlyStopping {
            guard e.patience >= 1 else { throw .invalidOption(name: "earlyStopping.patience", value: "\(e.patience)", allowed: "use at least 1 epoch") }
            guard e.minImprovement.isFinite, e.minImprovement >= 0 else {
                throw .invalidOption(name: "earlyStopping.minImprovement", value: "\(e.minImprovement)", allowed: "use a finite value >= 0")
            }
        }
    }
}

/// Early stopping on the validation objective (the training objective evaluated without dropout on
/// the validation rows; see `Trainer`).
public struct EarlyStopping: Sendable, Hashable, Codable {
    /// Epochs without an improvement of more than `minImprovement` before stopping.
    public var patience: Int
    /// The smallest decrease of the validation objective that counts as an improvement.
    public var minImprovement: Double
    /// Return the weights of the best validation epoch (true) or of the last epoch run (false).
    public var restoreBest: Bool

    public init(patience: Int = 5, minImprovement: Double = 0, restoreBest: Bool = true) {
        self.patience = patience
        self.minImprovement = minImprovement
        self.restoreBest = restoreBest
    }
}
