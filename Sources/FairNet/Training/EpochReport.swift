/// What the trainer reports after each epoch to the caller's progress sink.
public struct EpochReport: Sendable, Equatable {
    /// 1-based epoch number.
    public let epoch: Int
    /// Epochs requested.
    public let epochs: Int
    /// Task names, in the order of the loss arrays.
    public let tasks: [String]
    /// Each task's mean loss over the epoch's present labels (squared error or cross-entropy,
    /// unweighted by λ, with dropout active).
    public let trainingLoss: [Double]
    /// The epoch's mean batch objective Σ_t λ-weighted means (what the optimiser minimises).
    public let trainingObjective: Double
    /// Each task's mean loss on the validation rows (no dropout), when validation data were given.
    public let validationLoss: [Double]?
    /// The validation objective used by early stopping, when validation data were given.
    public let validationObjective: Double?
    /// Seconds since training started.
    public let elapsed: Double
    /// Estimated seconds to finish the requested epochs (mean epoch time × epochs left).
    public let estimatedRemaining: Double
    /// Whether this epoch improved the best validation objective so far by more than
    /// `EarlyStopping.minImprovement` (0 without early stopping); false without validation data.
    public let isBest: Bool
}

/// The outcome of a training run.
public struct TrainingResult: Sendable {
    /// The trained network (a new value; the network passed in is unchanged).
    public let model: MultiTaskNetwork
    /// One report per completed epoch.
    public let history: [EpochReport]
    /// Whether early stopping ended the run before the requested epochs.
    public let stoppedEarly: Bool
}
