/// One task's test metrics of one model in one run: performance (MSE for regression, ROC-AUC for
/// classification) and unfairness (KS), before and after the repair calibrated on the pool.
public struct ScarcityTaskMetrics: Sendable, Hashable, Codable {
    public var performance: Double
    public var performanceAfter: Double
    public var ks: KSMeasurement
    public var ksAfter: KSMeasurement
}

/// Everything recorded for one seed and one missing-label level.
public struct ScarcityRunResult: Sendable, Hashable, Codable {
    public var seed: UInt64
    /// Nominal share of the regression task's training labels removed.
    public var fraction: Double
    /// Realised share among the training rows (Bernoulli masking, D17).
    public var realisedFraction: Double
    /// Regression labels left for training and for choosing λ.
    public var trainingLabels: Int, validationLabels: Int
    /// The regression task's weight chosen by Algorithm 2 (classification weight 1); `nil` when no
    /// validation row kept its label, and then `lambdaFallback` was used.
    public var chosenLambda: Double?
    public var lambdaUsed: Double
    public var testCounts: [Int], poolCounts: [Int]
    /// KS noise floor of the test groups, and the KS expected after a repair calibrated on the pool.
    public var noiseFloor: Double, poolFloor: Double
    public var mtlRegression: ScarcityTaskMetrics
    public var mtlClassification: ScarcityTaskMetrics
    public var stlRegression: ScarcityTaskMetrics
    /// The single-task classifier does not see the regression labels: one model per seed, the same
    /// numbers at every level.
    public var stlClassification: ScarcityTaskMetrics
    /// Wall seconds of this run (not part of the deterministic results).
    public var seconds: Double
}
