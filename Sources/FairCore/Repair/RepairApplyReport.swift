/// What happened to the rows of one `BarycenterRepair.apply` call, per fitted group.
///
/// Counts are indexed like `groupNames` (the fitted groups, sorted), so a group absent from
/// the batch shows 0 rows.
public struct RepairApplyReport: Sendable, Hashable {
    /// The task.
    public let taskName: String
    /// The fitted groups.
    public let groupNames: [String]
    /// Rows of each group in the batch.
    public let rowCounts: [Int]
    /// Rows whose jittered score was below the group's calibration minimum.
    public let belowRangeCounts: [Int]
    /// Rows whose jittered score was above the group's calibration maximum.
    public let aboveRangeCounts: [Int]
    /// Rows whose output was moved by the task's output range.
    public let clippedCounts: [Int]
    /// The out-of-range policy that handled the rows outside the range.
    public let outOfRangePolicy: OutOfRangePolicy
    /// The ε of the call (0 = fully fair, 1 = original scores).
    public let epsilon: Double

    /// Rows outside their group's calibration range, all groups together.
    public var outOfRangeCount: Int { belowRangeCounts.reduce(0, +) + aboveRangeCounts.reduce(0, +) }
}

/// The outputs of a batch apply, in input row order, with its report.
public struct RepairResult: Sendable, Hashable {
    /// One repaired score per input row.
    public let outputs: [Double]
    /// Counts per group.
    public let report: RepairApplyReport
}
