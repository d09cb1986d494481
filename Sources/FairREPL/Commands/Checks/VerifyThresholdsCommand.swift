import FairCore
import FairPlot

extension CommandSpec {
    /// `verify thresholds`: demographic parity of the classifiers `1{score ≥ τ}` over a grid of
    /// thresholds, before and after the repair, next to a fix made at one threshold only.
    static let verifyThresholds = CommandSpec(
        "verify thresholds", group: .checks,
        summary: "DP gap of the classifier 1{score ≥ τ} at every threshold of a grid, before, after, and fixed at one τ",
        discussion: """
            Strong demographic parity of a score gives demographic parity of every classifier built on it: the gap \
            max_s P(g ≥ τ | s) − min_s P(g ≥ τ | s) is at most the KS distance between the groups, for every τ at \
            once (METHOD.md C7). The 'fixed' column is the usual per-threshold fix for comparison: the unrepaired \
            score with one threshold per group, τ + d_s, where the shifts d_s equalise the groups' rates at \
            --fix-at (default: the middle of the grid); at other thresholds its gap comes back unless the group \
            laws differ only by a shift. The default grid is the 5%, 10%, …, 95% quantiles of the repaired \
            scores. Stores thresholds.max_before, thresholds.max_after, thresholds.max_fixed (largest gaps over the \
            grid) and thresholds.fixed_at_gap (the fixed classifier's gap at its own threshold).
            """,
        options: [
            CheckOptions.task,
            ThresholdOptions.grid,
            ThresholdOptions.fixAt,
            CheckOptions.repaired
        ],
        examples: ["verify thresholds", "verify thresholds --grid 0.2,0.4,0.6,0.8 --fix-at 0.5"],
        prerequisites: [.repaired],
        lesson: "Lessons/05-classification-thresholds.md"
    ) { context in
        let (name, repaired) = try CheckSupport.repaired(
            named: context.invocation[CheckOptions.repaired], in: context.workspace)
        let task = try CheckSupport.tasks(
            context.invocation[CheckOptions.task].map { [$0] }, of: repaired)[0]
        let groups = try RepairCommandSupport.droppingEmptyGroups(repaired.groups)
        let before = try SortedGroups(values: task.before, groups: groups)
        let after = try SortedGroups(values: task.after, groups: groups)
        let grid =
            try context.invocation[ThresholdOptions.grid] ?? ThresholdScan.quantileGrid(task.after)
        guard !grid.isEmpty, grid.allSatisfy(\.isFinite) else {
            throw CommandError.failed(message: "--grid needs finite thresholds, e.g. --grid 0.2,0.4,0.6,0.8")
        }
        let fixAt = context.invocation[ThresholdOptions.fixAt] ?? grid.sorted()[grid.count / 2]
        let shifts = ThresholdScan.equalisingShifts(before, at: fixAt)
        var rows: [[ResultTable.Cell]] = []
        var maxBefore = 0.0, maxAfter = 0.0, maxFixed = 0.0
        for tau in grid {
            let gapBefore = try DemographicParity.gap(before, threshold: tau).gap
            let gapAfter = try DemographicParity.gap(after, threshold: tau).gap
            let gapFixed = ThresholdScan.gap(before, thresholds: shifts.map { tau + $0 })
            rows.append([.number(tau), .number(gapBefore), .number(gapAfter), .number(gapFixed)])
            maxBefore = max(maxBefore, gapBefore)
            maxAfter = max(maxAfter, gapAfter)
            maxFixed = max(maxFixed, gapFixed)
        }
        let fixedAtGap = ThresholdScan.gap(before, thresholds: shifts.map { fixAt + $0 })
        let ks = try PairwiseKolmogorovSmirnov(after).statistic
        try context.workspace.store(NumberResult(maxBefore, note: "largest DP gap over the thresholds, before the repair"), as: "thresholds.max_before")
        try context.workspace.store(NumberResult(maxAfter, note: "largest DP gap over the thresholds, after the repair"), as: "thresholds.max_after")
        try context.workspace.store(NumberResult(maxFixed, note: "largest DP gap over the thresholds of the per-group fix"), as: "thresholds.max_fixed")
        try context.workspace.store(NumberResult(fixedAtGap, note: "DP gap of the per-group fix at its own threshold"), as: "thresholds.fixed_at_gap")
        context.print(
            "DP gap of 1{\(task.name) ≥ τ} between groups on \(NumberFormat.grouped(repaired.rowCount)) \(repaired.selection) rows of \(name); fixed: one threshold per group, equal rates at τ = \(context.format(fixAt))")
        context.print(table: ResultTable(
            columns: [
                ResultTable.Column("tau", rightAligned: true), ResultTable.Column("before", rightAligned: true),
                ResultTable.Column("after", rightAligned: true), ResultTable.Column("fixed", rightAligned: true),
            ], rows: rows))
        context.print(
            "largest gap over \(grid.count) thresholds: before \(context.format(maxBefore)), after \(context.format(maxAfter)) (KS after = \(context.format(ks)) bounds it at every τ), fixed at one τ \(context.format(maxFixed))")
    }
}

