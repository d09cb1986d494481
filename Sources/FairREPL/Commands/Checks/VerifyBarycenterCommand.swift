import FairCore
import FairPlot

extension CommandSpec {
    /// `verify barycenter`: the repaired scores' law is the barycenter Σ π Q_s (Theorem 1).
    static let verifyBarycenter = CommandSpec(
        "verify barycenter", group: .checks,
        summary: "quantiles of the repaired scores against the barycenter Σ π Q_s, and the KS "
            + "distance of each group to it",
        discussion: """
            Theorem 1 and its one-dimensional form: the repaired scores of every group follow the \
            Wasserstein-2 barycenter of the groups' laws, the law whose quantile function is Σ_s \
            π_s Q_s (a weighted average of quantile functions, not of densities). The table lists, \
            at each level v (--levels), each group's quantile before the repair on these rows, the \
            barycenter's quantile Σ π Q_s of the repair's calibration pool, and each group's \
            quantile after; then their means and standard deviations. Below it, the KS distance \
            from each group's repaired scores to the barycenter's CDF, with its noise floor \
            0.8687·sqrt(1/n + 1/N) for n repaired rows and N calibration rows of the group (both \
            samples add noise). Stores barycenter.mean and barycenter.sd (of the fitted \
            barycenter: its mean is Σ π mean_s), barycenter.before_mean (Σ π_s times each group's \
            mean before the repair on these rows), barycenter.after_mean and barycenter.after_sd \
            (of the repaired scores, all groups together), and barycenter.ks, barycenter.floor and \
            barycenter.ratio (the group whose KS to the barycenter is the most floors).
            """,
        options: [
            CheckOptions.task, BarycenterOptions.levels, CheckOptions.repaired
        ],
        examples: ["verify barycenter", "verify barycenter --levels 0.05,0.5,0.95"],
        prerequisites: [.repaired],
        lesson: "Lessons/14-barycenters.md"
    ) { context in
        let invocation = context.invocation
        let (name, repaired) = try CheckSupport.repaired(
            named: invocation[CheckOptions.repaired], in: context.workspace)
        let task =
            try invocation[CheckOptions.task].map { try repaired.task(named: $0) }
            ?? repaired.tasks[0]
        let levels = invocation[BarycenterOptions.levels]
        let check = try BarycenterCheck(
            task: task, groups: repaired.groups, repair: try repaired.repair(forTask: task.name))
        try check.store(in: &context.workspace)
        let weights = zip(check.names, check.weights).map { "\($0) \(context.format($1))" }
        context.print(
            "barycenter of \(task.name) on \(NumberFormat.grouped(repaired.rowCount)) "
                + "\(repaired.selection) rows of \(name): quantiles before and after the repair, "
                + "and Σ π Q_s of the calibration pool (weights "
                + weights.joined(separator: ", ") + ")")
        context.print(table: try check.quantileTable(levels: levels))
        context.print(table: check.distanceTable)
        if repaired.epsilon > 0 {
            context.print(
                "note: these scores were repaired with ε = \(context.format(repaired.epsilon)) "
                    + "> 0, which stops short of the barycenter on purpose (Lesson 7)")
        }
    }
}

/// What `verify barycenter` compares for one task.
///
/// ## Mathematical properties
/// - `barycenter`: FairCore's `Barycenter` of the repair's calibration samples `Q_s` with the
///   repair's weights π: quantile `Σ_s π_s Q_s(v)`, mean `Σ_s π_s mean_s`.
/// - `ks[s] = sup_u |F̂_{g|s}(u) - F*(u)|` between group s's repaired scores and the
///   barycenter's CDF (exact: both are step functions, `GroupStatistics.kolmogorovDistance`).
/// - `floor[s] = 0.8687 · sqrt(1/n_s + 1/N_s)`: the repaired scores are `Q*(F̂_s(f))`, so their
///   law deviates from `ν*` by the calibration ECDF `F̂_s` (N_s points) and their ECDF by the
///   n_s rows; two independent errors of the Kolmogorov scale, whose sum has this mean.
/// - Standard deviations are population ones (divide by n), as the barycenter law's.
struct BarycenterCheck {
    let names: [String]
    let weights: [Double]
    let barycenter: Barycenter
    /// Per group (in `names` order): scores before and after on these rows.
    let before: [[Double]]
    let after: [[Double]]
    let ks: [Double]
    let floor: [Double]

    init(task: RepairedValue.Task, groups: GroupColumn, repair: BarycenterRepair) throws {
        let groupNames = repair.groupNames
        var beforeByGroup = [[Double]](repeating: [], count: groupNames.count)
        var afterByGroup = beforeByGroup
        let index = Dictionary(uniqueKeysWithValues: groupNames.enumerated().map { ($1, $0) })
        for row in 0..<groups.count {
            guard let g = index[groups.label(ofRow: row)] else { continue }
            beforeByGroup[g].append(task.before[row])
            afterByGroup[g].append(task.after[row])
        }
        let sortedAfter = afterByGroup.map { $0.sorted() }
        let center = repair.barycenter
        let law = center.law()
        var floors: [Double] = []
        for g in groupNames.indices {
            let n = sortedAfter[g].count, pool = try repair.cdfSample(ofGroup: groupNames[g]).count
            floors.append(n == 0 ? .nan : KolmogorovSmirnov.noiseFloor(n1: n, n2: pool))
        }
        names = groupNames
        weights = repair.weights
        barycenter = center
        before = beforeByGroup.map { $0.sorted() }
        after = sortedAfter
        ks = sortedAfter.map {
            $0.isEmpty ? .nan : GroupStatistics.kolmogorovDistance(sorted: $0, law: law)
        }
        floor = floors
    }

