import FairSupport

extension BarycenterRepair {
    /// **The definition of the repair**, written plainly on `EmpiricalDistribution`: what every
    /// fast path of `apply` computes, bit for bit (the tests hold them to it). Slow (it copies
    /// the samples); use `apply` for data.
    ///
    /// ## Mathematical properties
    /// For a row of group `s` with score `x` and row ID `k` (METHOD.md §4.4, eq. 8 of the paper):
    /// 1. Jitter: `y = x + ζ(seed, task, k)` (`y = x` when `u = 0`).
    /// 2. Rank within the group: `r = #{z_s <= y}` (and `a = #{z_s < y}` for Convention B) in
    ///    the group's CDF sample of size `n_s`.
    /// 3. Composed quantiles, one term per fitted group `b`: Convention A
    ///    `t_b = z_b(max(1, ceil(r n_b / n_s)))` (integer ranks); Convention B the Hazen
    ///    quantile at the exact position `((a + r) n_b + n_s) / (2 n_s)`.
    /// 4. The weighted sum `weightedSum(t, π)`: `Σ_b π_b t_b` left to right in group order,
    ///    clamped to `[min_b t_b, max_b t_b]`.
    /// 5. Out of range: with `tailShift`, `g(z_(1)) + (y - z_(1))` below and
    ///    `g(z_(n)) + (y - z_(n))` above the CDF sample (with `clamp`, step 3 already gives
    ///    every group's minimum or maximum); a value beyond ±1.8e308 is an error.
    /// 6. ε: `(1 - ε) g + ε x`, clamped to `[min(g, x), max(g, x)]` (`ε = 0` gives `g`).
    /// 7. The clip to `options.outputRange`.
    ///
    /// - Throws: as the single-row `apply`.
    public func referenceApply(score x: Double, group: String, rowID: UInt64, epsilon: Double = 0) throws(FairCoreError) -> Double {
        try Self.validateEpsilon(epsilon)
        _ = try index(ofGroup: group)
        try checkRow(x, row: 0, rowID: rowID, what: "score of task \"\(taskName)\"")
        let o = options
        let y = x + KeyedNoise.symmetric(seed: o.seed, stream: noiseStream, key: rowID, halfWidth: o.jitterHalfWidth)
        let own = try cdfSample(ofGroup: group)
        let laws = (0..<groupCount).map { EmpiricalDistribution(trustedSorted: storage.quantileSample($0)) }
        func fair(_ y: Double) -> Double {
            let r = own.sortedValues.withUnsafeBufferPointer { EmpiricalDistribution.upperBound($0, y) }
            let a = own.sortedValues.withUnsafeBufferPointer { EmpiricalDistribution.lowerBound($0, y) }
            let terms = laws.map { law in
                switch o.convention {
                case .generalizedInverse: return try! law.quantile(rank: r, outOf: own.count)
                case .midRankHazen: return try! law.quantile(midRankSum: a + r, outOf: own.count)
                }
            }
            return Self.weightedSum(terms, weights: weights)
        }
        var g = fair(y)
        if o.outOfRange == .tailShift && (y < own.minimum || y > own.maximum) {
            let edge = y < own.minimum ? own.minimum : own.maximum
            g = fair(edge) + (y - edge)
            if !g.isFinite { throw tailShiftOverflow(score: x, row: 0) }
        }
        if epsilon != 0 { g = min(max((1 - epsilon) * g + epsilon * x, min(g, x)), max(g, x)) }
        if let range = o.outputRange { g = min(max(g, range.lower), range.upper) }
        return g
    }

    /// The barycenter's weighted sum of the terms `t_b = Q_b(F_s(y))`: `Σ_b π_b t_b` added left
    /// to right in group order (`π_0 t_0 + π_1 t_1 + …`), then clamped to `[min_b t_b, max_b t_b]`.
    ///
    /// ## Mathematical properties
    /// - **The formula.** Without the clamp this is the textbook sum in IEEE arithmetic; the clamp
    ///   only acts where rounding (or weights summing to 1 ± 1e-9) would leave the hull of the terms.
    /// - **Monotone.** Every step (products by `π_b >= 0`, additions, `min`, `max`) is monotone in
    ///   each term, so the repair is monotone within a group (Corollary 1).
    /// - **Identity.** When all terms are equal (identical groups, or a point mapped onto its own
    ///   value everywhere) the result is that value exactly, whatever the weights.
    /// - **No overflow.** The result lies between the smallest and the largest term, so it is
    ///   finite for finite terms: a partial sum that overflows (terms near ±1.8e308) becomes ±inf,
    ///   never NaN (only one weight can exceed 1), and the clamp brings it back to the largest
    ///   (or smallest) term.
    public static func weightedSum(_ terms: [Double], weights: [Double]) -> Double {
        precondition(!terms.isEmpty && terms.count == weights.count, "one weight per term")
        var sum = weights[0] * terms[0], lo = terms[0], hi = terms[0]
        for b in 1..<terms.count {
            sum += weights[b] * terms[b]
            lo = min(lo, terms[b])
            hi = max(hi, terms[b])
        }
        return min(max(sum, lo), hi)
    }
}
