/// The exact two-sample Kolmogorov–Smirnov statistic `D = sup_u |F_a(u) − F_b(u)|`, the
/// paper's empirical unfairness between two groups (METHOD.md §2.5, §6.6).
///
/// The core is one linear merge walk over sorted samples: it visits every distinct pooled value
/// once, after consuming its whole tie block in both samples, and compares the integer counts
/// `n_b·#{a ≤ u} − n_a·#{b ≤ u}` exactly. No grid, no per-point binary search.
/// - `init(sortedA:sortedB:)` walks samples that are already sorted (O(n)).
/// - `init(_:_:)` takes samples in any order and uses `BucketedKolmogorovSmirnov`: a radix
///   bucketing of the keys whose counts bound the supremum, so that only the buckets that can
///   hold it are sorted (`RadixSort`) and walked — a few linear passes when the samples differ,
///   about one radix sort of the data when they share one law; same exact result.
///
/// ## Mathematical properties
/// - ECDFs are right-continuous: `F(u) = #{z ≤ u}/n`. The supremum is attained at a pooled
///   sample value, so `D` is exact, with any number of ties; it equals the `statistic` of
///   scipy's `ks_2samp(a, b)` (scipy forms `F_a − F_b` in floating point, so the last bit
///   may differ; here `statistic = countDifference / (n_a n_b)` is one correctly rounded quotient).
/// - `D ∈ [0, 1]`; `D = 0` iff the two ECDFs are equal; `D = 1` iff the supports are
///   separated (every value of one sample is below every value of the other).
/// - Symmetric: swapping the samples exchanges the two one-sided maxima (`swapped`), so `D` is
///   unchanged and `sign` flips, except when both sides attain `D` (then `sign` stays `+1`).
/// - `location` is the smallest pooled value `u` at which the reported side attains `D`; `sign`
///   is `+1` when `F_a(u) − F_b(u) = D` (preferred when both sides attain `D`, as in scipy) and
///   `−1` when `F_b(u) − F_a(u) = D`. scipy picks its `statistic_location` among values that
///   attain `D` in floating point (sample `a`'s values first), so where several values attain
///   `D` exactly, its choice can differ (e.g. `a = [1, 2, 3], b = [1.5, 2.5, 3.5]`: here 1,
///   scipy 3, because it rounds `1 − 2/3` above `1/3`).
/// - Inputs must be non-empty and finite (checked; the error names the row). `-0.0 == 0.0`.
public struct KolmogorovSmirnov: Sendable, Hashable, Codable {
    /// Size of the first sample.
    public let n1: Int
    /// Size of the second sample.
    public let n2: Int
    /// `max_u (n2·#{a ≤ u} − n1·#{b ≤ u})` (the side `F_a > F_b`) and the smallest `u` attaining it.
    let plusCount: Int
    let plusLocation: Double
    /// `max_u (n1·#{b ≤ u} − n2·#{a ≤ u})` (the side `F_b > F_a`) and the smallest `u` attaining it.
    let minusCount: Int
    let minusLocation: Double

    /// `D = sup_u |F_a(u) − F_b(u)|`.
    public var statistic: Double { Double(countDifference) / (Double(n1) * Double(n2)) }
    /// `|n2·#{a ≤ u} − n1·#{b ≤ u}|` at `location`: `statistic = countDifference / (n1 · n2)` exactly.
    public var countDifference: Int { max(plusCount, minusCount) }
    /// `+1` if `F_a(location) − F_b(location) = D`, `−1` if `F_b(location) − F_a(location) = D`.
    public var sign: Int { plusCount >= minusCount ? 1 : -1 }
    /// The smallest pooled value at which `sign · (F_a(u) − F_b(u)) = D`.
    public var location: Double { sign > 0 ? plusLocation : minusLocation }

