/// An immutable empirical distribution: a finite, non-empty sample kept sorted ascending.
///
/// This is the object behind every group-wise CDF `F_s` and quantile function `Q_s` of the
/// barycenter repair (METHOD.md §4.4, Convention A).
///
/// ## Mathematical properties
/// - **ECDF.** `F(y) = #{z <= y} / n`, right-continuous; `count(atOrBelow:)` is the integer
///   numerator (an upper-bound bisection), `count(below:)` the strict count `#{z < y}`.
/// - **Quantile.** The generalized inverse `Q(v) = inf{y : F(y) >= v} = z_(ceil(v n))` for
///   `v` in (0, 1], and `Q(0) = z_(1)`. `quantile(_:)` takes the exact ceiling of the real
///   product `v * n` for the given `Double` `v` (no rounding of the product).
/// - **Composition through integer ranks.** `Q_b(F_a(y))` is computed as the order statistic
///   `z_(max(1, ceil(r * n_b / n_a)))` of `b`, with `r = #{z_a <= y}`, in integer arithmetic
///   (`composedRank(_:from:to:)`). No float level is formed, so `Q_a(F_a(z)) = z` exactly for
///   every sample point `z`, ties included (`r` is the last rank of `z`'s tie block). A float
///   level can land on the wrong order statistic: `(7.0 / 25.0) * 25.0` is
///   `7.000000000000001`, whose ceiling is 8, not 7.
/// - **Ties.** Tied values are kept (a tie block is an atom of the law); `-0.0` is stored
///   as `+0.0`.
/// - **Mean.** `(1/n) Σ z_i`, summed with Neumaier's compensated summation.
public struct EmpiricalDistribution: Sendable, Hashable {
    /// The sample, sorted ascending (`-0.0` stored as `+0.0`).
    public let sortedValues: [Double]

    /// Sample size `n` (at least 1).
    public var count: Int { sortedValues.count }

    /// The smallest sample value `z_(1)`.
    public var minimum: Double { sortedValues[0] }

    /// The largest sample value `z_(n)`.
    public var maximum: Double { sortedValues[sortedValues.count - 1] }

    /// Builds the distribution of `values` (any order), sorting them with `RadixSort`.
    /// - Parameters:
    ///   - values: the sample, finite and non-empty, in any order.
    ///   - what: how error messages name the sample.
    /// - Throws: `FairCoreError.emptyInput` for an empty sample, `.nonFiniteValue` naming the
    ///   first row holding a NaN or an infinity.
    public init(_ values: [Double], what: String = "sample") throws(FairCoreError) {
        try Self.validateFinite(values, what: what)
        self.sortedValues = RadixSort.sorted(values)
    }

    /// Builds the distribution from values already sorted ascending.
    /// - Throws: as `init(_:what:)`, and `FairCoreError.notSorted` naming the first value
    ///   smaller than its predecessor.
    public init(sortedValues values: [Double], what: String = "sample") throws(FairCoreError) {
        try Self.validateFinite(values, what: what)
        for i in 1..<values.count where values[i] < values[i - 1] {
            throw .notSorted(what: what, row: i, value: values[i], previous: values[i - 1])
        }
        self.sortedValues = values.map { $0 + 0.0 }
    }

    /// Wraps an array the caller guarantees to be finite, non-empty, sorted and canonical.
    init(trustedSorted values: [Double]) {
        self.sortedValues = values
    }

    // MARK: - ECDF

    /// `#{z <= y}`: the rank of `y` under the right-continuous ECDF (0 ... n).
    /// - Throws: `FairCoreError.invalidParameter` when `y` is NaN.
    public func count(atOrBelow y: Double) throws(FairCoreError) -> Int {
        try Self.checkQuery(y)
        return sortedValues.withUnsafeBufferPointer { Self.upperBound($0, y) }
    }

    /// `#{z < y}` (0 ... n).
    /// - Throws: `FairCoreError.invalidParameter` when `y` is NaN.
    public func count(below y: Double) throws(FairCoreError) -> Int {
        try Self.checkQuery(y)
        return sortedValues.withUnsafeBufferPointer { Self.lowerBound($0, y) }
    }

    /// The right-continuous ECDF `F(y) = #{z <= y} / n`; NaN for a NaN query.
    public func cdf(_ y: Double) -> Double {
        if y.isNaN { return .nan }
        let r = sortedValues.withUnsafeBufferPointer { Self.upperBound($0, y) }
        return Double(r) / Double(count)
    }

    // MARK: - Quantiles

