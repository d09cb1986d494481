/// Exact Wasserstein distances between two empirical distributions on the real line.
///
/// In one dimension the monotone (sorted) coupling is optimal, so
/// `W_p^p(a, b) = ∫_0^1 |Q_a(v) - Q_b(v)|^p dv` with the generalized-inverse quantiles of the
/// two samples. The integral is an exact finite sum over the merged quantile grid
/// (`QuantileGrid`), for samples of any sizes.
///
/// ## Mathematical properties
/// - Equal sizes `n`: `W_2^2 = (1/n) Σ (a(i) - b(i))^2` over the sorted samples.
/// - Translation: shifting one sample by `c` gives `W_1 = W_2 = |c|`.
/// - `W_1 = ∫ |F_a(u) - F_b(u)| du` as well (the CDF form); both forms agree.
/// - Sample order does not matter (inputs are sorted first unless marked sorted).
/// - Inputs must be finite and non-empty (checked; the error names the row).
/// - **No overflow.** Samples with values beyond ±2^510 (W2) or ±2^1021 (W1) are integrated in
///   a scaled form (multiplied by a power of two, which is exact), so that no difference or
///   square overflows; the result is scaled back. The throwing entry points give
///   `FairCoreError.overflow` when the distance itself is beyond the largest Double (e.g. W1
///   of -1e308 and 1e308); the unchecked ones return +inf then, never NaN.
/// - The plain definitions, for reading and for the tests, are `referenceW1` (the CDF form over
///   the pooled points) and `referenceW2Squared` (the quantile form over exact rational levels).
public enum Wasserstein {
    /// `W_1(a, b)`.
    /// - Throws: `.emptyInput`, `.nonFiniteValue` (naming the row), `.overflow`.
    public static func w1(_ a: [Double], _ b: [Double]) throws(FairCoreError) -> Double {
        try validate(a, "first sample"); try validate(b, "second sample")
        return try finite(w1(sortedA: RadixSort.sorted(a), sortedB: RadixSort.sorted(b)), "W1")
    }

    /// `W_2(a, b)`.
    /// - Throws: `.emptyInput`, `.nonFiniteValue` (naming the row), `.overflow`.
    public static func w2(_ a: [Double], _ b: [Double]) throws(FairCoreError) -> Double {
        try validate(a, "first sample"); try validate(b, "second sample")
        return try finite(w2(sortedA: RadixSort.sorted(a), sortedB: RadixSort.sorted(b)), "W2")
    }

    /// `W_2^2(a, b)`.
    /// - Throws: `.emptyInput`, `.nonFiniteValue` (naming the row), `.overflow`.
    public static func w2Squared(_ a: [Double], _ b: [Double]) throws(FairCoreError) -> Double {
        try validate(a, "first sample"); try validate(b, "second sample")
        return try finite(w2Squared(sortedA: RadixSort.sorted(a), sortedB: RadixSort.sorted(b)), "W2²")
    }

    /// `W_1` of two samples already sorted ascending (not checked); +inf only when the
    /// distance is beyond the largest Double.
    public static func w1(sortedA a: [Double], sortedB b: [Double]) -> Double {
        let scale = scaleExponent(a, b, limit: 1021)
        if scale == 0 { return integrate(a, b) { abs($0) } }
        return Double(sign: .plus, exponent: scale, significand: integrate(scaled(a, scale), scaled(b, scale)) { abs($0) })
    }

    /// `W_2^2` of two samples already sorted ascending (not checked); +inf only when the
    /// squared distance is beyond the largest Double.
    public static func w2Squared(sortedA a: [Double], sortedB b: [Double]) -> Double {
        w2Both(sortedA: a, sortedB: b).squared
    }

    /// `W_2` of two samples already sorted ascending (not checked), computed in the scaled form
    /// when the values are large, so that it is finite whenever `W_2` is.
    public static func w2(sortedA a: [Double], sortedB b: [Double]) -> Double {
        w2Both(sortedA: a, sortedB: b).distance
    }

    /// `W_2^2` and `W_2` from one integration (`W_2 = sqrt(W_2^2)` exactly when not scaled).
    static func w2Both(sortedA a: [Double], sortedB b: [Double]) -> (squared: Double, distance: Double) {
        let scale = scaleExponent(a, b, limit: 510)
        let integral = scale == 0 ? integrate(a, b) { $0 * $0 } : integrate(scaled(a, scale), scaled(b, scale)) { $0 * $0 }
        return (Double(sign: .plus, exponent: 2 * scale, significand: integral),
                Double(sign: .plus, exponent: scale, significand: integral.squareRoot()))
    }

    /// 0 when every value of the sorted samples is below `2^limit` in magnitude; otherwise the
    /// power `e` such that the values divided by `2^e` are.
    static func scaleExponent(_ a: [Double], _ b: [Double], limit: Int) -> Int {
        scaleExponent(max(abs(a[0]), abs(a[a.count - 1]), abs(b[0]), abs(b[b.count - 1])), limit: limit)
    }

    /// 0 when `largest < 2^limit`; otherwise `exponent(largest) + 1 - limit`.
    static func scaleExponent(_ largest: Double, limit: Int) -> Int {
        largest < Double(sign: .plus, exponent: limit, significand: 1) ? 0 : Int(largest.exponent) + 1 - limit
    }

    /// The values divided by `2^e` (exact, except for values that become subnormal, whose share
    /// of a distance this large is below its rounding).
    static func scaled(_ x: [Double], _ e: Int) -> [Double] {
        let factor = Double(sign: .plus, exponent: -e, significand: 1)
        return x.map { $0 * factor }
    }

    /// `value`, or `.overflow` naming the distance when it is not finite.
    static func finite(_ value: Double, _ what: String) throws(FairCoreError) -> Double {
        if value.isFinite { return value }
        throw .overflow(what: "the distance \(what) between the two samples",
                        remedy: "rescale the values (e.g. divide them by 1e300) and compare the rescaled distances")
    }

    /// `∫ cost(Q_a(v) - Q_b(v)) dv` over the merged grid; a fast two-pointer walk.
    static func integrate(_ a: [Double], _ b: [Double], _ cost: (Double) -> Double) -> Double {
        let n = a.count, m = b.count
        precondition(n > 0 && m > 0)
        if n == m {
            var sum = 0.0
            for i in 0..<n { sum += cost(a[i] - b[i]) }
            return sum / Double(n)
        }
        var i = 0, j = 0, previous = 0.0, total = 0.0
        while true {
            // Next levels (i+1)/n and (j+1)/m, compared exactly.
            let lhs = (i + 1) * m, rhs = (j + 1) * n
            let level: Double
            if lhs <= rhs {
                level = i + 1 == n ? 1.0 : Double(i + 1) / Double(n)
            } else {
                level = j + 1 == m ? 1.0 : Double(j + 1) / Double(m)
            }
            total += (level - previous) * cost(a[i] - b[j])
            if level == 1.0 { return total }
            previous = level
            if lhs <= rhs { i += 1 }
            if rhs <= lhs { j += 1 }
        }
    }

    static func validate(_ x: [Double], _ what: String) throws(FairCoreError) {
        if x.isEmpty { throw .emptyInput(what: what) }
        for (row, v) in x.enumerated() where !v.isFinite {
            throw .nonFiniteValue(what: what, row: row, value: v)
        }
    }
}
