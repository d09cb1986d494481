import FairCore
import FairPlot

/// What `verify w2` reports: W2 of two samples as the L2 distance of their quantile functions
/// (FairCore's `Wasserstein`), with the quantile functions segment by segment for small
/// samples, and optionally the minimum over every coupling (`CouplingSearch`).
///
/// ## Mathematical properties
/// - `squared = ∫_0^1 (Q_a(v) - Q_b(v))² dv` with generalized-inverse quantiles, exact over the
///   merged grid `{i/n} ∪ {j/m}`; `distance = sqrt(squared)` (both from `Wasserstein`).
/// - `search.squaredCost = min_γ Σ γ_ij (a_i - b_j)²` over all couplings; equal to `squared` up
///   to rounding, since the monotone coupling is optimal on the line (METHOD.md §6.1).
/// - `segments`: the grid's segments `(lower, upper]` as exact fractions `k / lcm(n, m)`, with
///   the order statistic each quantile function takes there.
struct W2Check {
    struct Segment {
        var lower: Int, upper: Int
        var first: Double, second: Double
    }

    let pair: W2Pair
    let distance: Double
    let squared: Double
    let search: CouplingSearch.Result?

    init(_ pair: W2Pair, bruteForce: Bool) throws {
        self.pair = pair
        distance = try Wasserstein.w2(pair.first, pair.second)
        squared = try Wasserstein.w2Squared(pair.first, pair.second)
        search = bruteForce ? try CouplingSearch.minimumSquaredCost(pair.first, pair.second) : nil
    }

    /// `lcm(n, m)`: the common denominator of the grid's levels.
    var denominator: Int {
        let n = pair.first.count, m = pair.second.count
        var (x, y) = (n, m)
        while y != 0 { (x, y) = (y, x % y) }
        return n / x * m
    }

    /// The merged quantile grid, segment by segment (only for small samples).
    var segments: [Segment] {
        let a = pair.first.sorted(), b = pair.second.sorted()
        let n = a.count, m = b.count, units = denominator
        var result: [Segment] = []
        var lower = 0
        for level in Set((1...n).map { $0 * units / n } + (1...m).map { $0 * units / m }).sorted() {
            // Q(v) = z(ceil(v n)) on (lower, level]: the order statistic of the level's ceiling.
            let i = (level * n + units - 1) / units, j = (level * m + units - 1) / units
            result.append(Segment(lower: lower, upper: level, first: a[i - 1], second: b[j - 1]))
            lower = level
        }
        return result
    }

    func store(in workspace: inout Workspace) throws {
        try workspace.store(
            NumberResult(distance, note: "W2 between the two samples (quantile functions)"),
            as: "w2.distance")
        try workspace.store(
            NumberResult(squared, note: "W2² = ∫ (Q_a - Q_b)² dv"), as: "w2.squared")
        guard let search else { return }
        try workspace.store(
            NumberResult(search.squaredCost, note: "min over every coupling of Σ γ (a - b)²"),
            as: "w2.brute_force")
        try workspace.store(
            NumberResult(search.squaredCost - squared, note: "w2.brute_force - w2.squared"),
            as: "w2.difference")
    }

    func report(to context: inout CommandContext) {
        let (nameA, nameB) = pair.names
        context.print(
            "W2 between \(nameA) and \(nameB) \(pair.origin): the L2 distance of their quantile "
                + "functions")
        let rows: [[ResultTable.Cell]] = [(nameA, pair.first), (nameB, pair.second)].map {
            name, values in
            let mean = values.reduce(0, +) / Double(values.count)
            let variance =
                values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
                / Double(values.count)
            return [
                .text(name), .integer(values.count), .number(mean),
                .number(variance.squareRoot())
            ]
        }
        context.print(
            table: ResultTable(
                columns: [
                    ResultTable.Column("group"), ResultTable.Column("n", rightAligned: true),
                    ResultTable.Column("mean", rightAligned: true),
                    ResultTable.Column("sd", rightAligned: true)
                ], rows: rows))
        let grid = pair.isSmall ? segments : []
        if pair.isSmall {
            for (name, values) in [(nameA, pair.first), (nameB, pair.second)] {
                context.print(
                    "\(name) sorted: "
                        + values.sorted().map { context.format($0) }
                        .joined(separator: ", "))
            }
            context.print(table: segmentTable(grid, context))
        }
        let how =
            pair.isSmall
            ? "Σ width · (Q_\(nameA) - Q_\(nameB))² over the \(grid.count) segments above"
            : "∫ (Q_\(nameA)(v) - Q_\(nameB)(v))² dv, exact over the merged quantile grid"
        context.print(
            "W2 = \(context.format(distance)), W2² = \(context.format(squared)) (\(how))")
        guard let search else { return }
        let arrangements =
            search.arrangements == 1
            ? "the 1 arrangement"
            : "every one of \(NumberFormat.grouped(search.arrangements)) arrangements"
        context.print(
            "min over couplings of Σ γ (a - b)² (\(arrangements) of \(search.massUnits) units of "
                + "mass 1/\(search.massUnits)): W2² = \(context.format(search.squaredCost)); "
                + "difference from the quantile integral "
                + NumberFormat.significant(search.squaredCost - squared, digits: 2))
        context.print(
            "optimal coupling found (mass in units of 1/\(search.massUnits); rows \(nameA), "
                + "columns \(nameB))")
        context.print(table: couplingTable(search, context))
    }

    private func segmentTable(_ grid: [Segment], _ context: CommandContext) -> ResultTable {
        let (nameA, nameB) = pair.names
        let rows: [[ResultTable.Cell]] = grid.map { segment in
            let difference = segment.first - segment.second
            return [
                .text("(\(fraction(segment.lower)), \(fraction(segment.upper))]"),
                .text(fraction(segment.upper - segment.lower)), .number(segment.first),
                .number(segment.second), .number(difference * difference)
            ]
        }
        return ResultTable(
            columns: [
                ResultTable.Column("levels v"), ResultTable.Column("width", rightAligned: true),
                ResultTable.Column("Q_\(nameA)", rightAligned: true),
                ResultTable.Column("Q_\(nameB)", rightAligned: true),
                ResultTable.Column("(Q_\(nameA) - Q_\(nameB))²", rightAligned: true)
            ], rows: rows)
    }

    /// The optimal coupling found by the search, rows and columns in increasing order of the
    /// values, masses in units of `1/L` (0 shown as `.`).
    private func couplingTable(
        _ search: CouplingSearch.Result, _ context: CommandContext
    ) -> ResultTable {
        let (nameA, nameB) = pair.names
        let rowOrder = pair.first.indices.sorted { pair.first[$0] < pair.first[$1] }
        let columnOrder = pair.second.indices.sorted { pair.second[$0] < pair.second[$1] }
        var columns = [ResultTable.Column("\(nameA) \\ \(nameB)")]
        columns += columnOrder.map {
            ResultTable.Column(context.format(pair.second[$0]), rightAligned: true)
        }
        let rows: [[ResultTable.Cell]] = rowOrder.map { i in
            [.text(context.format(pair.first[i]))]
                + columnOrder.map { j in
                    search.coupling[i][j] == 0 ? .text(".") : .integer(search.coupling[i][j])
                }
        }
        return ResultTable(columns: columns, rows: rows)
    }

    /// `k / L` reduced (`0`, `1`, `1/4`).
    private func fraction(_ k: Int) -> String {
        let units = denominator
        if k == 0 { return "0" }
        if k == units { return "1" }
        var (x, y) = (k, units)
        while y != 0 { (x, y) = (y, x % y) }
        return "\(k / x)/\(units / x)"
    }
}
