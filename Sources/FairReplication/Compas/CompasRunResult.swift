/// The metrics of one post-processing variant of one task on the test rows.
public struct RepairedTaskMetrics: Sendable, Hashable, Codable {
    public var auc: Double
    public var ks: KSMeasurement
    /// DP gap of `1{score ≥ 1/2}`.
    public var dpGap: Double
    /// Test rows outside their group's calibration range (clamped).
    public var outOfRange: Int
    /// Within-group pairs the repair reversed, and pairs it tied (`RankPreservation`, tolerance 0).
    /// With jitter u > 0 the map is monotone in the jittered score, so pairs of scores closer than
    /// 2u may be reversed; with u = 0 both counts of reversals must be 0.
    public var inversions: Int
    public var tiedByMap: Int
}

/// The test metrics of one task of one model family (MTL or STL) in one run.
public struct TaskRunMetrics: Sendable, Hashable, Codable {
    public var aucBefore: Double
    /// AUC of this task's score against task 1's labels (the reference code's D6 bug, for task 2 only).
    public var aucAgainstTask1Labels: Double?
    public var ksBefore: KSMeasurement
    /// KS between the groups' predictions on the **training** rows: what the reference code reports
    /// as the unfairness before repair (`unfairness_1`, `unfairness_2` in `simulation_compas.py`).
    public var ksBeforeOnTrainingRows: Double
    public var dpGapBefore: Double
    /// Calibrated on the independent unlabeled pool (the paper's Remark 2).
    public var pool: RepairedTaskMetrics
    /// Calibrated on the training rows' own predictions (the reference code).
    public var train: RepairedTaskMetrics
}

/// The joint diagnostic of a model family's two task scores on the test rows, before repair and
/// after each repair.
public struct JointRunDiagnostic: Sendable, Hashable, Codable {
    public var before: JointDiagnostic
    public var pool: JointDiagnostic
    public var train: JointDiagnostic
}

/// Everything recorded for one seed (EXPERIMENTS.md §7).
public struct CompasRunResult: Sendable, Hashable, Codable {
    public var seed: UInt64
    /// Rows per group (in the dataset's group-name order) of train, pool and test.
    public var trainCounts: [Int], poolCounts: [Int], testCounts: [Int]
    /// KS noise floor of the test groups.
    public var noiseFloor: Double
    /// The KS expected after a repair calibrated on `poolCounts` / `trainCounts` (`calibratedFloor`).
    public var poolFloor: Double, trainFloor: Double
    /// task name → metrics.
    public var mtl: [String: TaskRunMetrics]
    public var stl: [String: TaskRunMetrics]
    public var mtlJoint: JointRunDiagnostic
    public var stlJoint: JointRunDiagnostic
    /// Seconds: multi-task training, both single-task trainings, the whole run (not part of the
    /// deterministic results).
    public var mtlTrainSeconds: Double, stlTrainSeconds: Double, seconds: Double
}