    /// The statistic between two samples in any order, in a few linear passes
    /// (`BucketedKolmogorovSmirnov`: bucket counts bound the supremum, and only the buckets that
    /// can hold it are sorted and walked).
    /// - Throws: `FairCoreError.emptyInput` or `.nonFiniteValue` (naming the sample and row).
    public init(_ a: [Double], _ b: [Double]) throws(FairCoreError) {
        let (aLow, aHigh) = try a.withUnsafeBufferPointer { (buffer) throws(FairCoreError) in
            try InputChecks.finiteKeyRange(buffer, "first sample")
        }
        let (bLow, bHigh) = try b.withUnsafeBufferPointer { (buffer) throws(FairCoreError) in
            try InputChecks.finiteKeyRange(buffer, "second sample")
        }
        let state = a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                BucketedKolmogorovSmirnov.pairs(BucketedKolmogorovSmirnov.TwoSamples(a: pa, b: pb),
                                                sizes: [pa.count, pb.count],
                                                low: Swift.min(aLow, bLow), high: Swift.max(aHigh, bHigh))[0]
            }
        }
        self.init(state, n1: a.count, n2: b.count)
    }

    /// The statistic between two samples already sorted ascending (checked in one linear pass).
    /// - Throws: `FairCoreError.emptyInput`, `.nonFiniteValue`, or `.notSorted` naming the row.
    public init(sortedA a: [Double], sortedB b: [Double]) throws(FairCoreError) {
        try a.withUnsafeBufferPointer { (buffer) throws(FairCoreError) in try InputChecks.sortedSample(buffer, "first sample") }
        try b.withUnsafeBufferPointer { (buffer) throws(FairCoreError) in try InputChecks.sortedSample(buffer, "second sample") }
        self = a.withUnsafeBufferPointer { sa in
            b.withUnsafeBufferPointer { sb in Self(unchecked: sa, sb) }
        }
    }

    /// Sorted, finite, non-empty samples (not checked).
    init(unchecked a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>) {
        let walk = Self.walk(a, b)
        self.init(n1: a.count, n2: b.count, plusCount: walk.plus, plusLocation: walk.plusAt,
                  minusCount: walk.minus, minusLocation: walk.minusAt)
    }

    /// The result of the bucketed engine for one pair.
    init(_ state: BucketedKolmogorovSmirnov.PairState, n1: Int, n2: Int) {
        self.init(n1: n1, n2: n2,
                  plusCount: state.plus, plusLocation: RadixSort.value(ofKey: state.plusAt),
                  minusCount: state.minus, minusLocation: RadixSort.value(ofKey: state.minusAt))
    }

    init(n1: Int, n2: Int, plusCount: Int, plusLocation: Double, minusCount: Int, minusLocation: Double) {
        self.n1 = n1
        self.n2 = n2
        self.plusCount = plusCount
        self.plusLocation = plusLocation
        self.minusCount = minusCount
        self.minusLocation = minusLocation
    }

    /// The same test with the samples swapped: equal statistic; `sign` and the sides exchanged.
    public var swapped: KolmogorovSmirnov {
        KolmogorovSmirnov(n1: n2, n2: n1, plusCount: minusCount, plusLocation: minusLocation,
                          minusCount: plusCount, minusLocation: plusLocation)
    }

    /// The two-sided p-value `P(D ≥ statistic)` under one common continuous law, as scipy's
    /// default `ks_2samp(a, b)` (`method='auto'`): exact (`SmirnovDistribution`) when both
    /// samples have at most `exactPValueLimit` rows, else asymptotic (`asymptoticPValue`).
    /// `pValueMethod` says which was used.
    ///
    /// ## Mathematical properties
    /// - Exact for continuous laws; with ties the exact p-value is conservative (too large).
    /// - Equal to scipy 1.17's `ks_2samp(a, b).pvalue` to about 1e-15 relative (tested), e.g.
    ///   1/3 for `[1, 2]` against `[3, 4]` (`D = 1`), where the asymptotic formula gives 0.
    /// - One departure from scipy, to bound the cost: when the exact recursion would take more
    ///   than `exactStepLimit` (2.5·10⁷) steps, the asymptotic value is used. With both sizes at
    ///   most 10,000 that happens only for unequal sizes above about 2,500 and large `D`, where
    ///   the asymptotic p-value is below 2e-68 (largest at 10,000 against 9,999 rows, `D ≈ 0.125`),
    ///   so no decision at any usual level changes. (The limit keeps the worst case below
    ///   10,000 rows under a second; timings in Sources/fair-bench/README.md.)
    public var pValue: Double { pValueAndMethod.p }

    /// `pValue` and the method that gave it: exact up to `exactPValueLimit` rows a sample,
    /// unless the exact sum rounds outside [0, 1] (it can exceed 1 by an ulp when the p-value
    /// is 1), where scipy too falls back to the asymptotic value.
    public var pValueAndMethod: (p: Double, method: PValueMethod) {
        let h = reducedCount
        if max(n1, n2) <= Self.exactPValueLimit, SmirnovDistribution.steps(m: n1, n: n2, h: h) <= Self.exactStepLimit,
            let p = SmirnovDistribution.survival(m: n1, n: n2, h: h)
        {
            return (p, .exact)
        }
        return (Self.pValueUnchecked(statistic, n1, n2), .asymptotic)
    }

    /// How `pValue` is computed.
    public enum PValueMethod: String, Sendable, Hashable, Codable {
        /// Smirnov's exact null distribution (`SmirnovDistribution`).
        case exact
        /// The one-sample Kolmogorov law at the effective size (`asymptoticPValue`).
        case asymptotic
    }

    /// The method of `pValue` (see `pValueAndMethod`).
    public var pValueMethod: PValueMethod { pValueAndMethod.method }

    /// The largest sample size for which `pValue` is exact: 10,000, scipy 1.17's rule for
    /// `method='auto'` (exact when `max(n1, n2) ≤ 10000`).
    public static let exactPValueLimit = 10_000

    /// The most steps of the exact recursion `pValue` takes (see its departure from scipy).
    public static let exactStepLimit = 25_000_000

    /// `countDifference / gcd(n1, n2)`: the statistic as an integer multiple of `1 / lcm(n1, n2)`.
    var reducedCount: Int { countDifference / SmirnovDistribution.greatestCommonDivisor(n1, n2) }

    /// The KS noise floor for these sample sizes; see `noiseFloor(n1:n2:)`.
    public var noiseFloor: Double { Self.noiseFloor(n1: n1, n2: n2) }

    /// Whether `self` is a larger discrepancy than `other`, comparing the exact fractions
    /// `countDifference / (n1 n2)` (no rounding).
    public func exceeds(_ other: KolmogorovSmirnov) -> Bool {
        let lhs = countDifference.multipliedFullWidth(by: other.n1 * other.n2)
        let rhs = other.countDifference.multipliedFullWidth(by: n1 * n2)
        return lhs.high > rhs.high || (lhs.high == rhs.high && lhs.low > rhs.low)
    }

    // MARK: - Noise floor and p-value

    /// `sqrt(π/2) · ln 2 · sqrt(1/n1 + 1/n2) ≈ 0.8687 sqrt(1/n1 + 1/n2)`: the asymptotic mean of
    /// `D` between two independent samples of sizes `n1`, `n2` from the same continuous law
    /// (`sqrt(π/2) ln 2` is the mean of the Kolmogorov distribution). Report it next to every KS.
    ///
    /// ## Mathematical properties
    /// - Asymptotic: exact in the limit `n1 n2/(n1 + n2) → ∞`; for small groups the mean of `D`
    ///   is somewhat larger (the statistic is discrete).
    /// - Sizes below 1 give `nan`.
    public static func noiseFloor(n1: Int, n2: Int) -> Double {
        if n1 < 1 || n2 < 1 { return .nan }
        return meanOfKolmogorov * (1 / Double(n1) + 1 / Double(n2)).squareRoot()
    }

    /// `sqrt(π/2) · ln 2`, the mean of the Kolmogorov distribution.
    public static let meanOfKolmogorov = (Double.pi / 2).squareRoot() * 0.693_147_180_559_945_3

    /// The asymptotic two-sided p-value `P(D ≥ statistic)` under the null hypothesis that both
    /// samples come from one continuous law, computed exactly as scipy 1.17's
    /// `ks_2samp(..., method='asymp')`: `kstwo.sf(statistic, m)`, the one-sample KS law
    /// (`KolmogorovDistribution.survival`) at `m = round(n1 n2 / (n1 + n2))` (ties to even).
    ///
    /// ## Mathematical properties
    /// - This is Smirnov's asymptotic approximation of the two-sample law; `pValue` uses it only
    ///   above `exactPValueLimit` rows (see `exactPValue` for the exact law). For small samples
    ///   it can be far off: 2 against 2 rows with `D = 1` give 0 here, 1/3 exactly.
    /// - Non-increasing in `statistic`; 1 at `statistic = 0`, 0 at `statistic = 1`.
    /// - When `m` rounds to 0 (`n1 = n2 = 1`), returns 1: `D ≤ 1` always holds (scipy returns nan).
    /// - Throws: `FairCoreError.invalidParameter` when a size is below 1 or `statistic` is not in [0, 1].
    public static func asymptoticPValue(statistic: Double, n1: Int, n2: Int) throws(FairCoreError) -> Double {
        if n1 < 1 || n2 < 1 {
            throw .invalidParameter(name: "sample sizes", value: "(\(n1), \(n2))", allowed: "both sizes must be at least 1")
        }
        if !(statistic >= 0 && statistic <= 1) {
            throw .invalidParameter(name: "statistic", value: "\(statistic)", allowed: "a KS statistic lies in [0, 1]")
        }
        return pValueUnchecked(statistic, n1, n2)
    }

    /// The exact two-sided p-value `P(D ≥ statistic)` for sample sizes `n1`, `n2` under one
    /// common continuous law, as scipy 1.17's `ks_2samp(..., method='exact')`
    /// (`SmirnovDistribution`): the statistic is first rounded to the nearest multiple of
    /// `1 / lcm(n1, n2)`, the values it can take.
    ///
    /// ## Mathematical properties
    /// - Exact for continuous laws; conservative with ties. Non-increasing in `statistic`, 1 at 0.
    /// - Cost O(n1 · n2 · min(1, 2·statistic)) for unequal sizes, O(n) for equal ones.
    /// - Throws: `FairCoreError.invalidParameter` when a size is below 1, `statistic` is not in
    ///   [0, 1], or `lcm(n1, n2)` is 2³¹ or more (scipy's limit; use `asymptoticPValue`).
    public static func exactPValue(statistic: Double, n1: Int, n2: Int) throws(FairCoreError) -> Double {
        _ = try asymptoticPValue(statistic: statistic, n1: n1, n2: n2)  // validates the arguments
        let g = SmirnovDistribution.greatestCommonDivisor(n1, n2)
        let (lcm, overflow) = (n1 / g).multipliedReportingOverflow(by: n2)
        if overflow || lcm >= Int(Int32.max) {
            throw .invalidParameter(name: "sample sizes", value: "(\(n1), \(n2))",
                                    allowed: "the exact law needs lcm(n1, n2) below 2^31; use the asymptotic p-value")
        }
        let h = Int((statistic * Double(lcm)).rounded(.toNearestOrEven))
        guard let p = SmirnovDistribution.survival(m: n1, n: n2, h: h) else {
            throw .invalidParameter(name: "statistic", value: "\(statistic)", allowed: "the exact recursion left [0, 1]; use the asymptotic p-value")
        }
        return p
    }

    static func pValueUnchecked(_ statistic: Double, _ n1: Int, _ n2: Int) -> Double {
        let larger = Double(max(n1, n2)), smaller = Double(min(n1, n2))
        let effective = (larger * smaller / (larger + smaller)).rounded(.toNearestOrEven)
        if effective < 1 { return 1 }
        return KolmogorovDistribution.survivalUnchecked(statistic, Int(effective))
    }

    // MARK: - The merge walk

    struct WalkResult<T> {
        /// max over pooled values of `n_b·i − n_a·j` (`F_a − F_b` scaled), and where first attained.
        var plus: Int
        var plusAt: T
        /// max of `n_a·j − n_b·i`, and where first attained.
        var minus: Int
        var minusAt: T
    }

    /// One pass over two sorted non-empty samples: at each distinct pooled value `v` (after
    /// consuming the tie block of `v` in both samples), `i = #{a ≤ v}`, `j = #{b ≤ v}`.
    /// Once either sample is exhausted, `|F_a − F_b|` can only decrease, so the walk stops there
    /// (the side that is then negative rises to 0 at the largest pooled value).
    @inline(__always)
    static func walk<T: Comparable>(_ a: UnsafeBufferPointer<T>, _ b: UnsafeBufferPointer<T>) -> WalkResult<T> {
        let n1 = a.count, n2 = b.count
        var result = WalkResult(plus: Int.min, plusAt: a[0], minus: Int.min, minusAt: a[0])
        var i = 0, j = 0
        var x = a[0], y = b[0]
        while true {
            let v = Swift.min(x, y)
            i &+= x == v ? 1 : 0
            j &+= y == v ? 1 : 0
            if i == n1 || j == n2 {
                // Finish the tie block of v in the other sample, evaluate once, and stop.
                while i < n1 && a[i] == v { i &+= 1 }
                while j < n2 && b[j] == v { j &+= 1 }
                let d = i &* n2 &- j &* n1
                if d > result.plus { result.plus = d; result.plusAt = v }
                if -d > result.minus { result.minus = -d; result.minusAt = v }
                // Past this point one side's difference only shrinks, and the other's rises to 0,
                // reached at the largest pooled value: a side that stayed negative peaks there.
                let last = Swift.max(a[n1 - 1], b[n2 - 1])
                if result.plus < 0 { result.plus = 0; result.plusAt = last }
                if result.minus < 0 { result.minus = 0; result.minusAt = last }
                return result
            }
            x = a[i]
            y = b[j]
            // Both heads are >= v; the tie block of v is complete when both exceed it.
            if x != v && y != v {
                let d = i &* n2 &- j &* n1
                if d > result.plus { result.plus = d; result.plusAt = v }
                if -d > result.minus { result.minus = -d; result.minusAt = v }
            }
        }
    }

}
