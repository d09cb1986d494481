import FairSupport

/// The demographic-parity gap of the thresholded score `1{g ≥ τ}`: the largest difference
/// between groups of the positive rate `P(g ≥ τ | s)`, at one threshold or maximised over all
/// thresholds (METHOD.md §2.1, §6.6, check C7).
///
/// ## Mathematical properties
/// - Positive rate `r_s(τ) = #{z ∈ group s : z ≥ τ} / n_s = 1 − F_s(τ⁻)` (left limit of the
///   right-continuous ECDF), so a score equal to τ counts as positive.
/// - `gap(τ) = max_{s,s'} |r_s(τ) − r_{s'}(τ)| = max_s r_s(τ) − min_s r_s(τ)`, compared as exact
///   fractions; the reported pair is the group with the highest rate and the group with the
///   lowest (first such groups in name order).
/// - **Bound.** `gap(τ) ≤ U`, the pairwise-max KS of the scores, for every τ (METHOD.md §6.6).
/// - **Maximum over thresholds.** `r_s(τ)` changes only when τ crosses a pooled value, and for
///   τ in `(v_prev, v]` it equals its value at `τ = v`; so `sup_τ gap(τ)` is attained at a
///   distinct pooled value (or is 0, attained above the maximum and at the minimum). It is
///   computed exactly by one merge walk over the sorted groups and equals `U`, attained at the
///   first pooled value above the KS location.
public enum DemographicParity {
    /// The gap at one threshold, with the groups that attain it.
    public struct Gap: Sendable, Hashable {
        /// The threshold τ (the classifier is `g ≥ τ`).
        public let threshold: Double
        /// `max_s r_s(τ) − min_s r_s(τ)`.
        public let gap: Double
        /// The group with the highest positive rate.
        public let highest: String
        /// The group with the lowest positive rate.
        public let lowest: String
        /// Group names, in the column's order.
        public let names: [String]
        /// `positiveCounts[c] = #{z ∈ group c : z ≥ τ}`.
        public let positiveCounts: [Int]
        /// Group sizes.
        public let counts: [Int]

        /// Positive rate `P(g ≥ τ | s)` of each group.
        public var rates: [Double] { zip(positiveCounts, counts).map { Double($0) / Double($1) } }
    }

    /// The DP gap of `1{value ≥ threshold}` between the groups. O(n); no sort.
    /// - Throws: `FairCoreError.tooFewGroups`, `.lengthMismatch`, `.emptyInput`,
    ///   `.nonFiniteValue` (naming the row), `.emptyGroup`, `.invalidParameter` (NaN threshold).
    public static func gap(values: [Double], groups: GroupColumn, threshold: Double) throws(FairCoreError) -> Gap {
        if groups.names.count < 2 { throw .tooFewGroups(found: groups.names.count, needed: 2) }
        if threshold.isNaN {
            throw .invalidParameter(name: "threshold", value: "nan", allowed: "pass a number (infinities are allowed)")
        }
        try InputChecks.groupedValues(values, groups, "values")
        let counts = groups.counts()
        for (code, size) in counts.enumerated() where size == 0 { throw .emptyGroup(name: groups.names[code]) }
        var positive = [Int](repeating: 0, count: counts.count)
        values.withUnsafeBufferPointer { v in
            groups.codes.withUnsafeBufferPointer { c in
                positive.withUnsafeMutableBufferPointer { p in
                    for row in 0..<v.count where v[row] >= threshold { p[Int(c[row])] &+= 1 }
                }
            }
        }
        return makeGap(threshold, groups.names, positive, counts)
    }

    /// The DP gap at `threshold` between already sorted groups (binary search per group).
    public static func gap(_ groups: SortedGroups, threshold: Double) throws(FairCoreError) -> Gap {
        try groups.requireTwoGroups()
        if threshold.isNaN {
            throw .invalidParameter(name: "threshold", value: "nan", allowed: "pass a number (infinities are allowed)")
        }
        let positive = groups.samples.map { $0.count - countBelow($0, threshold) }
        return makeGap(threshold, groups.names, positive, groups.counts)
    }

    /// The largest DP gap over all thresholds, and the smallest threshold attaining it.
    /// - Throws: the errors of `SortedGroups.init(values:groups:)` and `.tooFewGroups`.
    public static func maximumGap(values: [Double], groups: GroupColumn) throws(FairCoreError) -> Gap {
        if groups.names.count < 2 { throw .tooFewGroups(found: groups.names.count, needed: 2) }
        return try maximumGap(SortedGroups(values: values, groups: groups))
    }

