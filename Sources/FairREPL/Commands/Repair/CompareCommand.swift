import FairCore
import FairPlot

extension CommandSpec {
    /// `compare`: before/after table per task, with the verdict of the KS tests.
    static let compare = CommandSpec(
        "compare", group: .repair, summary: "before/after table per task: error, KS with its p-value and noise floor, DP gap, W2 to the barycenter; a verdict",
        discussion: """
            For each task, on the rows the repair was applied to: the error against the labels (MSE for regression, \
            ROC AUC for binary tasks; '-' without labels), the unfairness KS (the largest KS distance between two \
            groups) with the noise floor of those two groups and the p-value of KS under one common law, the \
            demographic-parity gap P(g ≥ τ | s) - P(g ≥ τ | s') at τ (0.5 for binary tasks, the median score before \
            repair otherwise; --threshold sets it), and W2→bary = sqrt(Σ π_s W2²(ν_s, ν*)), the Wasserstein distance \
            of the groups to their barycenter. Below the table, a verdict per task. \(TaskFairness.discussion) The \
            table is kept as 'comparison' (numbers as comparison.y_after.KS; with --ci also KS_lo and KS_hi).
            After a repair over several attributes: the error and the mean squared change of the scores before and \
            after each stage (kept as 'comparison', numbers as comparison.TASK_STAGE.value), then the KS per \
            attribute and per cell of 'verify ks'.
            """,
        options: [
            CompareOptions.threshold, CheckOptions.repaired, CompareOptions.name
        ] + TaskFairness.options.all,
        examples: ["compare", "compare --threshold 0", "compare --ci"],
        prerequisites: [.repaired],
        lesson: "Lessons/01-strong-demographic-parity.md"
    ) { context in
        let (_, repaired) = try CheckSupport.repaired(
            named: context.invocation[CheckOptions.repaired], in: context.workspace)
        if repaired.attributeStages != nil {
            // Several attributes: the error per stage, and KS per attribute and per cell.
            try AttributeReport.compare(&context, repaired: repaired)
            return
        }
        let (alpha, bootstrap) = TaskFairness.parse(context)
        var results: [TaskFairness] = []
        for task in repaired.tasks {
            try context.checkCancellation("before task \(task.name)")
            results.append(try TaskFairness(task, of: repaired, alpha: alpha, bootstrap: bootstrap) {
                try context.checkCancellation("in the bootstrap of \(task.name)")
            })
        }
        let table = try CompareSupport.table(
            results, repaired: repaired, threshold: context.invocation[CompareOptions.threshold])
        try context.workspace.store(ReportValue(table), as: context.invocation[CompareOptions.name])
        context.print(table: table)
        if let bootstrap { context.print(bootstrap.describe(context.format)) }
        for result in results {
            for sentence in result.verdict.sentences(task: result.task.name, format: context.format) { context.print(sentence) }
        }
        for warning in repaired.provenanceWarnings { context.print(warning) }
    }
}

/// The table of `compare` (also in `report`).
enum CompareSupport {
    /// One row per task and stage (`y.before`, `y.after`): metric, KS (with its interval under
    /// --ci), the pair attaining it (more than two groups), floor, p (p_holm), DP gap, τ, W2.
    static func table(_ results: [TaskFairness], repaired: RepairedValue, threshold: Double?) throws -> ResultTable {
        let severalPairs = TaskFairness.hasSeveralPairs(results)
        let withIntervals = results.contains { $0.afterInterval != nil }
        var rows: [[ResultTable.Cell]] = []
        for result in results {
            let task = result.task
            let tau = threshold ?? GroupStatistics.defaultThreshold(isBinary: task.isBinary, before: task.before)
            let stages = [
                ("before", task.before, result.before, result.verdict.before, result.beforeInterval),
                ("after", task.after, result.after, result.verdict.after, result.afterInterval),
            ]
            for (stage, values, statistics, reading, interval) in stages {
                let risk = try TaskRisk.evaluate(isBinary: task.isBinary, predictions: values, labels: task.labels)
                var row: [ResultTable.Cell] = [
                    .text("\(task.name).\(stage)"), risk.map { .text($0.metric) } ?? .text("-"), risk.map { .number($0.value) } ?? .empty,
                    .number(reading.ks),
                ]
                if withIntervals { row += [interval.map { .number($0.lower) } ?? .empty, interval.map { .number($0.upper) } ?? .empty] }
                if severalPairs { row.append(.text(reading.pair.joined(separator: " vs "))) }
                row += [
                    .number(reading.floor), .number(reading.p), .number(try statistics.dpGap(threshold: tau)), .number(tau),
                    .number(statistics.w2Total),
                ]
                rows.append(row)
            }
        }
        var columns = [ResultTable.Column("task"), ResultTable.Column("metric"), ResultTable.Column("value", rightAligned: true), ResultTable.Column("KS", rightAligned: true)]
        if withIntervals { columns += [ResultTable.Column("KS_lo", rightAligned: true), ResultTable.Column("KS_hi", rightAligned: true)] }
        if severalPairs { columns.append(ResultTable.Column("pair")) }
        columns += [
            ResultTable.Column("floor", rightAligned: true), ResultTable.Column(severalPairs ? "p_holm" : "p", rightAligned: true),
            ResultTable.Column("DP_gap", rightAligned: true), ResultTable.Column("tau", rightAligned: true), ResultTable.Column("W2_bary", rightAligned: true),
        ]
        return ResultTable(
            title: "\(repaired.repairName) on \(NumberFormat.grouped(repaired.rowCount)) \(repaired.selection) rows of \(repaired.predictionsName) (ε = \(NumberFormat.compact(repaired.epsilon, digits: 3)))",
            columns: columns, rows: rows)
    }
}

/// Shared steps of `compare`, `verify` and `plot`.
enum CheckSupport {
    /// The repaired predictions named `name`, or the current ones.
    static func repaired(named name: String?, in workspace: Workspace) throws -> (String, RepairedValue) {
        if let name {
            guard let value = workspace.value(RepairedValue.self, named: name) else {
                let known = workspace.names(of: .repaired)
                throw CommandError.unknownName(
                    noun: "repaired predictions", name: name, suggestions: EditDistance.suggestions(for: name, among: known), known: known)
            }
            return (name, value)
        }
        guard let current = workspace.current(RepairedValue.self) else {
            throw CommandError.failed(message: "nothing is repaired yet: run 'apply' first")
        }
        return current
    }

    /// The tasks named by `--task` (all when nil).
    static func tasks(_ names: [String]?, of repaired: RepairedValue) throws -> [RepairedValue.Task] {
        guard let names else { return repaired.tasks }
        return try names.map { try repaired.task(named: $0) }
    }
}

/// The options of `compare` (besides the verdict's, `TaskFairness.options`).
enum CompareOptions {
    static let threshold = CommandOption<Double?>(
        "threshold", .real(), summary: "τ of the DP gap for every task")
    static let name = CommandOption<String>(
        "as", .text, summary: "name of the table", default: "comparison")
}
