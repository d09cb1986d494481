/// Per-group quantile summaries of one task's scores, as a warehouse computes them in one pass
/// (DuckDB's exact `quantile_disc`, Spark's `percentile_approx`): for each group, its row count
/// `n_s`, the values `q_s(k/K)` at the `K` levels `1/K, 2/K, …, 1`, and the summary's rank
/// error `ε_s`. `BarycenterRepair.fit(quantileSummary:taskName:outputRange:)` fits a repair
/// from it without seeing a single row.
///
/// ## Mathematical properties
/// **Rank error.** Let `F_s` be the CDF of group `s`'s scores (the rows summarised), `q_{s,k}`
/// the exact generalized-inverse quantile `z_(ceil(k n_s / K))` and `q̂_{s,k}` the summary's
/// value. The summary has rank error `ε_s` when `|F_s(q̂_{s,k}⁻) - F_s(q_{s,k}⁻)| <= ε_s` at
/// every level: the number of rows strictly below the value is off by at most `ε_s n_s`.
/// Exact summaries have `ε_s = 0`; for scores without ties, an ε-approximate quantile sketch
/// (rank within `ε n` of `l n`) has `ε_s <= ε + 1/n_s`. (With ties a value's rank is a whole
/// block, and `F_s(q̂⁻)` can be off by the block: ties hurt here as in any repair without jitter.)
///
/// **The fitted repair.** Each group's summary is read as a sample of `K` equally weighted
/// points, the barycenter weights are `π_s = n_s / Σ n` (the counts), and the repair is
/// Convention A without jitter, so for a score `y` of group `s` with
/// `r = #{k : q̂_{s,k} <= y}` the output is `W(r) = Σ_b π_b q̂_{b,(max(1, r))}`: one
/// non-decreasing function `W` of the rank, shared by every group.
///
/// **The KS bound.** Applied to the rows summarised, the KS distance between the repaired
/// groups `s` and `s'` is at most `D + ε_s + ε_s'`, where
/// `D = max_k |F_s(q_{s,k}⁻) - F_s'(q_{s',k}⁻)|` is the same quantity for the exact summaries
/// (the KS of the repair fitted from them, taken over `k >= 2`, whenever its `K` outputs are
/// distinct: ranks 0 and 1 share one output; and below `max(1/n_s, 1/n_s')` for scores
/// without ties). Proof: `W` is shared and non-decreasing,
/// so `W(r) <= t` iff `r <= m(t)` with the same `m(t)` in both groups; `r <= m` iff
/// `y < q̂_{s,(m+1)}`, so the repaired CDF of group `s` at `t` is `F_s(q̂_{s,m(t)+1}⁻)` (0 or 1
/// at the ends). The KS is therefore at most `max_k |F_s(q̂_{s,k}⁻) - F_s'(q̂_{s',k}⁻)|`, and
/// the triangle inequality with the rank errors gives the bound. On new rows from the same
/// laws the usual sampling noise comes on top (`verify ks` reports its floor).
public struct QuantileSummary: Sendable, Hashable {
    /// One group's summary.
    public struct Group: Sendable, Hashable {
        /// The group's name.
        public let name: String
        /// The number of rows summarised, `n_s`.
        public let count: Int
        /// The values at the levels `1/K, …, K/K`, non-decreasing.
        public let values: [Double]
        /// The rank error `ε_s` in [0, 1].
        public let rankError: Double
    }

    /// The groups, sorted by name.
    public let groups: [Group]

    /// The number of levels `K` (the same in every group).
    public var levelCount: Int { groups[0].values.count }

    /// A summary from the rows of a summary table: `(group, count, level, value, rank error)`.
    ///
    /// Every group must give each level `k/K`, `k = 1 … K`, exactly once (a level is matched to
    /// `k/K` within 1e-9, so printed decimals are fine), the same `K` in every group, one count and
    /// one rank error per group, and values that do not decrease with the level.
    /// - Throws: `FairCoreError.emptyInput`, `.tooFewGroups` (fewer than 2) and
    ///   `.invalidParameter` naming the group and what to fix.
    public init(
        rows: [(group: String, count: Int, level: Double, value: Double, rankError: Double)]
    )
        throws(FairCoreError)
    {
        if rows.isEmpty { throw .emptyInput(what: "quantile summary") }
        var byGroup: [String: [(count: Int, level: Double, value: Double, rankError: Double)]] = [:]
        for row in rows {
            byGroup[row.group, default: []].append((row.count, row.level, row.value, row.rankError))
        }
        if byGroup.count < 2 { throw .tooFewGroups(found: byGroup.count, needed: 2) }
        var groups: [Group] = []
        for name in byGroup.keys.sorted() {
            let items = byGroup[name]!.sorted { $0.level < $1.level }
            groups.append(try Self.group(name, items))
        }
        if let other = groups.first(where: { $0.values.count != groups[0].values.count }) {
            throw .invalidParameter(
                name: "levels of group \"\(other.name)\"", value: "\(other.values.count)",
                allowed:
                    "the same levels in every group (group \"\(groups[0].name)\" has \(groups[0].values.count))"
            )
        }
        self.groups = groups
    }

