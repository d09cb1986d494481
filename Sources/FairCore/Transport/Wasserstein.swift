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
public enum Wasserstein {
    /// `W_1(a, b)`.
    public static func w1(_ a: [Double], _ b: [Double]) throws(FairCoreError) -> Double {
        try validate(a, "first sample"); try validate(b, "second sample")
        return w1(sortedA: RadixSort.sorted(a), sortedB: RadixSort.sorted(b))
    }

    /// `W_2(a, b)`.
    public static func w2(_ a: [Double], _ b: [Double]) throws(FairCoreError) -> Double {
        try w2Squared(a, b).squareRoot()
    }

    /// `W_2^2(a, b)`.
    public static func w2Squared(_ a: [Double], _ b: [Double]) throws(FairCoreError) -> Double {
        try validate(a, "first sample"); try validate(b, "second sample")
        return w2Squared(sortedA: RadixSort.sorted(a), sortedB: RadixSort.sorted(b))
    }

    /// `W_1` of two samples already sorted ascending (not checked).
    public static func w1(sortedA a: [Double], sortedB b: [Double]) -> Double {
        integrate(a, b) { abs($0) }
    }

    /// `W_2^2` of two samples already sorted ascending (not checked).
    public static func w2Squared(sortedA a: [Double], sortedB b: [Double]) -> Double {
        integrate(a, b) { $0 * $0 }
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
