extension Wasserstein {
    /// `W_1` written as its CDF form, plainly: `∫ |F_a(u) - F_b(u)| du`, a sum over the gaps
    /// between consecutive pooled values, with each ECDF from `EmpiricalDistribution`. The fast
    /// `w1(sortedA:sortedB:)` (a quantile walk) is tested against it; slow
    /// (O((n + m) log(n + m))) and without the overflow scaling.
    public static func referenceW1(_ a: EmpiricalDistribution, _ b: EmpiricalDistribution) -> Double {
        let points = (a.sortedValues + b.sortedValues).sorted()
        var total = 0.0
        for i in 0..<(points.count - 1) where points[i + 1] > points[i] {
            total += abs(a.cdf(points[i]) - b.cdf(points[i])) * (points[i + 1] - points[i])
        }
        return total
    }

    /// `W_2^2` written as its quantile form, plainly: `∫_0^1 (Q_a(v) - Q_b(v))^2 dv` with the
    /// generalized-inverse quantiles, which are constant on `(v_prev, v]` between consecutive
    /// levels `i/n` and `j/m`. Levels are exact fractions `L / (n m)`, so `Q_a = z_a(ceil(L / m))`
    /// and `Q_b = z_b(ceil(L / n))` in integers. The fast `w2Squared(sortedA:sortedB:)` is
    /// tested against it; slow and without the overflow scaling.
    public static func referenceW2Squared(_ a: EmpiricalDistribution, _ b: EmpiricalDistribution) -> Double {
        let n = a.count, m = b.count
        let levels = Set((1...n).map { $0 * m } + (1...m).map { $0 * n }).sorted()
        var total = 0.0, previous = 0
        for level in levels {
            let qa = a.sortedValues[(level + m - 1) / m - 1], qb = b.sortedValues[(level + n - 1) / n - 1]
            total += Double(level - previous) / Double(n * m) * (qa - qb) * (qa - qb)
            previous = level
        }
        return total
    }
}