    /// The largest DP gap over all thresholds between already sorted groups: one merge walk
    /// over the k groups evaluating every distinct pooled value, O(k · n).
    public static func maximumGap(_ groups: SortedGroups) throws(FairCoreError) -> Gap {
        try groups.requireTwoGroups()
        let k = groups.names.count
        let counts = groups.counts
        var position = [Int](repeating: 0, count: k)  // #{z < v} in each group
        var bestPosition = position
        var bestThreshold = Double.infinity
        var bestNumerator = -1, bestDenominator = 1  // the best gap as a fraction; -1 = none yet
        withSamplePointers(groups.samples) { samples in
            position.withUnsafeMutableBufferPointer { pos in
                while true {
                    // The next distinct pooled value v: the smallest head.
                    var v = Double.infinity
                    var exhausted = true
                    for g in 0..<k where pos[g] < counts[g] {
                        exhausted = false
                        v = min(v, samples[g][pos[g]])
                    }
                    // Above the maximum every rate is 0: the gap is 0 and never beats an earlier one.
                    if exhausted { return }
                    // Rates at τ = v use the counts of values < v, i.e. those already passed.
                    var high = 0, low = 0
                    for g in 1..<k {
                        let pg = counts[g] - pos[g]
                        if pg * counts[high] > (counts[high] - pos[high]) * counts[g] { high = g }
                        if pg * counts[low] < (counts[low] - pos[low]) * counts[g] { low = g }
                    }
                    let numerator = (counts[high] - pos[high]) * counts[low] - (counts[low] - pos[low]) * counts[high]
                    let denominator = counts[high] * counts[low]
                    if isGreater(numerator, denominator, than: bestNumerator, bestDenominator) {
                        bestNumerator = numerator
                        bestDenominator = denominator
                        bestThreshold = v
                        for g in 0..<k { bestPosition[g] = pos[g] }
                    }
                    for g in 0..<k {
                        let sample = samples[g]
                        var p = pos[g]
                        while p < counts[g] && sample[p] == v { p &+= 1 }
                        pos[g] = p
                    }
                }
            }
        }
        let positive = (0..<k).map { counts[$0] - bestPosition[$0] }
        return makeGap(bestThreshold, groups.names, positive, counts)
    }

    // MARK: - Helpers

    /// The gap from positive counts: highest minus lowest rate, compared exactly.
    static func makeGap(_ threshold: Double, _ names: [String], _ positive: [Int], _ counts: [Int]) -> Gap {
        var high = 0, low = 0
        for g in 1..<counts.count {
            // r_g > r_high  <=>  p_g n_high > p_high n_g
            if positive[g] * counts[high] > positive[high] * counts[g] { high = g }
            if positive[g] * counts[low] < positive[low] * counts[g] { low = g }
        }
        let numerator = positive[high] * counts[low] - positive[low] * counts[high]
        let gap = Double(numerator) / (Double(counts[high]) * Double(counts[low]))
        return Gap(threshold: threshold, gap: gap, highest: names[high], lowest: names[low], names: names,
                   positiveCounts: positive, counts: counts)
    }

    /// `a/b > c/d` for non-negative denominators, exactly (128-bit products).
    static func isGreater(_ a: Int, _ b: Int, than c: Int, _ d: Int) -> Bool {
        let lhs = a.multipliedFullWidth(by: d), rhs = c.multipliedFullWidth(by: b)
        return lhs.high > rhs.high || (lhs.high == rhs.high && lhs.low > rhs.low)
    }

    /// Runs `body` with a base pointer for each sample.
    static func withSamplePointers<R>(_ samples: [[Double]], _ body: ([UnsafePointer<Double>]) -> R) -> R {
        func nest(_ i: Int, _ acc: [UnsafePointer<Double>]) -> R {
            if i == samples.count { return body(acc) }
            return samples[i].withUnsafeBufferPointer { buffer in
                // Groups are non-empty, so the base address exists.
                nest(i + 1, acc + [buffer.baseAddress ?? .noBuffer])
            }
        }
        return nest(0, [])
    }

    /// `#{z < t}` in a sorted sample (lower-bound bisection).
    static func countBelow(_ sorted: [Double], _ t: Double) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < t { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
