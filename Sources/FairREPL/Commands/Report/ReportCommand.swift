import FairCore
import FairPlot

extension CommandSpec {
    /// `report FILE.html|FILE.md`: the current analysis as one self-contained page.
    static let report = CommandSpec(
        "report", group: .repair, summary: "write the current analysis as one self-contained page (FILE.html or FILE.md)",
        discussion: """
            Writes, for the current repaired predictions (or --repaired): the data and its groups (rows evaluated and \
            calibration pool), the model or source of the predictions and its λ, the repair's settings, the \
            before/after table of 'compare' with bootstrap intervals of KS and the verdicts (same rules and options \
            as 'compare': --alpha, --resamples, --level), the CDFs by group before and after on shared axes, the rank \
            check of 'verify ranks', the risk identity of 'verify risk', warnings about in-sample evaluation and \
            Remark 2, and the commands of this session that succeeded and changed the workspace or settings, in \
            order, so that 'fair -f' can rerun them. FILE.html is one HTML page with inline CSS and SVG figures; \
            FILE.md is Markdown with the figures drawn as text. The page is deterministic (no date; the bootstrap \
            is seeded by the session seed) and needs nothing online. The file is replaced atomically.
            """,
        arguments: [ReportOptions.file],
        options: [CheckOptions.repaired] + ReportOptions.verdict.all,
        examples: ["report analysis.html", "report analysis.md --resamples 200"],
        prerequisites: [.repaired]
    ) { context in
        let file = context.invocation[ReportOptions.file]
        let lowered = file.lowercased()
        let isHTML = lowered.hasSuffix(".html") || lowered.hasSuffix(".htm")
        guard isHTML || lowered.hasSuffix(".md") else {
            throw CommandError.invalidValue(subject: "FILE", value: file, allowed: "a name ending in .html or .md", suggestions: [])
        }
        let report = try ReportBuilder.build(context)
        let text = isHTML ? report.html(digits: context.settings.digits) : report.markdown(digits: context.settings.digits)
        try FileWriting.write(text, to: context.resolve(path: file))
        context.print("wrote the report of \(report.sections.count) sections to \(file)")
    }
}

