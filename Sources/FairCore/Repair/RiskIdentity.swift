import FairSupport

/// The risk identity of the barycenter repair (METHOD.md §6.4): the mean squared change the
/// repair makes to the predictions, next to the barycenter's cost
/// `Σ_s π_s W2²(ν_s, ν*)`. In the population they are equal; for a plug-in repair evaluated
/// on held-out rows they agree up to sampling and step error (METHOD.md §7.0: 0.754 → 0.688
/// against 0.6825 as the pool grows).
///
/// ## Mathematical properties
/// - `meanSquaredChange = (1/n) Σ_i (f_i - g_i)²` over the evaluated rows.
/// - `barycenterCost = Σ_s π_s W2²(ν_s, ν*)`, exact over the merged quantile grid of the
///   repair's quantile samples (`Barycenter.cost()`).
/// - Per group: `E[(f - g)² | S = s]` next to `W2²(ν_s, ν*)` (equal in the population).
/// - With u = 0, no split and groups of equal size, evaluating on the pool itself gives the
///   two sides equal up to rounding (the map sends the i-th order statistic of every group to
///   the i-th atom of the barycenter).
public struct RiskIdentity: Sendable, Hashable {
    /// `(1/n) Σ (f_i - g_i)²`.
    public let meanSquaredChange: Double
    /// `Σ_s π_s W2²(ν_s, ν*)`.
    public let barycenterCost: Double
    /// The groups, in the repair's order.
    public let groupNames: [String]
    /// Per group, the mean squared change of its rows (NaN for a group with no rows).
    public let groupMeanSquaredChange: [Double]
    /// Per group, `W2²(ν_s, ν*)`.
    public let groupSquaredDistance: [Double]

    /// `meanSquaredChange - barycenterCost`.
    public var difference: Double { meanSquaredChange - barycenterCost }
}

extension BarycenterRepair {
    /// Applies the repair (ε = 0) to `scores` and compares the mean squared change with the
    /// barycenter's cost.
    /// - Throws: `.emptyInput` for no rows, `.overflow` when a side is beyond the largest Double
    ///   (squares of scores beyond about ±1e154), and every error of `apply`.
    public func riskIdentity(scores: [Double], groups: GroupColumn, rowIDs: [UInt64]? = nil) throws(FairCoreError) -> RiskIdentity {
        if scores.isEmpty { throw .emptyInput(what: "scores for the risk identity") }
        let result = try apply(scores: scores, groups: groups, rowIDs: rowIDs)
        let remap = groups.names.map { groupIndex[$0] ?? 0 }   // every used name was checked by apply
        var sums = [Double](repeating: 0, count: groupCount)
        var counts = [Int](repeating: 0, count: groupCount)
        for i in 0..<scores.count {
            let g = remap[Int(groups.codes[i])]
            let d = scores[i] - result.outputs[i]
            sums[g] += d * d
            counts[g] += 1
        }
        let distances = barycenter.squaredDistancesToComponents()
        let cost = ProbabilityWeights.compensatedSum(distances.indices.map { weights[$0] * distances[$0] })
        let change = ProbabilityWeights.compensatedSum(sums)
        if !change.isFinite || !cost.isFinite {
            let what = !change.isFinite ? "the mean squared change of task \"\(taskName)\"" : "the barycenter cost Σ π W2² of task \"\(taskName)\""
            throw .overflow(what: what + " (a mean of squares, with scores reaching \(Self.largestMagnitude(scores)))",
                            remedy: "rescale the scores (e.g. divide them by 1e300) before checking the risk identity")
        }
        return RiskIdentity(
            meanSquaredChange: change / Double(scores.count),
            barycenterCost: cost, groupNames: groupNames,
            groupMeanSquaredChange: (0..<groupCount).map { counts[$0] == 0 ? .nan : sums[$0] / Double(counts[$0]) },
            groupSquaredDistance: distances)
    }

    /// The largest `|x|` of the scores (for the overflow message).
    static func largestMagnitude(_ x: [Double]) -> Double { x.reduce(0) { max($0, abs($1)) } }
}
