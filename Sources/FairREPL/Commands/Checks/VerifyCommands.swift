import FairCore
import FairPlot

extension CommandSpec {
    /// `verify ks`: strong demographic parity after the repair, tested at level α.
    static let verifyKS = CommandSpec(
        "verify ks", group: .checks, summary: "KS between groups before and after the repair, its p-value and a verdict at level α",
        discussion: """
            Theorem 1: the repaired scores have the same law in every group (strong demographic parity), so the \
            KS distance between groups falls to the sampling noise of the rows it is measured on, plus the estimation \
            error of the calibration pool; it cannot go below that noise. \(TaskFairness.discussion) Stores ks.before, \
            ks.after, ks.floor, ks.p (the p-value of the test after; with more than two groups the smallest \
            Holm-adjusted one) and ks.p_before; with several tasks, each task's as ks.TASK.before, … and the largest \
            over tasks as ks.before, ks.after, ks.floor, with ks.p the smallest. --ci stores ks.before_low, \
            ks.before_high, ks.after_low and ks.after_high.
            After a repair over several attributes (fit barycenter --group A,B): one row per stage (before, then \
            after each stage) and per view (each attribute's values, and the cells A × B), with the pair attaining \
            the largest KS, its floor and the largest KS / floor ratio over all pairs; stored as \
            ks.VIEW.STATE, ks.VIEW.STATE_floor and ks.VIEW.STATE_ratio (VIEW an attribute or cells; STATE before, \
            stage1, …, after; with several tasks ks.TASK.VIEW.STATE).
            """,
        options: [
            CheckOptions.tasks,
            CheckOptions.repaired
        ] + TaskFairness.options.all,
        examples: ["verify ks", "verify ks --ci", "verify ks --alpha 0.01 --ci --resamples 200"],
        prerequisites: [.repaired],
        lesson: "Lessons/01-strong-demographic-parity.md"
    ) { context in
        let (name, repaired) = try CheckSupport.repaired(
            named: context.invocation[CheckOptions.repaired], in: context.workspace)
        let tasks = try CheckSupport.tasks(context.invocation[CheckOptions.tasks], of: repaired)
        if repaired.attributeStages != nil {
            // Several attributes: per attribute and per cell, before and after each stage.
            try AttributeReport.verifyKS(&context, name: name, repaired: repaired, tasks: tasks)
            return
        }
        let (alpha, bootstrap) = TaskFairness.parse(context)
        var results: [TaskFairness] = []
        for task in tasks {
            try context.checkCancellation("before task \(task.name)")
            results.append(try TaskFairness(task, of: repaired, alpha: alpha, bootstrap: bootstrap) {
                try context.checkCancellation("in the bootstrap of \(task.name)")
            })
        }
        let severalPairs = TaskFairness.hasSeveralPairs(results)
        var rows: [[ResultTable.Cell]] = []
        var worst = (before: 0.0, after: 0.0, floor: 0.0, p: 1.0, pBefore: 1.0)
        var readings: [String] = []
        for result in results {
            let (task, before, after) = (result.task, result.verdict.before, result.verdict.after)
            var row: [ResultTable.Cell] = [.text(task.name), .number(before.ks)]
            if let interval = result.beforeInterval { row += [.number(interval.lower), .number(interval.upper)] }
            if severalPairs { row.append(.text(before.pair.joined(separator: " vs "))) }
            row.append(.number(after.ks))
            if let interval = result.afterInterval { row += [.number(interval.lower), .number(interval.upper)] }
            if severalPairs { row.append(.text(after.pair.joined(separator: " vs "))) }
            row += [.number(after.floor), .number(after.p)]
            rows.append(row)
            worst = (max(worst.before, before.ks), max(worst.after, after.ks), max(worst.floor, after.floor), min(worst.p, after.p),
                     min(worst.pBefore, before.p))
            let key = tasks.count > 1 ? "ks.\(ReportNames.key(task.name))" : "ks"
            if tasks.count > 1 {
                try context.workspace.store(NumberResult(before.ks, note: "KS between groups before the repair, \(task.name)"), as: "\(key).before")
                try context.workspace.store(NumberResult(after.ks, note: "KS between groups after the repair, \(task.name)"), as: "\(key).after")
                try context.workspace.store(NumberResult(after.floor, note: "KS noise floor, \(task.name)"), as: "\(key).floor")
                try context.workspace.store(NumberResult(after.p, note: "p-value of KS after, \(task.name)"), as: "\(key).p")
                try context.workspace.store(NumberResult(before.p, note: "p-value of KS before, \(task.name)"), as: "\(key).p_before")
            }
            if let beforeInterval = result.beforeInterval, let afterInterval = result.afterInterval {
                try context.workspace.store(NumberResult(beforeInterval.lower, note: "bootstrap lower end of KS before"), as: "\(key).before_low")
                try context.workspace.store(NumberResult(beforeInterval.upper, note: "bootstrap upper end of KS before"), as: "\(key).before_high")
                try context.workspace.store(NumberResult(afterInterval.lower, note: "bootstrap lower end of KS after"), as: "\(key).after_low")
                try context.workspace.store(NumberResult(afterInterval.upper, note: "bootstrap upper end of KS after"), as: "\(key).after_high")
            }
            readings += result.verdict.sentences(task: task.name, format: context.format)
        }
        try context.workspace.store(NumberResult(worst.before, note: "KS between groups before the repair"), as: "ks.before")
        try context.workspace.store(NumberResult(worst.after, note: "KS between groups after the repair"), as: "ks.after")
        try context.workspace.store(NumberResult(worst.floor, note: "KS noise floor sqrt(π/2)·ln 2·sqrt(1/n1 + 1/n2)"), as: "ks.floor")
        try context.workspace.store(NumberResult(worst.p, note: "p-value of KS after under one common law"), as: "ks.p")
        try context.workspace.store(NumberResult(worst.pBefore, note: "p-value of KS before under one common law"), as: "ks.p_before")
        context.print("KS between groups on \(NumberFormat.grouped(repaired.rowCount)) \(repaired.selection) rows of \(name) (tests at α = \(NumberFormat.compact(alpha)))")
        var columns = [ResultTable.Column("task"), ResultTable.Column("before", rightAligned: true)]
        if bootstrap != nil { columns += [ResultTable.Column("before_lo", rightAligned: true), ResultTable.Column("before_hi", rightAligned: true)] }
        if severalPairs { columns.append(ResultTable.Column("pair_before")) }
        columns.append(ResultTable.Column("after", rightAligned: true))
        if bootstrap != nil { columns += [ResultTable.Column("after_lo", rightAligned: true), ResultTable.Column("after_hi", rightAligned: true)] }
        if severalPairs { columns.append(ResultTable.Column("pair_after")) }
        columns += [ResultTable.Column("floor", rightAligned: true), ResultTable.Column(severalPairs ? "p_holm" : "p", rightAligned: true)]
        context.print(table: ResultTable(columns: columns, rows: rows))
        if let bootstrap { context.print(bootstrap.describe(context.format)) }
        for reading in readings { context.print(reading) }
        if let errors = repaired.quantileRankErrors {
            try QuantileBoundReport.report(&context, errors: errors, afterPairs: results.map(\.verdict.after.pair))
        }
        for warning in repaired.provenanceWarnings { context.print(warning) }
    }

