import FairCore
import FairPlot

extension CommandSpec {
    /// `verify ks`: strong demographic parity after the repair, against the noise floor.
    static let verifyKS = CommandSpec(
        "verify ks", group: .checks, summary: "KS between groups before and after the repair, next to its noise floor",
        discussion: """
            Theorem 1: the repaired scores have the same law in every group (strong demographic parity), so the \
            KS distance between groups falls to the sampling noise of the rows it is measured on, about \
            0.87·sqrt(1/n1 + 1/n2), plus the estimation error of the calibration pool; it cannot go below that \
            noise. KS after within 3× the floor reads as "at the noise floor". Stores ks.before, ks.after, ks.floor and ks.p \
            (the p-value of KS after under one common law); with several tasks, each task's as ks.TASK.before, … \
            and the largest over tasks as ks.before, ks.after, ks.floor, with ks.p the smallest. --bootstrap B adds \
            a percentile interval of KS after (ks.after_low, ks.after_high).
            After a repair over several attributes (fit barycenter --group A,B): one row per stage (before, then \
            after each stage) and per view (each attribute's values, and the cells A × B), with the pair attaining \
            the largest KS, its floor and the largest KS / floor ratio over all pairs; stored as \
            ks.VIEW.STATE, ks.VIEW.STATE_floor and ks.VIEW.STATE_ratio (VIEW an attribute or cells; STATE before, \
            stage1, …, after; with several tasks ks.TASK.VIEW.STATE).
            """,
        options: [
            OptionSpec("task", .list(.name(.repairedTasks)), summary: "the tasks (default: all)"),
            OptionSpec("bootstrap", .integer(min: 10, max: 100_000), summary: "replicates of a bootstrap interval of KS after"),
            OptionSpec("repaired", .name(.workspaceNames(of: .repaired)), summary: "the repaired predictions (default: the current ones)"),
        ],
        examples: ["verify ks", "verify ks --bootstrap 200"],
        prerequisites: [.repaired],
        lesson: "Lessons/01-strong-demographic-parity.md"
    ) { context in
        let (name, repaired) = try CheckSupport.repaired(named: context.invocation.text("repaired"), in: context.workspace)
        let tasks = try CheckSupport.tasks(context.invocation.texts("task"), of: repaired)
        if repaired.attributeStages != nil {
            // Several attributes: per attribute and per cell, before and after each stage.
            try AttributeReport.verifyKS(&context, name: name, repaired: repaired, tasks: tasks)
            return
        }
        let weights = repaired.weights
        var rows: [[ResultTable.Cell]] = []
        var worst = (before: 0.0, after: 0.0, floor: 0.0, p: 1.0)
        var readings: [String] = []
        for task in tasks {
            let before = try GroupStatistics(values: task.before, groups: repaired.groups, weights: weights[task.name])
            let after = try GroupStatistics(values: task.after, groups: repaired.groups, weights: weights[task.name])
            rows.append([.text(task.name), .number(before.ks), .number(after.ks), .number(after.noiseFloor), .number(after.pValue)])
            worst = (max(worst.before, before.ks), max(worst.after, after.ks), max(worst.floor, after.noiseFloor), min(worst.p, after.pValue))
            if tasks.count > 1 {
                let key = ReportNames.key(task.name)
                try context.workspace.store(NumberResult(before.ks, note: "KS between groups before the repair, \(task.name)"), as: "ks.\(key).before")
                try context.workspace.store(NumberResult(after.ks, note: "KS between groups after the repair, \(task.name)"), as: "ks.\(key).after")
                try context.workspace.store(NumberResult(after.noiseFloor, note: "KS noise floor, \(task.name)"), as: "ks.\(key).floor")
                try context.workspace.store(NumberResult(after.pValue, note: "p-value of KS after, \(task.name)"), as: "ks.\(key).p")
            }
            let ratio = NumberFormat.significant(after.ks / after.noiseFloor, digits: 2)
            if after.ks <= 3 * after.noiseFloor {
                readings.append(
                    "\(task.name): KS after is \(ratio)× the noise floor (p = \(context.format(after.pValue))): at the noise floor, so at this sample size the repaired groups cannot be told apart")
            } else {
                readings.append(
                    "\(task.name): KS after is \(ratio)× the noise floor (p = \(context.format(after.pValue))): above it; a larger calibration pool, jitter for tied scores, or pool and test rows from one population help")
            }
            if let replicates = context.invocation.integer("bootstrap") {
                try context.checkCancellation("before the bootstrap of \(task.name)")
                let interval = try KolmogorovSmirnovBootstrap(after.sorted, replicates: replicates, level: 0.95, seed: context.settings.seed)
                readings.append(
                    "\(task.name): 95% bootstrap interval of KS after: [\(context.format(interval.lower)), \(context.format(interval.upper))] (\(replicates) replicates)")
                let key = tasks.count > 1 ? "ks.\(ReportNames.key(task.name))" : "ks"
                try context.workspace.store(NumberResult(interval.lower, note: "bootstrap 2.5% of KS after"), as: "\(key).after_low")
                try context.workspace.store(NumberResult(interval.upper, note: "bootstrap 97.5% of KS after"), as: "\(key).after_high")
            }
        }
        try context.workspace.store(NumberResult(worst.before, note: "KS between groups before the repair"), as: "ks.before")
        try context.workspace.store(NumberResult(worst.after, note: "KS between groups after the repair"), as: "ks.after")
        try context.workspace.store(NumberResult(worst.floor, note: "KS noise floor 0.87·sqrt(1/n1 + 1/n2)"), as: "ks.floor")
        try context.workspace.store(NumberResult(worst.p, note: "p-value of KS after under one common law"), as: "ks.p")
        context.print("KS between groups on \(NumberFormat.grouped(repaired.rowCount)) \(repaired.selection) rows of \(name)")
        context.print(table: ResultTable(
            columns: [
                ResultTable.Column("task"), ResultTable.Column("before", rightAligned: true), ResultTable.Column("after", rightAligned: true),
                ResultTable.Column("floor", rightAligned: true), ResultTable.Column("p", rightAligned: true),
            ], rows: rows))
        for reading in readings { context.print(reading) }
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
            OptionSpec("task", .list(.name(.repairedTasks)), summary: "the tasks (default: all)"),
            OptionSpec("tolerance", .real(min: 0), summary: "reversals up to this size are counted apart", default: "0"),
            OptionSpec("repaired", .name(.workspaceNames(of: .repaired)), summary: "the repaired predictions (default: the current ones)"),
        ],
        examples: ["verify ranks", "verify ranks --tolerance 1e-9"],
        prerequisites: [.repaired],
        lesson: "Lessons/02-rank-preservation.md"
    ) { context in
        let (name, repaired) = try CheckSupport.repaired(named: context.invocation.text("repaired"), in: context.workspace)
        let tasks = try CheckSupport.tasks(context.invocation.texts("task"), of: repaired)
        let tolerance = context.invocation.real("tolerance") ?? 0
        let groups = try RepairCommandSupport.droppingEmptyGroups(repaired.groups)
        var rows: [[ResultTable.Cell]] = []
        var inversions = 0, small = 0, ties = 0, swaps = 0
        var maximum = 0.0
        var notes: [String] = []
        for task in tasks {
            try context.checkCancellation("before task \(task.name)")
            let options = try repaired.repair(forTask: task.name).options
            var ranked = task.before
            if options.jitterHalfWidth > 0 {
                let stream = KeyedNoise.stableHash(task.name)
                for i in ranked.indices {
                    ranked[i] += KeyedNoise.symmetric(seed: options.seed, stream: stream, key: repaired.rowIDs[i], halfWidth: options.jitterHalfWidth)
                }
                let raw = try RankPreservation.byGroup(before: task.before, after: task.after, groups: groups)
                swaps += raw.inversions
                notes.append(
                    "\(task.name): ranked on the jittered scores (u = \(NumberFormat.compact(options.jitterHalfWidth))); \(NumberFormat.grouped(raw.inversions)) pairs closer than 2u swap in the raw scores")
            }
            let result = try RankPreservation.byGroup(before: ranked, after: task.after, groups: groups, tolerance: tolerance)
            for (g, group) in result.names.enumerated() {
                let counts = result.results[g]
                rows.append([
                    .text(task.name), .text(group), .integer(counts.count), .integer(counts.inversions), .integer(counts.smallInversions),
                    .integer(counts.tiedByMap), counts.kendallTauB.isNaN ? .empty : .number(counts.kendallTauB),
                ])
                inversions += counts.inversions
                small += counts.smallInversions
                ties += counts.tiedByMap
                maximum = max(maximum, counts.maximumViolation)
            }
        }
        try context.workspace.store(NumberResult(Double(inversions), note: "pairs inverted beyond the tolerance within a group"), as: "ranks.inversions")
        try context.workspace.store(NumberResult(Double(small), note: "pairs inverted by at most the tolerance"), as: "ranks.small")
        try context.workspace.store(NumberResult(Double(ties), note: "pairs of distinct scores the repair ties"), as: "ranks.ties")
        try context.workspace.store(NumberResult(maximum, note: "largest reversal within a group"), as: "ranks.max_violation")
        try context.workspace.store(NumberResult(Double(swaps), note: "pairs swapped in the raw scores by the jitter"), as: "ranks.swaps")
        context.print(
            "order within each group on \(NumberFormat.grouped(repaired.rowCount)) \(repaired.selection) rows of \(name) (tolerance \(NumberFormat.compact(tolerance)))")
        context.print(table: ResultTable(
            columns: [
                ResultTable.Column("task"), ResultTable.Column("group"), ResultTable.Column("n", rightAligned: true),
                ResultTable.Column("inversions", rightAligned: true), ResultTable.Column("small", rightAligned: true),
                ResultTable.Column("ties", rightAligned: true), ResultTable.Column("kendall", rightAligned: true),
            ], rows: rows))
        for note in notes { context.print(note) }
        if inversions == 0 {
            context.print("no pair of rows of one group changes order: the repair is monotone within each group")
        } else {
            context.print("\(NumberFormat.grouped(inversions)) pairs change order within a group, by up to \(context.format(maximum))")
        }
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
            OptionSpec("task", .list(.name(.repairedTasks)), summary: "the tasks (default: all)"),
            OptionSpec("repaired", .name(.workspaceNames(of: .repaired)), summary: "the repaired predictions (default: the current ones)"),
        ],
        examples: ["verify risk"],
        prerequisites: [.repaired],
        lesson: "Lessons/03-risk-identity.md"
    ) { context in
        let (name, repaired) = try CheckSupport.repaired(named: context.invocation.text("repaired"), in: context.workspace)
        let tasks = try CheckSupport.tasks(context.invocation.texts("task"), of: repaired)
        var rows: [[ResultTable.Cell]] = []
        var change = 0.0, cost = 0.0
        for task in tasks {
            let identity = try repaired.repair(forTask: task.name).riskIdentity(scores: task.before, groups: repaired.groups, rowIDs: repaired.rowIDs)
            rows.append([.text(task.name), .text("all"), .number(identity.meanSquaredChange), .number(identity.barycenterCost), .number(identity.difference)])
            for (g, group) in identity.groupNames.enumerated() where !identity.groupMeanSquaredChange[g].isNaN {
                rows.append([
                    .text(task.name), .text(group), .number(identity.groupMeanSquaredChange[g]), .number(identity.groupSquaredDistance[g]),
                    .number(identity.groupMeanSquaredChange[g] - identity.groupSquaredDistance[g]),
                ])
            }
            change += identity.meanSquaredChange
            cost += identity.barycenterCost
            if tasks.count > 1 {
                let key = ReportNames.key(task.name)
                try context.workspace.store(NumberResult(identity.meanSquaredChange, note: "mean (f - g)², \(task.name)"), as: "risk.\(key).change")
                try context.workspace.store(NumberResult(identity.barycenterCost, note: "Σ π W2² to the barycenter, \(task.name)"), as: "risk.\(key).w2")
                try context.workspace.store(NumberResult(identity.difference, note: "change - Σ π W2², \(task.name)"), as: "risk.\(key).difference")
            }
        }
        try context.workspace.store(NumberResult(change, note: "mean squared change (f - g)² made by the repair"), as: "risk.change")
        try context.workspace.store(NumberResult(cost, note: "Σ π W2²(ν_s, ν*) of the calibration laws"), as: "risk.w2")
        try context.workspace.store(NumberResult(change - cost, note: "risk.change - risk.w2"), as: "risk.difference")
        context.print("risk identity on \(NumberFormat.grouped(repaired.rowCount)) \(repaired.selection) rows of \(name): mean (f - g)² against Σ π W2² (per group: W2² to the barycenter)")
        context.print(table: ResultTable(
            columns: [
                ResultTable.Column("task"), ResultTable.Column("group"), ResultTable.Column("change", rightAligned: true),
                ResultTable.Column("W2sq", rightAligned: true), ResultTable.Column("difference", rightAligned: true),
            ], rows: rows))
    }
}

extension CommandRegistry {
    /// `compare`, `verify ks`, `verify ranks`, `verify risk`.
    public mutating func registerCheckCommands() {
        for command in [CommandSpec.compare, .verifyKS, .verifyRanks, .verifyRisk] { register(command) }
    }
}
