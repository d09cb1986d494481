import FairSupport

/// A seeded percentile-bootstrap confidence interval for the unfairness
/// `U = max over pairs of groups of KS` (`PairwiseKolmogorovSmirnov.statistic`).
///
/// Each replicate resamples every group **within the group**, with replacement, keeping the
/// group sizes, and recomputes `U`. Replicate `r` draws from its own generator
/// `SeededGenerator(seed: seed, stream: r)` (groups in name order), so a result is a pure
/// function of the data and the seed, and raising `replicates` keeps the first replicates.
///
/// ## Mathematical properties
/// - Resampling a sorted group of size `n` draws `n` indices uniformly in `0..<n` and expands
///   their multiplicities in index order, which yields the sorted resample directly (O(n), no
///   sort).
/// - The interval is `[R_(lo), R_(hi)]` of the sorted replicate statistics `R_(1) ≤ … ≤ R_(B)`
///   (generalized-inverse quantiles) with `lo = ⌈B(1 − level)/2⌉` and `hi = ⌈B(1 + level)/2⌉`,
///   clamped to `1…B`; the products are rounded down by 1e-9 before the ceiling so that e.g.
///   `B = 1000, level = 0.95` gives ranks 25 and 975 despite the binary rounding of 0.95.
/// - The percentile bootstrap of a maximum of KS statistics is biased upwards (the statistic
///   is at least the noise floor even when the groups share one law): read the interval as
///   the sampling variability of `U`, not as a test of `U = 0`.
/// - Cost: `B` replicates of O(n + k² n).
public struct KolmogorovSmirnovBootstrap: Sendable, Hashable {
    /// `U` on the data.
    public let estimate: Double
    /// Lower end of the interval.
    public let lower: Double
    /// Upper end of the interval.
    public let upper: Double
    /// Confidence level in (0, 1).
    public let level: Double
    /// The seed the replicates were drawn from.
    public let seed: UInt64
    /// The `B` replicate statistics, in replicate order (replicate `r` at index `r`).
    public let replicateStatistics: [Double]

    /// Number of replicates `B`.
    public var replicates: Int { replicateStatistics.count }

    /// Largest accepted number of replicates.
    public static let maximumReplicates = 1_000_000

    /// The bootstrap interval of `U` for `values` split by `groups`.
    /// - Throws: `FairCoreError.invalidParameter` (replicates or level), and the errors of
    ///   `PairwiseKolmogorovSmirnov.init(values:groups:)`.
    public init(values: [Double], groups: GroupColumn, replicates: Int = 1000, level: Double = 0.95,
                seed: UInt64) throws(FairCoreError) {
        try Self.validate(replicates: replicates, level: level)
        if groups.names.count < 2 { throw .tooFewGroups(found: groups.names.count, needed: 2) }
        try self.init(SortedGroups(values: values, groups: groups), replicates: replicates, level: level, seed: seed)
    }

    /// The bootstrap interval of `U` for already sorted groups.
    /// - Throws: `FairCoreError.invalidParameter` (replicates or level), `.tooFewGroups`.
    public init(_ groups: SortedGroups, replicates: Int = 1000, level: Double = 0.95, seed: UInt64) throws(FairCoreError) {
        try Self.validate(replicates: replicates, level: level)
        try groups.requireTwoGroups()
        let estimate = try PairwiseKolmogorovSmirnov(groups).statistic
        let k = groups.names.count
        var statistics = [Double](repeating: 0, count: replicates)
        var resampled = groups.samples
        var multiplicity = [Int32](repeating: 0, count: groups.samples.map(\.count).max() ?? 0)
        for r in 0..<replicates {
            var generator = SeededGenerator(seed: seed, stream: UInt64(r))
            for g in 0..<k {
                Self.resample(groups.samples[g], into: &resampled[g], multiplicity: &multiplicity, &generator)
            }
            statistics[r] = Self.maximumStatistic(resampled)
        }
        let sorted = RadixSort.sorted(statistics)
        let (lo, hi) = Self.ranks(replicates: replicates, level: level)
        self.estimate = estimate
        self.lower = sorted[lo - 1]
        self.upper = sorted[hi - 1]
        self.level = level
        self.seed = seed
        self.replicateStatistics = statistics
    }

    /// The 1-based ranks of the interval ends among `replicates` sorted statistics.
    static func ranks(replicates: Int, level: Double) -> (Int, Int) {
        let b = Double(replicates)
        func rank(_ p: Double) -> Int {
            let r = Int((b * p - 1e-9).rounded(.up))
            return min(replicates, max(1, r))
        }
        return (rank((1 - level) / 2), rank((1 + level) / 2))
    }

    static func validate(replicates: Int, level: Double) throws(FairCoreError) {
        if replicates < 1 || replicates > maximumReplicates {
            throw .invalidParameter(name: "replicates", value: "\(replicates)",
                                    allowed: "use between 1 and \(maximumReplicates) bootstrap replicates (1000 is typical)")
        }
        if !(level > 0 && level < 1) {
            throw .invalidParameter(name: "level", value: "\(level)",
                                    allowed: "the confidence level must lie strictly between 0 and 1 (e.g. 0.95)")
        }
    }

    /// A sorted resample with replacement of the sorted `sample`, written into `output`.
    static func resample(_ sample: [Double], into output: inout [Double], multiplicity: inout [Int32],
                         _ generator: inout SeededGenerator) {
        let n = sample.count
        multiplicity.withUnsafeMutableBufferPointer { m in
            for i in 0..<n { m[i] = 0 }
            for _ in 0..<n { m[generator.nextInt(below: n)] &+= 1 }
            sample.withUnsafeBufferPointer { s in
                output.withUnsafeMutableBufferPointer { out in
                    var at = 0
                    for i in 0..<n {
                        let v = s[i]
                        for _ in 0..<Int(m[i]) { out[at] = v; at &+= 1 }
                    }
                }
            }
        }
    }

    /// `U` of sorted groups (at least two, non-empty).
    static func maximumStatistic(_ samples: [[Double]]) -> Double {
        var best: KolmogorovSmirnov?
        for i in 0..<samples.count {
            for j in (i + 1)..<samples.count {
                let test = samples[i].withUnsafeBufferPointer { a in
                    samples[j].withUnsafeBufferPointer { b in KolmogorovSmirnov(unchecked: a, b) }
                }
                if best.map({ test.exceeds($0) }) ?? true { best = test }
            }
        }
        return best?.statistic ?? 0
    }
}
