/// What a fitted repair was fitted on, and its warnings. The library never prints: callers
/// (REPL, scripts) decide how to show the warnings.
public struct RepairFitReport: Sendable, Hashable {
    /// The task.
    public let taskName: String
    /// Fitted group names, sorted.
    public let groupNames: [String]
    /// Pool points per group.
    public let poolCounts: [Int]
    /// Barycenter weights per group.
    public let weights: [Double]
    /// Per group, the number of CDF-sample points equal to their predecessor (after jitter):
    /// 0 means the sample has no ties.
    public let tiedCalibrationPoints: [Int]
    /// Warnings, in group order.
    public let warnings: [RepairWarning]
}

/// A condition that does not stop a fit but weakens its guarantees.
public enum RepairWarning: Sendable, Hashable, CustomStringConvertible {
    /// A group with fewer pool points than the warning size: its quantile function is coarse
    /// and the fairness after repair is limited by about `sqrt(π/2)·ln 2·sqrt(2 / count) ≈ 0.8687 sqrt(2 / count)`.
    case smallGroup(name: String, count: Int, warningSize: Int)
    /// Tied calibration values with jitter 0 under Convention A: the continuity assumption
    /// fails, so a tie block maps to one value and the repaired laws can stay apart.
    case tiedCalibrationValues(name: String, tiedPoints: Int, count: Int)

    public var description: String {
        switch self {
        case let .smallGroup(name, count, warningSize):
            return "group \"\(name)\" has only \(count) calibration point\(count == 1 ? "" : "s") (warning below \(warningSize)): its repaired law is coarse. Use a larger calibration pool if you can."
        case let .tiedCalibrationValues(name, tiedPoints, count):
            return "group \"\(name)\" has \(tiedPoints) tied calibration value\(tiedPoints == 1 ? "" : "s") out of \(count) and jitter is 0: ties break the continuity assumption. Set a small jitter half-width (e.g. 0.001) or use the mid-rank convention."
        }
    }
}