    /// The order statistic `z_(rank)` for a 1-based `rank` in `1...n`.
    /// - Throws: `FairCoreError.invalidParameter` for a rank outside `1...n`.
    public func orderStatistic(rank: Int) throws(FairCoreError) -> Double {
        guard rank >= 1 && rank <= count else {
            throw .invalidParameter(name: "rank", value: "\(rank)", allowed: "a 1-based rank in 1...\(count)")
        }
        return sortedValues[rank - 1]
    }

    /// The generalized-inverse quantile `Q(v) = z_(ceil(v n))`, `Q(0) = z_(1)`, with the exact
    /// ceiling of the real product `v * n`.
    /// - Throws: `FairCoreError.invalidParameter` when `level` is not in [0, 1].
    public func quantile(_ level: Double) throws(FairCoreError) -> Double {
        guard level >= 0 && level <= 1 else {
            throw .invalidParameter(name: "quantile level", value: "\(level)", allowed: "a number in [0, 1]")
        }
        return sortedValues[max(1, Self.exactCeilingOfProduct(level, count)) - 1]
    }

    /// `Q_self(F_from(y))` for a point of rank `r = #{z_from <= y}` in a sample of size
    /// `nFrom`: the order statistic `z_(max(1, ceil(r * n / nFrom)))` of this distribution,
    /// computed in integer arithmetic.
    /// - Throws: `FairCoreError.invalidParameter` when `nFrom < 1` or `r` is not in `0...nFrom`.
    public func quantile(rank r: Int, outOf nFrom: Int) throws(FairCoreError) -> Double {
        guard nFrom >= 1 else {
            throw .invalidParameter(name: "outOf", value: "\(nFrom)", allowed: "a sample size of at least 1")
        }
        guard r >= 0 && r <= nFrom else {
            throw .invalidParameter(name: "rank", value: "\(r)", allowed: "a count in 0...\(nFrom) (the number of points at or below the value)")
        }
        return sortedValues[Self.composedRank(r, from: nFrom, to: count) - 1]
    }

    /// The Hazen quantile of this sample at the mid-rank of a point of another sample (METHOD.md
    /// §4.4, Convention B): `sum = #{z_from < y} + #{z_from <= y}` in a sample of size `nFrom`
    /// gives the exact 1-based position `h = (sum · n + nFrom) / (2 nFrom)` here, clamped to
    /// `[1, n]`, and the linear interpolation between `z_(floor h)` and `z_(floor h + 1)`.
    /// - Throws: `FairCoreError.invalidParameter` when `nFrom < 1` or `sum` is not in `0...2 nFrom`.
    public func quantile(midRankSum sum: Int, outOf nFrom: Int) throws(FairCoreError) -> Double {
        guard nFrom >= 1 else {
            throw .invalidParameter(name: "outOf", value: "\(nFrom)", allowed: "a sample size of at least 1")
        }
        guard sum >= 0 && sum <= 2 * nFrom else {
            throw .invalidParameter(name: "midRankSum", value: "\(sum)",
                                    allowed: "a count in 0...\(2 * nFrom) (#{z < y} + #{z <= y})")
        }
        return sortedValues.withUnsafeBufferPointer {
            Self.hazenQuantile($0.baseAddress!, count: count, midRankSum: sum, outOf: nFrom)
        }
    }

    /// The Hazen quantile of the sorted sample `z[0 ..< m]` at the mid-rank sum `sum` of a sample
    /// of size `n` (see `quantile(midRankSum:outOf:)`); shared by the repair's fast paths.
    ///
    /// The fraction `(h - floor h)` is the exact remainder over `2n`, rounded once. The
    /// interpolation `lower + t (upper - lower)` is computed in halves when `upper - lower`
    /// overflows (values of opposite sign near ±1.8e308): halving is exact there, so the result
    /// is the one the formula gives with an unbounded exponent, and it stays in `[lower, upper]`.
    @inlinable
    static func hazenQuantile(_ z: UnsafePointer<Double>, count m: Int, midRankSum sum: Int, outOf n: Int) -> Double {
        let numerator = sum &* m &+ n, denominator = 2 &* n
        if numerator <= denominator { return z[0] }
        if numerator >= m &* denominator { return z[m - 1] }
        let k = numerator / denominator
        let remainder = numerator &- k &* denominator
        let lower = z[k - 1]
        if remainder == 0 { return lower }
        let upper = z[k]
        let t = Double(remainder) / Double(denominator)
        let gap = upper - lower
        let value = gap.isFinite ? lower + t * gap : 2 * (0.5 * lower + t * (0.5 * upper - 0.5 * lower))
        return min(max(value, lower), upper)
    }

