import FairSupport

/// The settings of one task's barycenter repair, fixed at fit time and stored in the fitted
/// value (and in its saved file).
///
/// ## Mathematical properties
/// - `jitterHalfWidth` `u >= 0`: every score `x` (pool and apply) is replaced by
///   `y = x + ζ` with `ζ ~ U(-u, u)` drawn by `KeyedNoise.symmetric(seed:stream:key:halfWidth:)`
///   from `(seed, stableHash(task name), row ID)`, so a row always gets the same noise
///   (METHOD.md §4.2). `u = 0` gives exactly `y = x`.
/// - `splitCalibration`: each group's pool is split into a CDF half (`floor(n/2)` points) and a
///   quantile half (the rest), chosen by a seeded hash of the row IDs (Chzhen et al.). The
///   identity `Q_s ∘ F_s = id` on calibration points then no longer holds exactly.
/// - `minimumGroupSize`: a group with fewer pool points is an error at fit time;
///   `warningGroupSize`: fewer pool points give a warning in the fit report.
public struct RepairOptions: Sendable, Hashable, Codable {
    /// Jitter half-width `u` (the paper's `U(-u, u)`); 0 disables jitter.
    public var jitterHalfWidth: Double
    /// Seed of the jitter (and of the calibration split).
    public var seed: UInt64
    /// The empirical CDF / quantile pair.
    public var convention: RepairConvention
    /// What happens outside a group's calibration range.
    public var outOfRange: OutOfRangePolicy
    /// Optional clipping of the outputs (e.g. `.unitInterval` for probabilities).
    public var outputRange: OutputRange?
    /// Split each group's pool into a CDF half and a quantile half.
    public var splitCalibration: Bool
    /// Fewer pool points in a group is an error.
    public var minimumGroupSize: Int
    /// Fewer pool points in a group is a warning.
    public var warningGroupSize: Int

    /// Defaults: no jitter, seed 0, Convention A, clamp, no output range, no split, error below
    /// 10 points per group, warning below 100.
    public init(
        jitterHalfWidth: Double = 0,
        seed: UInt64 = 0,
        convention: RepairConvention = .generalizedInverse,
        outOfRange: OutOfRangePolicy = .clamp,
        outputRange: OutputRange? = nil,
        splitCalibration: Bool = false,
        minimumGroupSize: Int = 10,
        warningGroupSize: Int = 100
    ) {
        self.jitterHalfWidth = jitterHalfWidth
        self.seed = seed
        self.convention = convention
        self.outOfRange = outOfRange
        self.outputRange = outputRange
        self.splitCalibration = splitCalibration
        self.minimumGroupSize = minimumGroupSize
        self.warningGroupSize = warningGroupSize
    }

    /// The smallest group the repair can work with under these options (2 with a split, so
    /// that both halves are non-empty).
    var effectiveMinimumGroupSize: Int { max(minimumGroupSize, splitCalibration ? 2 : 1) }

    /// Checks every setting.
    /// - Throws: `FairCoreError.invalidParameter` naming the setting.
    func validate() throws(FairCoreError) {
        if !(jitterHalfWidth.isFinite && jitterHalfWidth >= 0) {
            throw .invalidParameter(
                name: "jitter half-width", value: "\(jitterHalfWidth)",
                allowed: "a finite number >= 0 (0 disables jitter; the paper uses e.g. 0.001)")
        }
        if minimumGroupSize < 1 {
            throw .invalidParameter(
                name: "minimum group size", value: "\(minimumGroupSize)",
                allowed: "an integer >= 1 (each group needs calibration points)")
        }
        if warningGroupSize < 0 {
            throw .invalidParameter(name: "warning group size", value: "\(warningGroupSize)", allowed: "an integer >= 0")
        }
    }
}