    /// `verify ranks`: the repair keeps the order of scores within each group (Corollary 1).
    static let verifyRanks = CommandSpec(
        "verify ranks", group: .checks, summary: "check that the repair keeps the order of scores within each group",
        discussion: """
            Corollary 1: within a group the fair map is non-decreasing, so no pair of rows of one group changes \
            order. Counts, per task and group, the pairs the repair inverts (by more than --tolerance; those within \
            it are 'small'), the pairs of distinct scores it ties, and Kendall's tau-b between before and after. \
            A repair with jitter u ranks the jittered scores x + U(-u, u) (the same noise for a row every time), \
            so it is non-decreasing in those: the check then uses the jittered scores, and counts apart the pairs \
            that swap in the raw scores (necessarily closer than 2u). Stores ranks.inversions, ranks.small, \
            ranks.ties, ranks.max_violation (sums and maximum over tasks and groups) and ranks.swaps.
            """,
        options: [
            CheckOptions.tasks,
            RanksOptions.tolerance,
            CheckOptions.repaired
        ],
        examples: ["verify ranks", "verify ranks --tolerance 1e-9"],
        prerequisites: [.repaired],
        lesson: "Lessons/02-rank-preservation.md"
    ) { context in
        let (name, repaired) = try CheckSupport.repaired(
            named: context.invocation[CheckOptions.repaired], in: context.workspace)
        let tasks = try CheckSupport.tasks(context.invocation[CheckOptions.tasks], of: repaired)
        let tolerance = context.invocation[RanksOptions.tolerance]
        let check = try RankCheck(repaired, tasks: tasks, tolerance: tolerance) { task in try context.checkCancellation("before task \(task)") }
        try context.workspace.store(NumberResult(Double(check.inversions), note: "pairs inverted beyond the tolerance within a group"), as: "ranks.inversions")
        try context.workspace.store(NumberResult(Double(check.small), note: "pairs inverted by at most the tolerance"), as: "ranks.small")
        try context.workspace.store(NumberResult(Double(check.ties), note: "pairs of distinct scores the repair ties"), as: "ranks.ties")
        try context.workspace.store(NumberResult(check.maximum, note: "largest reversal within a group"), as: "ranks.max_violation")
        try context.workspace.store(NumberResult(Double(check.swaps), note: "pairs swapped in the raw scores by the jitter"), as: "ranks.swaps")
        context.print(
            "order within each group on \(NumberFormat.grouped(repaired.rowCount)) \(repaired.selection) rows of \(name) (tolerance \(NumberFormat.compact(tolerance)))")
        context.print(table: check.table)
        for note in check.notes { context.print(note) }
        context.print(check.conclusion(context.format))
    }

