import FairCore

/// The unfairness of one score column on one set of rows, with what is needed to read it:
/// `U` = the largest two-sample KS statistic between groups, its noise floor, its p-value and a
/// seeded percentile-bootstrap interval (EXPERIMENTS.md §5: a KS is never shown
/// without its floor).
///
/// ## Mathematical properties
/// - `statistic` is `PairwiseKolmogorovSmirnov.statistic` (exact, ties handled); with two groups it
///   is the KS statistic between them.
/// - `noiseFloor = 0.87·sqrt(1/n₁ + 1/n₂)` of the pair that attains the maximum: the mean of `D`
///   when both groups come from one law (exact DP).
/// - `pValue`: the two-sided p-value of that pair (`KolmogorovSmirnov.pValue`, as scipy's
///   `ks_2samp` default: exact up to 10,000 rows a group, asymptotic above) under "one law for
///   both groups".
/// - `lower`, `upper`: the 95% percentile-bootstrap interval (`KolmogorovSmirnovBootstrap`,
///   groups resampled within group). It is biased upwards near `U = 0`: it describes the
///   sampling variability of `U`, it is not a test of exact DP.
public struct KSMeasurement: Sendable, Hashable, Codable {
    public var statistic: Double
    public var noiseFloor: Double
    public var pValue: Double
    /// The bootstrap interval's ends; nil when no replicates were drawn.
    public var lower: Double?
    public var upper: Double?

    /// Measures `values` split by `groups`; `replicates` bootstrap draws from `seed` (0 replicates:
    /// no interval).
    public init(values: [Double], groups: GroupColumn, replicates: Int, seed: UInt64) throws {
        let pairwise = try PairwiseKolmogorovSmirnov(values: values, groups: groups)
        let test = pairwise.maximum.test
        statistic = pairwise.statistic
        noiseFloor = test.noiseFloor
        pValue = test.pValue
        if replicates > 0 {
            let bootstrap = try KolmogorovSmirnovBootstrap(values: values, groups: groups, replicates: replicates, level: 0.95, seed: seed)
            lower = bootstrap.lower
            upper = bootstrap.upper
        } else {
            lower = nil
            upper = nil
        }
    }
}
