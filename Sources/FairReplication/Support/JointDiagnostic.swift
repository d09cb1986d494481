import FairCore

/// The joint (cross-task) diagnostic of METHOD.md check C8, per group: per-task repairs equalise
/// each task's marginal law across groups, not the joint law of the two scores.
///
/// For each group `s` and two score columns `g₁`, `g₂` on the same rows:
/// - `spearman[s]` = Spearman's ρ between `g₁` and `g₂` within group `s`: the Pearson correlation
///   of their mid-ranks (ties share the mean rank) among the group's rows;
/// - `bothHigh[s]` = `P̂(g₁ > m₁, g₂ > m₂ | S = s)`, with `m_t` the median of `g_t` over **all**
///   rows (both groups pooled): the share of the group scored high on both tasks.
///
/// ## Mathematical properties
/// - ρ is invariant under strictly increasing maps of either score within a group, so a repair
///   that preserves within-group ranks leaves ρ_s unchanged (up to the ties and the jitter
///   reversals it introduces): marginal fairness does not touch the dependence between tasks.
/// - `bothHigh` does change: after a repair both groups' marginals match, so a remaining gap
///   between groups in `bothHigh` is a joint (not marginal) disparity.
/// - ρ is NaN for a group with fewer than two rows or a constant score.
public struct JointDiagnostic: Sendable, Hashable, Codable {
    /// Group names, in the group column's order.
    public var groups: [String]
    public var spearman: [Double]
    public var bothHigh: [Double]

    public init(first: [Double], second: [Double], groups column: GroupColumn) {
        groups = column.names
        let m1 = Self.median(first), m2 = Self.median(second)
        var rho: [Double] = [], high: [Double] = []
        for rows in column.rowsByGroup() {
            let a = rows.map { first[$0] }, b = rows.map { second[$0] }
            rho.append(Self.pearson(Self.midRanks(a), Self.midRanks(b)))
            let both = rows.reduce(0) { $0 + (first[$1] > m1 && second[$1] > m2 ? 1 : 0) }
            high.append(rows.isEmpty ? .nan : Double(both) / Double(rows.count))
        }
        spearman = rho
        bothHigh = high
    }

    /// 1-based ranks, ties sharing their mean rank.
    static func midRanks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        var ranks = [Double](repeating: 0, count: values.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count, values[order[j + 1]] == values[order[i]] { j += 1 }
            let rank = Double(i + j) / 2 + 1
            for k in i...j { ranks[order[k]] = rank }
            i = j + 1
        }
        return ranks
    }

    static func pearson(_ a: [Double], _ b: [Double]) -> Double {
        let n = Double(a.count)
        guard a.count >= 2 else { return .nan }
        let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for i in a.indices {
            let da = a[i] - ma, db = b[i] - mb
            sab += da * db
            saa += da * da
            sbb += db * db
        }
        guard saa > 0, sbb > 0 else { return .nan }
        return sab / (saa * sbb).squareRoot()
    }

    /// The median (mean of the two middle values for an even count).
    static func median(_ values: [Double]) -> Double {
        let s = values.sorted()
        guard !s.isEmpty else { return .nan }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