/// Builds the `AnalysisReport` of the current analysis from the workspace.
enum ReportBuilder {
    static func build(_ context: CommandContext) throws -> AnalysisReport {
        let (name, repaired) = try CheckSupport.repaired(
            named: context.invocation[CheckOptions.repaired], in: context.workspace)
        let workspace = context.workspace
        let format = context.format
        let alpha = context.invocation[ReportOptions.verdict.alpha]
        let bootstrap = ReportOptions.verdict.intervals(context)
        let predictions = workspace.value(PredictionsValue.self, named: repaired.predictionsName)
        let repairValue = workspace.value(RepairValue.self, named: repaired.repairName)
        var sections: [AnalysisReport.Section] = []

        // Data and groups.
        var data: [AnalysisReport.Block] = []
        if let tableName = predictions?.tableName, let table = workspace.value(TableValue.self, named: tableName) {
            data.append(.paragraph("Table \(tableName): \(table.summary). Source: \(table.dataset.source)."))
        }
        data.append(.paragraph(
            "Evaluated on \(NumberFormat.grouped(repaired.rowCount)) \(repaired.selection) rows of the predictions \(repaired.predictionsName)."))
        let counts = repaired.groups.counts()
        let fit = repaired.repairs.first?.fitReport
        var groupRows: [[ResultTable.Cell]] = []
        for (g, group) in repaired.groups.names.enumerated() {
            let pool = fit.flatMap { report in report.groupNames.firstIndex(of: group).map { report.poolCounts[$0] } }
            let weight = fit.flatMap { report in report.groupNames.firstIndex(of: group).map { report.weights[$0] } }
            groupRows.append([.text(group), .integer(counts[g]), pool.map { .integer($0) } ?? .empty, weight.map { .number($0) } ?? .empty])
        }
        data.append(.table(ResultTable(
            columns: [
                ResultTable.Column("group"), ResultTable.Column("evaluated", rightAligned: true),
                ResultTable.Column("calibration", rightAligned: true), ResultTable.Column("weight", rightAligned: true),
            ], rows: groupRows)))
        sections.append(AnalysisReport.Section(title: "Data and groups", blocks: data))

        // Model and λ.
        var model: [AnalysisReport.Block] = []
        if let predictions { model.append(.paragraph("Predictions \(repaired.predictionsName): \(predictions.summary).")) }
        // The model that made the predictions ("model NAME at λ = …"), when it is still in the workspace.
        if let source = predictions?.source, source.hasPrefix("model ") {
            let modelName = String(source.dropFirst("model ".count).prefix { $0 != " " })
            if let value = workspace.value(ModelValue.self, named: modelName) { model.append(.paragraph("Model \(modelName): \(value.summary).")) }
        }
        model.append(.paragraph(repaired.lambda.map { "Task weights λ = \(PredictionsValue.describe($0))." } ?? "No task weights λ (imported predictions)."))
        sections.append(AnalysisReport.Section(title: "Model and λ", blocks: model))

        // Repair settings.
        var repair: [AnalysisReport.Block] = []
        if let repairValue {
            repair.append(.paragraph("Repair \(repaired.repairName): \(repairValue.summary)."))
        } else if let options = repaired.repairs.first?.options {
            repair.append(.paragraph("Repair \(repaired.repairName): \(RepairValue.describe(options))."))
        }
        repair.append(.paragraph("Applied with ε = \(NumberFormat.compact(repaired.epsilon, digits: 3)) (0: fully fair, 1: unchanged) to the \(repaired.selection) rows."))
        let warnings = repaired.provenanceWarnings
        if !warnings.isEmpty { repair.append(.list(warnings)) }
        sections.append(AnalysisReport.Section(title: "Repair", blocks: repair))

        // Before and after.
        var results: [TaskFairness] = []
        for task in repaired.tasks {
            try context.checkCancellation("before task \(task.name)")
            results.append(try TaskFairness(task, of: repaired, alpha: alpha, bootstrap: bootstrap) {
                try context.checkCancellation("in the bootstrap of \(task.name)")
            })
        }
        var comparison: [AnalysisReport.Block] = [.table(try CompareSupport.table(results, repaired: repaired, threshold: nil))]
        comparison.append(.paragraph(
            "KS is the largest KS distance between two groups; floor = sqrt(π/2)·ln 2·sqrt(1/n1 + 1/n2) ≈ 0.8687·sqrt(1/n1 + 1/n2), the mean KS of two samples of one law; p is exact for groups of up to 10,000 rows (asymptotic above; with more than two groups, the smallest Holm-adjusted p over the pairs); DP_gap at τ (0.5 for binary tasks, the median score before repair otherwise). KS_lo and KS_hi: \(bootstrap.describe(format))."))
        comparison.append(.list(results.flatMap { $0.verdict.sentences(task: $0.task.name, format: format) }))
        sections.append(AnalysisReport.Section(title: "Before and after (tests at α = \(NumberFormat.compact(alpha)))", blocks: comparison))

        // CDF plots, before and after on shared axes.
        var plots: [AnalysisReport.Block] = []
        for task in repaired.tasks {
            let weights = repaired.weights[task.name]
            let stages = [
                PlotSupport.Stage(title: "before repair", task: task.name, values: task.before, groups: repaired.groups, weights: weights),
                PlotSupport.Stage(title: "after repair (ε = \(format(repaired.epsilon)))", task: task.name, values: task.after, groups: repaired.groups, weights: weights),
            ]
            plots.append(.figure(Figure(panels: try PlotSupport.cdfPanels(stages, format: format), layout: .stacked)))
        }
        sections.append(AnalysisReport.Section(title: "CDFs by group before and after", blocks: plots))

        // Rank check and risk identity.
        let ranks = try RankCheck(repaired, tasks: repaired.tasks, tolerance: 0) { task in try context.checkCancellation("before task \(task)") }
        sections.append(AnalysisReport.Section(
            title: "Rank check (Corollary 1)",
            blocks: [.table(ranks.table)] + ranks.notes.map { .paragraph($0) } + [.paragraph(ranks.conclusion(format))]))
        let risk = try RiskCheck(repaired, tasks: repaired.tasks)
        sections.append(AnalysisReport.Section(
            title: "Risk identity",
            blocks: [
                .paragraph("The mean squared change made by the repair, E(f - g)², against Σ π_s W2²(ν_s, ν*) of the calibration laws; they agree up to sampling error."),
                .table(risk.table),
            ]))

        // Commands.
        var commands: [AnalysisReport.Block] = []
        if context.stateHistory.isEmpty {
            commands.append(.paragraph("No command of this session changed the workspace (it was opened from a file or built elsewhere)."))
        } else {
            commands.append(.paragraph(
                    "The commands of this session that succeeded and changed the workspace or settings, in order; saved to a file, 'fair -f FILE' reruns them (add 'report \(context.invocation[ReportOptions.file])' to rewrite this page)."
                ))
            commands.append(.code(context.stateHistory))
        }
        commands.append(.paragraph(
            "Session seed \(context.settings.seed) (the bootstrap's; 'set seed' lines above change it), numbers shown to \(context.settings.digits) significant digits."))
        sections.append(AnalysisReport.Section(title: "Commands", blocks: commands))

        return AnalysisReport(
            title: "FairMTL analysis: \(repaired.repairName) on \(NumberFormat.grouped(repaired.rowCount)) \(repaired.selection) rows of \(repaired.predictionsName) (\(name))",
            sections: sections)
    }
}

extension CommandRegistry {
    /// `report`.
    public mutating func registerReportCommands() {
        register(.report)
    }
}

/// The argument and options of `report`.
private enum ReportOptions {
    static let file = CommandArgument<String>(
        "file", .path(.newFile(extensions: ["html", "md"])),
        summary: "the page to write (.html or .md)")
    /// The report always has the intervals: no `--ci`.
    static let verdict = TaskFairness.Options(ciFlag: false)
}