    /// The group whose KS to the barycenter is the largest number of floors.
    var worst: Int {
        names.indices.filter { !ks[$0].isNaN }.max { ks[$0] / floor[$0] < ks[$1] / floor[$1] } ?? 0
    }

    func store(in workspace: inout Workspace) throws {
        let law = barycenter.law()
        let allAfter = after.flatMap { $0 }
        let beforeMean = names.indices.reduce(0.0) { total, g in
            before[g].isEmpty ? total : total + weights[g] * Self.mean(before[g])
        }
        let w = worst
        let numbers: [(String, Double, String)] = [
            ("mean", barycenter.mean, "mean of the barycenter: Σ π mean_s of the pool"),
            ("sd", Self.standardDeviation(law), "standard deviation of the barycenter"),
            ("before_mean", beforeMean, "Σ π_s mean of group s before the repair, these rows"),
            ("after_mean", Self.mean(allAfter), "mean of the repaired scores"),
            ("after_sd", Self.standardDeviation(allAfter), "sd of the repaired scores"),
            ("ks", ks[w], "KS from group \(names[w])'s repaired scores to the barycenter"),
            ("floor", floor[w], "its noise floor 0.8687·sqrt(1/n + 1/N)"),
            ("ratio", ks[w] / floor[w], "barycenter.ks / barycenter.floor")
        ]
        for (key, value, note) in numbers {
            try workspace.store(NumberResult(value, note: note), as: "barycenter.\(key)")
        }
    }

    func quantileTable(levels: [Double]) throws -> ResultTable {
        var rows: [[ResultTable.Cell]] = []
        for v in levels {
            var row: [ResultTable.Cell] = [.number(v)]
            row += try before.map { try Self.quantile($0, v) }
            row.append(.number(try barycenter.quantile(v)))
            row += try after.map { try Self.quantile($0, v) }
            rows.append(row)
        }
        let law = barycenter.law()
        rows.append(
            [.text("mean")] + before.map(Self.meanCell) + [.number(barycenter.mean)]
                + after.map(Self.meanCell))
        rows.append(
            [.text("sd")] + before.map(Self.sdCell) + [.number(Self.standardDeviation(law))]
                + after.map(Self.sdCell))
        var columns = [ResultTable.Column("v")]
        columns += names.map { ResultTable.Column("\($0) before", rightAligned: true) }
        columns.append(ResultTable.Column("Σ π Q", rightAligned: true))
        columns += names.map { ResultTable.Column("\($0) after", rightAligned: true) }
        return ResultTable(columns: columns, rows: rows)
    }

    var distanceTable: ResultTable {
        let rows: [[ResultTable.Cell]] = names.indices.map { g in
            [
                .text(names[g]), .integer(after[g].count), .number(ks[g]), .number(floor[g]),
                .number(ks[g] / floor[g])
            ]
        }
        return ResultTable(
            columns: [
                ResultTable.Column("group"), ResultTable.Column("n", rightAligned: true),
                ResultTable.Column("KS→bary", rightAligned: true),
                ResultTable.Column("floor", rightAligned: true),
                ResultTable.Column("ratio", rightAligned: true)
            ], rows: rows)
    }

    private static func quantile(_ sorted: [Double], _ v: Double) throws -> ResultTable.Cell {
        if sorted.isEmpty { return .empty }
        return .number(try EmpiricalDistribution(sortedValues: sorted).quantile(v))
    }

    private static func meanCell(_ values: [Double]) -> ResultTable.Cell {
        values.isEmpty ? .empty : .number(mean(values))
    }

    private static func sdCell(_ values: [Double]) -> ResultTable.Cell {
        values.isEmpty ? .empty : .number(standardDeviation(values))
    }

    static func mean(_ values: [Double]) -> Double {
        values.reduce(0, +) / Double(values.count)
    }

    static func standardDeviation(_ values: [Double]) -> Double {
        let m = mean(values)
        return (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count)).squareRoot()
    }

    static func standardDeviation(_ law: DiscreteLaw) -> Double {
        let m = law.mean
        var variance = 0.0
        for i in 0..<law.count {
            variance += law.masses[i] * (law.values[i] - m) * (law.values[i] - m)
        }
        return variance.squareRoot()
    }
}

/// The option of `verify barycenter` besides `CheckOptions`.
private enum BarycenterOptions {
    static let levels = CommandOption<[Double]>(
        "levels", .list(.real(min: 0, max: 1)), summary: "the levels v of the table",
        default: [0.1, 0.25, 0.5, 0.75, 0.9])
}