/// The arithmetic of `verify thresholds`.
///
/// ## Mathematical properties
/// - `gap(_:thresholds:)` is `max_s r_s − min_s r_s` with `r_s = #{x ∈ sample_s : x ≥ t_s} / n_s`,
///   exact (binary search on the sorted samples).
/// - `equalisingShifts(_:at:)` gives per-group shifts `d_s` such that every group's rate at
///   `τ + d_s` is as close as the sample allows to the pooled rate at `τ` (within `1/n_s`).
enum ThresholdScan {
    /// The 5%, 10%, …, 95% quantiles (order statistics) of `values`, without repeats.
    static func quantileGrid(_ values: [Double]) throws -> [Double] {
        let sorted = RadixSort.sorted(values)
        guard !sorted.isEmpty else { throw CommandError.failed(message: "no scores to choose thresholds from") }
        var grid: [Double] = []
        for step in 1...19 {
            let value = sorted[min(sorted.count - 1, step * sorted.count / 20)]
            if grid.last != value { grid.append(value) }
        }
        return grid
    }

    /// Share of a sorted sample at or above `threshold`.
    static func rate(_ sorted: [Double], atOrAbove threshold: Double) -> Double {
        Double(sorted.count - sorted.lowerBound(of: threshold)) / Double(sorted.count)
    }

    /// The DP gap of the classifier that uses threshold `thresholds[s]` in group `s`.
    static func gap(_ groups: SortedGroups, thresholds: [Double]) -> Double {
        let rates = zip(groups.samples, thresholds).map { rate($0, atOrAbove: $1) }
        return (rates.max() ?? 0) - (rates.min() ?? 0)
    }

    /// Per-group shifts `d_s` so that `1{x ≥ τ + d_s}` selects in every group the share the
    /// pooled sample has at or above `τ`.
    static func equalisingShifts(_ groups: SortedGroups, at tau: Double) -> [Double] {
        let total = groups.samples.reduce(0) { $0 + $1.count }
        let selected = groups.samples.reduce(0.0) { $0 + rate($1, atOrAbove: tau) * Double($1.count) }
        let target = selected / Double(total)
        return groups.samples.map { sample in
            let n = sample.count
            let keep = Int((target * Double(n)).rounded())
            let cut: Double
            if keep <= 0 {
                cut = (sample.last ?? 0).nextUp
            } else {
                cut = sample[n - min(keep, n)]
            }
            // τ + (cut − τ) may round above cut, which would drop that row: step down until it does not.
            var shift = cut - tau
            while tau + shift > cut { shift = shift.nextDown }
            return shift
        }
    }
}

/// The options of `verify thresholds` besides `CheckOptions`.
private enum ThresholdOptions {
    static let grid = CommandOption<[Double]?>(
        "grid", .list(.real()),
        summary: "the thresholds τ (default: 19 quantiles of the repaired scores)")
    static let fixAt = CommandOption<Double?>(
        "fix-at", .real(),
        summary: "the threshold the per-group fix equalises (default: the grid's middle)")
}