    /// `verify risk`: the risk identity E(f - g)² = Σ π_s W2²(ν_s, ν*).
    static let verifyRisk = CommandSpec(
        "verify risk", group: .checks, summary: "compare the repair's mean squared change with Σ π W2² (the risk identity)",
        discussion: """
            The price of fairness: the fair map moves predictions by E(f - g)² = Σ_s π_s W2²(ν_s, ν*), the \
            weighted squared Wasserstein distance of the group laws to their barycenter, and no other fair map \
            moves them less. Applies the repair (ε = 0) to the rows of the repaired predictions and prints the \
            mean squared change next to the barycenter's cost computed from the calibration pool; they agree up to \
            sampling error. Stores risk.change, risk.w2 and risk.difference (sums over tasks; each task's as \
            risk.TASK.change, … with several tasks).
            """,
        options: [
            CheckOptions.tasks,
            CheckOptions.repaired
        ],
        examples: ["verify risk"],
        prerequisites: [.repaired],
        lesson: "Lessons/03-risk-identity.md"
    ) { context in
        let (name, repaired) = try CheckSupport.repaired(
            named: context.invocation[CheckOptions.repaired], in: context.workspace)
        let tasks = try CheckSupport.tasks(context.invocation[CheckOptions.tasks], of: repaired)
        let check = try RiskCheck(repaired, tasks: tasks)
        if tasks.count > 1 {
            for task in check.tasks {
                let key = ReportNames.key(task.name)
                try context.workspace.store(NumberResult(task.identity.meanSquaredChange, note: "mean (f - g)², \(task.name)"), as: "risk.\(key).change")
                try context.workspace.store(NumberResult(task.identity.barycenterCost, note: "Σ π W2² to the barycenter, \(task.name)"), as: "risk.\(key).w2")
                try context.workspace.store(NumberResult(task.identity.difference, note: "change - Σ π W2², \(task.name)"), as: "risk.\(key).difference")
            }
        }
        try context.workspace.store(NumberResult(check.change, note: "mean squared change (f - g)² made by the repair"), as: "risk.change")
        try context.workspace.store(NumberResult(check.cost, note: "Σ π W2²(ν_s, ν*) of the calibration laws"), as: "risk.w2")
        try context.workspace.store(NumberResult(check.change - check.cost, note: "risk.change - risk.w2"), as: "risk.difference")
        context.print("risk identity on \(NumberFormat.grouped(repaired.rowCount)) \(repaired.selection) rows of \(name): mean (f - g)² against Σ π W2² (per group: W2² to the barycenter)")
        context.print(table: check.table)
    }
}

extension CommandRegistry {
    /// `compare`, `verify ks`, `verify ranks`, `verify risk`, `verify thresholds`, `verify joint`,
    /// `verify w2`, `verify barycenter`.
    public mutating func registerCheckCommands() {
        for command in [
            CommandSpec.compare, .verifyKS, .verifyRanks, .verifyRisk, .verifyThresholds,
            .verifyJoint, .verifyW2, .verifyBarycenter,
        ] { register(command) }
    }
}

/// The option of `verify ranks` besides `CheckOptions`.
private enum RanksOptions {
    static let tolerance = CommandOption<Double>(
        "tolerance", .real(min: 0), summary: "reversals up to this size are counted apart",
        default: 0)
}
