/// An independent reference for the W1 output under FairMTL's Convention A (METHOD.md §4.4),
/// the step (generalized-inverse) quantile that POT's `quantile_function` also uses, written
/// without any FairCore code: standard-library sorts, a merge walk for the ranks, integer ceilings.
///
/// For an apply row of group `s` with score `x`: `r = #{fit scores of s <= x}`, and the output
/// is `Σ_b p_b · z_b(max(1, ceil(r n_b / n_s)))` with `p_b = n_b / n_fit` and `z_b(j)` the j-th
/// smallest fit score of group `b`, summed in the peers' order (`p_0 Q_0 + p_1 Q_1`). No jitter.
/// Slow (comparison sorts): for checking only, outside the timed runs.
enum StepQuantileReference {
    static func outputs(_ file: ScoresFile) -> [Double] {
        let groups = Int(file.fitGroups.max() ?? 0) + 1
        var sorted = [[Double]](repeating: [], count: groups)
        for (row, g) in file.fitGroups.enumerated() { sorted[Int(g)].append(file.fitScores[row]) }
        for g in 0..<groups { sorted[g].sort() }
        let nFit = file.fitScores.count
        var outputs = [Double](repeating: .nan, count: file.applyScores.count)
        for s in 0..<groups {
            let own = sorted[s]
            if own.isEmpty { continue }   // the repair refuses such a fit anyway
            // This group's apply rows in increasing score order: ranks by one merge walk.
            let rows = file.applyGroups.indices.filter { Int(file.applyGroups[$0]) == s }
                .sorted { file.applyScores[$0] < file.applyScores[$1] }
            var r = 0
            for row in rows {
                let x = file.applyScores[row]
                while r < own.count && own[r] <= x { r += 1 }
                var out = 0.0
                for b in 0..<groups where !sorted[b].isEmpty {
                    let nb = sorted[b].count
                    let j = max(1, (r * nb + own.count - 1) / own.count)
                    out += Double(nb) / Double(nFit) * sorted[b][j - 1]
                }
                outputs[row] = out
            }
        }
        return outputs
    }
}