    /// The 1-based rank `max(1, ceil(r * nTo / nFrom))` that composes `F` of a sample of size
    /// `nFrom` (rank `r`) with `Q` of a sample of size `nTo`; exact integer arithmetic
    /// (`r * nTo` must stay below 2^63, true for sizes below 3e9).
    @inlinable
    package static func composedRank(_ r: Int, from nFrom: Int, to nTo: Int) -> Int {
        max(1, (r &* nTo &+ nFrom &- 1) / nFrom)
    }

    /// The sample mean `(1/n) Σ z_i` (compensated summation). Finite for every sample: when the
    /// sum is beyond the largest Double (values near ±1e308), the values are summed scaled by a
    /// power of two `2^-k ≤ 1/n` (exact) and the mean scaled back.
    public var mean: Double {
        let plain = Self.compensatedSum(sortedValues, scale: 1) / Double(count)
        if plain.isFinite { return plain }
        let k = Double.Exponent(Int.bitWidth - count.leadingZeroBitCount)
        let scale = Double(sign: .plus, exponent: -k, significand: 1)
        return Self.compensatedSum(sortedValues, scale: scale) / Double(count)
            * Double(sign: .plus, exponent: k, significand: 1)
    }

    private static func compensatedSum(_ values: [Double], scale: Double) -> Double {
        var sum = 0.0, compensation = 0.0
        for value in values {
            let z = value * scale
            let t = sum + z
            compensation += abs(sum) >= abs(z) ? (sum - t) + z : (z - t) + sum
            sum = t
        }
        return sum + compensation
    }

    // MARK: - Helpers shared with the repair

    /// `#{z <= y}` in a sorted buffer (upper-bound bisection).
    @inlinable
    static func upperBound(_ z: UnsafeBufferPointer<Double>, _ y: Double) -> Int {
        upperBound(z, y, from: 0, to: z.count)
    }

    /// `#{z <= y}` given that the answer lies in `lo...hi`.
    @inlinable
    static func upperBound(_ z: UnsafeBufferPointer<Double>, _ y: Double, from lo: Int, to hi: Int) -> Int {
        partitionPoint(z, from: lo, to: hi) { $0 <= y }
    }

    /// `#{z < y}` in a sorted buffer (lower-bound bisection).
    @inlinable
    static func lowerBound(_ z: UnsafeBufferPointer<Double>, _ y: Double) -> Int {
        lowerBound(z, y, from: 0, to: z.count)
    }

    /// `#{z < y}` given that the answer lies in `lo...hi`.
    @inlinable
    static func lowerBound(_ z: UnsafeBufferPointer<Double>, _ y: Double, from lo: Int, to hi: Int) -> Int {
        partitionPoint(z, from: lo, to: hi) { $0 < y }
    }

    /// The first index in `lo ..< hi` whose value fails `isBelow` (`hi` if none), for a sorted
    /// `z` on which `isBelow` holds on a prefix: the bisection of both bounds.
    @inlinable
    static func partitionPoint(_ z: UnsafeBufferPointer<Double>, from lo: Int, to hi: Int,
                               _ isBelow: (Double) -> Bool) -> Int {
        var lo = lo, length = hi - lo
        while length > 0 {
            let half = length >> 1
            if isBelow(z[lo + half]) {
                lo += half + 1
                length -= half + 1
            } else {
                length = half
            }
        }
        return lo
    }

    /// `ceil(v * n)` of the real product, for `v` in [0, 1] and `n >= 1`.
    static func exactCeilingOfProduct(_ v: Double, _ n: Int) -> Int {
        let nd = Double(n)
        let c = (v * nd).rounded(.up)
        // Rounding is monotone, so the real product is > c - 1; it can exceed c only when it
        // was rounded down onto the integer c. fma gives the sign of v*n - c exactly.
        return (-c).addingProduct(v, nd) > 0 ? Int(c) + 1 : Int(c)
    }

    static func validateFinite(_ values: [Double], what: String) throws(FairCoreError) {
        if values.isEmpty { throw .emptyInput(what: what) }
        for (row, v) in values.enumerated() where !v.isFinite {
            throw .nonFiniteValue(what: what, row: row, value: v)
        }
    }

    static func checkQuery(_ y: Double) throws(FairCoreError) {
        if y.isNaN {
            throw .invalidParameter(name: "query value", value: "nan", allowed: "a number (infinities are allowed, NaN is not)")
        }
    }
}

extension EmpiricalDistribution: Codable {
    private enum CodingKeys: String, CodingKey { case sortedValues }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let values = try container.decode([Double].self, forKey: .sortedValues)
        do {
            try self.init(sortedValues: values)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .sortedValues, in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sortedValues, forKey: .sortedValues)
    }
}
