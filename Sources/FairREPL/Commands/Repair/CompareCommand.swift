import FairCore
import FairPlot

extension CommandSpec {
    /// `compare`: before/after table per task.
    static let compare = CommandSpec(
        "compare", group: .repair, summary: "before/after table per task: error, KS with its noise floor, DP gap, W2 to the barycenter",
        discussion: """
            For each task, on the rows the repair was applied to: the error against the labels (MSE for regression, \
            ROC AUC for binary tasks; '-' without labels), the unfairness KS (the largest KS distance between two \
            groups) with the noise floor 0.87·sqrt(1/n1 + 1/n2) of those two groups and the p-value of KS under \
            one common law, the demographic-parity gap P(g ≥ τ | s) - P(g ≥ τ | s') at τ (0.5 for binary tasks, \
            the median score before repair otherwise; --threshold sets it), and W2→bary = sqrt(Σ π_s W2²(ν_s, ν*)), \
            the Wasserstein distance of the groups to their barycenter. The table is kept as 'comparison' \
            (numbers as comparison.y_after.KS).
            After a repair over several attributes: the error and the mean squared change of the scores before and \
            after each stage (kept as 'comparison', numbers as comparison.TASK_STAGE.value), then the KS per \
            attribute and per cell of 'verify ks'.
            """,
        options: [
            OptionSpec("threshold", .real(), summary: "τ of the DP gap for every task"),
            OptionSpec("repaired", .name(.workspaceNames(of: .repaired)), summary: "the repaired predictions (default: the current ones)"),
            OptionSpec("as", .text, summary: "name of the table", default: "comparison"),
        ],
        examples: ["compare", "compare --threshold 0"],
        prerequisites: [.repaired],
        lesson: "Lessons/01-strong-demographic-parity.md"
    ) { context in
        let (_, repaired) = try CheckSupport.repaired(named: context.invocation.text("repaired"), in: context.workspace)
        if repaired.attributeStages != nil {
            // Several attributes: the error per stage, and KS per attribute and per cell.
            try AttributeReport.compare(&context, repaired: repaired)
            return
        }
        let weights = repaired.weights
        var rows: [[ResultTable.Cell]] = []
        for task in repaired.tasks {
            let threshold = context.invocation.real("threshold") ?? GroupStatistics.defaultThreshold(isBinary: task.isBinary, before: task.before)
            for (stage, values) in [("before", task.before), ("after", task.after)] {
                let statistics = try GroupStatistics(values: values, groups: repaired.groups, weights: weights[task.name])
                let risk = try TaskRisk.evaluate(isBinary: task.isBinary, predictions: values, labels: task.labels)
                rows.append([
                    .text("\(task.name).\(stage)"), risk.map { .text($0.metric) } ?? .text("-"), risk.map { .number($0.value) } ?? .empty,
                    .number(statistics.ks), .number(statistics.noiseFloor), .number(statistics.pValue),
                    .number(try statistics.dpGap(threshold: threshold)), .number(threshold), .number(statistics.w2Total),
                ])
            }
        }
        let table = ResultTable(
            title: "\(repaired.repairName) on \(NumberFormat.grouped(repaired.rowCount)) \(repaired.selection) rows of \(repaired.predictionsName) (ε = \(NumberFormat.compact(repaired.epsilon, digits: 3)))",
            columns: [
                ResultTable.Column("task"), ResultTable.Column("metric"), ResultTable.Column("value", rightAligned: true),
                ResultTable.Column("KS", rightAligned: true), ResultTable.Column("floor", rightAligned: true),
                ResultTable.Column("p", rightAligned: true), ResultTable.Column("DP_gap", rightAligned: true),
                ResultTable.Column("tau", rightAligned: true), ResultTable.Column("W2_bary", rightAligned: true),
            ], rows: rows)
        try context.workspace.store(ReportValue(table), as: context.invocation.text("as") ?? "comparison")
        context.print(table: table)
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