    private static func group(
        _ name: String, _ items: [(count: Int, level: Double, value: Double, rankError: Double)]
    ) throws(FairCoreError) -> Group {
        let k = items.count
        let first = items[0]
        for (i, item) in items.enumerated() {
            let expected = Double(i + 1) / Double(k)
            if !(abs(item.level - expected) <= 1e-9) {
                throw .invalidParameter(
                    name: "level \(i + 1) of group \"\(name)\"", value: "\(item.level)",
                    allowed: "the levels 1/K, 2/K, …, 1 (here K = \(k): \(expected)), each once")
            }
            if item.count != first.count || item.rankError != first.rankError {
                throw .invalidParameter(
                    name: "count and rank error of group \"\(name)\"",
                    value: "\(item.count), \(item.rankError)",
                    allowed:
                        "one count and one rank error per group (first row: \(first.count), \(first.rankError))"
                )
            }
            if !item.value.isFinite {
                throw .nonFiniteValue(
                    what: "quantile of group \"\(name)\"", row: i, value: item.value)
            }
            if i > 0 && item.value < items[i - 1].value {
                throw .notSorted(
                    what: "quantiles of group \"\(name)\" by level", row: i, value: item.value,
                    previous: items[i - 1].value)
            }
        }
        if first.count < 1 {
            throw .invalidParameter(
                name: "count of group \"\(name)\"", value: "\(first.count)",
                allowed: "a row count >= 1")
        }
        if !(first.rankError >= 0 && first.rankError <= 1) {
            throw .invalidParameter(
                name: "rank error of group \"\(name)\"", value: "\(first.rankError)",
                allowed: "a fraction in [0, 1] (0 for exact quantiles)")
        }
        return Group(
            name: name, count: first.count, values: items.map(\.value),
            rankError: first.rankError + 0.0)
    }

    /// The rank error of a group.
    public func rankError(ofGroup name: String) -> Double? {
        groups.first { $0.name == name }?.rankError
    }

    /// `ε_s + ε_s'`: how much more than the exact-summary repair the KS between the repaired
    /// groups `s` and `s'` may be (see the type's properties). Nil for an unknown group.
    public func ksAllowance(between s: String, and t: String) -> Double? {
        guard let a = rankError(ofGroup: s), let b = rankError(ofGroup: t) else { return nil }
        return a + b
    }
}

extension BarycenterRepair {
    /// Fits a repair from per-group quantile summaries (see `QuantileSummary`): each group's `K`
    /// values as its calibration sample, the counts as the weights, Convention A, no jitter,
    /// the clamp policy, and `outputRange` as the clip.
    /// - Throws: as `fit(scores:groups:…)` (e.g. fewer than 10 levels).
    public static func fit(
        quantileSummary summary: QuantileSummary, taskName: String, outputRange: OutputRange? = nil
    ) throws(FairCoreError) -> BarycenterRepair {
        var scores: [Double] = []
        var codes: [Int32] = []
        for (g, group) in summary.groups.enumerated() {
            scores += group.values
            codes += [Int32](repeating: Int32(g), count: group.values.count)
        }
        let names = summary.groups.map(\.name)
        let total = Double(summary.groups.reduce(0) { $0 + $1.count })
        var weights: [String: Double] = [:]
        for group in summary.groups { weights[group.name] = Double(group.count) / total }
        let options = RepairOptions(outputRange: outputRange, warningGroupSize: 0)
        let groups = try FairCoreError.reporting { () throws(FairSupportError) in
            try GroupColumn(codes: codes, names: names)
        }
        return try fit(
            scores: scores, groups: groups, taskName: taskName, weights: weights, options: options)
    }
}
