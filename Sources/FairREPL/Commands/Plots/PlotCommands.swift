import FairCore
import FairPlot

extension CommandSpec {
    /// `plot cdf`: group-wise CDFs and their barycenter, before and after the repair.
    static let plotCDF = CommandSpec(
        "plot cdf", group: .plots, summary: "group-wise CDFs of a task's scores and their barycenter (*), before and after the repair",
        discussion: """
            One step curve per group (its empirical CDF) and the CDF of the groups' Wasserstein barycenter (*), in \
            one panel before and one after the repair, on the same axes (--before or --after alone keeps the \
            axis of both, so separate plots compare by eye). The vertical gap between two curves is \
            their KS distance; after the repair the curves lie on the barycenter. The legend gives each group's n, \
            its KS to the barycenter and its W2 to the barycenter; the title the unfairness KS (with more than two \
            groups, and the pair attaining it). Without a repair, \
            plots the predictions (--on chooses the rows).
            """,
        options: [
            PlotOptions.task,
            PlotOptions.before,
            PlotOptions.after,
            PlotOptions.rows,
            CheckOptions.repaired
        ],
        examples: ["plot cdf", "plot cdf --after", "plot cdf --task y --before"],
        prerequisites: [Prerequisite(what: "predictions", remedy: "import scores COL (or predict, import predictions FILE)") { workspace in
            workspace.contains(kind: .predictions) || workspace.contains(kind: .repaired)
        }],
        lesson: "Lessons/01-strong-demographic-parity.md"
    ) { context in
        let stages = try PlotSupport.stages(context)
        let range = try PlotSupport.range(PlotSupport.axisValues(context, shown: stages))
        context.print(figure: Figure(panels: try PlotSupport.cdfPanels(stages, range: range, format: context.format), layout: .stacked))
    }

    /// `plot map`: the transport map of each group.
    static let plotMap = CommandSpec(
        "plot map", group: .plots, summary: "the repair's map of each group: score before against score after",
        discussion: """
            Each group's rows as a curve from score before (x) to score after (y), with the identity as dots. \
            Corollary 1 is the picture: every curve is non-decreasing, so the order within a group is kept. The \
            legend gives each group's n and the root mean squared change.
            """,
        options: [
            CheckOptions.task,
            CheckOptions.repaired
        ],
        examples: ["plot map", "plot map --task y"],
        prerequisites: [.repaired],
        lesson: "Lessons/02-rank-preservation.md"
    ) { context in
        let (_, repaired) = try CheckSupport.repaired(
            named: context.invocation[CheckOptions.repaired], in: context.workspace)
        let task =
            try context.invocation[CheckOptions.task].map { try repaired.task(named: $0) }
            ?? repaired.tasks[0]
        let rowsByGroup = repaired.groups.rowsByGroup()
        var inputs: [TransportMapChart.Input] = []
        for (g, rows) in rowsByGroup.enumerated() where !rows.isEmpty {
            let x = rows.map { task.before[$0] }, y = rows.map { task.after[$0] }
            let change = (zip(x, y).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(rows.count)).squareRoot()
            inputs.append(TransportMapChart.Input(
                name: repaired.groups.names[g], x: x, y: y, stats: [LegendStat("rms change", context.format(change))]))
        }
        let panel = try TransportMapChart.panel(
            title: "repair map of \(task.name) by group", annotation: "ε = \(context.format(repaired.epsilon))", groups: inputs,
            xLabel: "\(task.name) before", yLabel: "after")
        context.print(figure: Figure(panel))
    }

    /// `plot hist`: histograms of a task's scores by group.
    static let plotHist = CommandSpec(
        "plot hist", group: .plots, summary: "histograms of a task's scores by group, before and after the repair",
        options: [
            PlotOptions.task,
            PlotOptions.bins,
            PlotOptions.before,
            PlotOptions.after,
            PlotOptions.rows,
            CheckOptions.repaired
        ],
        examples: ["plot hist", "plot hist --bins 30 --after"],
        prerequisites: [Prerequisite(what: "predictions", remedy: "import scores COL (or predict, import predictions FILE)") { workspace in
            workspace.contains(kind: .predictions) || workspace.contains(kind: .repaired)
        }]
    ) { context in
        let stages = try PlotSupport.stages(context)
        let range = try PlotSupport.range(PlotSupport.axisValues(context, shown: stages))
        var panels: [Panel] = []
        for stage in stages {
            let rowsByGroup = stage.groups.rowsByGroup()
            let inputs = rowsByGroup.indices.filter { !rowsByGroup[$0].isEmpty }.map { g in
                HistogramChart.Input(name: stage.groups.names[g], values: rowsByGroup[g].map { stage.values[$0] })
            }
            panels.append(try HistogramChart.panel(
                    title: "\(stage.task) by group — \(stage.title)", series: inputs,
                    bins: context.invocation[PlotOptions.bins],
                    normalization: .fraction, xLabel: stage.task, range: range))
        }
        context.print(figure: Figure(panels: panels, layout: .stacked))
    }

    /// `plot tradeoff`: risk against unfairness over the repair strength ε, or over a task weight λ.
    static let plotTradeoff = CommandSpec(
        "plot tradeoff", group: .plots, summary: "error against unfairness (KS) over the repair strength eps, or over a task's λ",
        discussion: """
            --over eps (default): applies the repair with each eps to the rows of the repaired predictions, and \
            plots the unfairness KS against the error: the MSE against the labels (a binary task's MSE is its Brier \
            score), or, without labels, the mean squared change from the original scores. eps = 1 is the original \
            model, eps = 0 the fair one; the path between them is the price of fairness. Each point is labelled \
            with its eps (or λ) where there is room.
            --over lambda (a YOTO model): for each weight of the task in --grid (the other tasks keep the λ of the \
            predictions), predicts the pool and test rows, fits the repair on the pool with the same settings and \
            applies it to the test rows: one path before the repair, one after. The table is kept as 'tradeoff' \
            (numbers as tradeoff.0_5.KS for 0.5).
            """,
        options: [
            CheckOptions.task,
            TradeoffOptions.over, TradeoffOptions.epsilons, TradeoffOptions.grid,
            TradeoffOptions.model,
            CheckOptions.repaired
        ],
        examples: ["plot tradeoff", "plot tradeoff --eps 0,0.5,1", "plot tradeoff --over lambda --task y_regression"],
        prerequisites: [.repaired],
        lesson: "Lessons/03-risk-identity.md"
    ) { context in
        let (_, repaired) = try CheckSupport.repaired(
            named: context.invocation[CheckOptions.repaired], in: context.workspace)
        let task =
            try context.invocation[CheckOptions.task].map { try repaired.task(named: $0) }
            ?? repaired.tasks[0]
        if context.invocation[TradeoffOptions.over] == .lambda {
            try PlotSupport.tradeoffOverLambda(&context, repaired: repaired, task: task)
            return
        }
        let repair = try repaired.repair(forTask: task.name)
        let epsilons = context.invocation[TradeoffOptions.epsilons]
        let labelled = task.labels.contains { !$0.isNaN }
        let riskName = labelled ? "MSE" : "mean squared change"
        var unfairness: [Double] = [], risks: [Double] = []
        var rows: [[ResultTable.Cell]] = []
        for eps in epsilons {
            try context.checkCancellation("at eps \(eps)")
            let outputs = try repair.apply(scores: task.before, groups: repaired.groups, rowIDs: repaired.rowIDs, epsilon: eps).outputs
            let ks = try GroupStatistics(values: outputs, groups: repaired.groups, weights: nil).ks
            let risk = try labelled
                ? TaskRisk.meanSquaredError(predictions: outputs, labels: task.labels)
                : TaskRisk.meanSquaredError(predictions: outputs, labels: task.before)
            unfairness.append(ks)
            risks.append(risk)
            rows.append([.text(NumberFormat.compact(eps)), .number(ks), .number(risk)])
        }
        let table = ResultTable(
            title: "\(task.name): unfairness and \(riskName) over eps",
            columns: [ResultTable.Column("eps", rightAligned: true), ResultTable.Column("KS", rightAligned: true), ResultTable.Column("risk", rightAligned: true)],
            rows: rows)
        try context.workspace.store(ReportValue(table), as: "tradeoff")
        let panel = try TradeoffChart.panel(
            title: "\(task.name): \(riskName) against KS over eps", annotation: "eps 0 (fair) … 1 (original)",
            series: [TradeoffChart.Input(
                name: "eps", unfairness: unfairness, risk: risks, glyph: "o", style: .points,
                labels: epsilons.map { "ε=" + NumberFormat.compact($0) })],
            yLabel: riskName)
        context.print(figure: Figure(panel))
        context.print(table: table)
    }
}

extension ValueSource {
    /// The tasks of the repaired predictions, else of the predictions.
    static let plotTasks = ValueSource(noun: "task") { context in
        context.workspace.current(RepairedValue.self)?.value.taskNames
            ?? context.workspace.current(PredictionsValue.self)?.value.taskNames ?? []
    }
}

/// Shared steps of the plot commands.
enum PlotSupport {
    /// One panel's scores: a task's values on some rows, before or after.
    struct Stage {
        var title: String
        var task: String
        var values: [Double]
        var groups: GroupColumn
        var weights: [String: Double]?
    }

    /// The panels `plot cdf` and `plot hist` draw: before and/or after from the repaired
    /// predictions, or the predictions alone when nothing is repaired.
    static func stages(_ context: CommandContext) throws -> [Stage] {
        let invocation = context.invocation
        if invocation.isGiven(CheckOptions.repaired)
            || (context.workspace.contains(kind: .repaired)
                && !invocation.isGiven(PlotOptions.rows))
        {
            let (_, repaired) = try CheckSupport.repaired(
                named: invocation[CheckOptions.repaired], in: context.workspace)
            let task =
                try invocation[PlotOptions.task].map { try repaired.task(named: $0) }
                ?? repaired.tasks[0]
            let weights = repaired.weights[task.name]
            let before = Stage(title: "before repair", task: task.name, values: task.before, groups: repaired.groups, weights: weights)
            let after = Stage(
                title: "after repair (ε = \(context.format(repaired.epsilon)))", task: task.name, values: task.after, groups: repaired.groups,
                weights: weights)
            let (onlyBefore, onlyAfter) = (
                invocation[PlotOptions.before], invocation[PlotOptions.after]
            )
            if onlyBefore && !onlyAfter { return [before] }
            if onlyAfter && !onlyBefore { return [after] }
            return [before, after]
        }
        if invocation[PlotOptions.after] {
            throw CommandError.failed(message: "nothing is repaired yet, so there is no 'after': run 'fit barycenter' and 'apply' first")
        }
        let (name, predictions) = try RepairCommandSupport.predictions(named: nil, in: context.workspace)
        let task =
            try invocation[PlotOptions.task].map { try predictions.task(named: $0) }
            ?? predictions.tasks[0]
        let selection = invocation[PlotOptions.rows] ?? (predictions.hasParts ? "test" : "all")
        let rows = predictions.rows(in: selection)
        guard !rows.isEmpty else { throw CommandError.failed(message: "\(name) has no \(selection) rows: choose --on pool, test, train or all") }
        return [Stage(
            title: "\(selection) rows of \(name)", task: task.name, values: rows.map { task.values[$0] },
            groups: try RepairCommandSupport.subset(predictions.groups, rows: rows), weights: nil)]
    }

    /// The CDF panels of `plot cdf` (also in `report`): per stage, each group's ECDF and the
    /// barycenter's CDF, on one x range shared by all stages.
    static func cdfPanels(_ stages: [Stage], range: ClosedRange<Double>? = nil, format: (Double) -> String) throws -> [Panel] {
        var panels: [Panel] = []
        let range = range ?? PlotSupport.range(stages.map(\.values))
        for stage in stages {
            let statistics = try GroupStatistics(values: stage.values, groups: stage.groups, weights: stage.weights)
            let samples = statistics.sorted.samples
            let ksToCenter = statistics.ksToBarycenter()
            var inputs = statistics.names.indices.map { g in
                CDFChart.Input(
                    name: statistics.names[g], values: samples[g],
                    stats: [LegendStat("KS→bary", format(ksToCenter[g])), LegendStat("W2→bary", format(statistics.w2[g]))])
            }
            let law = statistics.barycenter.law()
            inputs.append(CDFChart.Input(name: "barycenter", values: law.values, glyph: "*"))
            let maximum = statistics.pairwise.maximum
            let pair = statistics.pairwise.pairs.count > 1 ? " (\(maximum.first) vs \(maximum.second))" : ""
            var panel = try CDFChart.panel(
                title: "CDF of \(stage.task) by group — \(stage.title)", annotation: "KS = \(format(statistics.ks))\(pair)",
                series: inputs, xLabel: stage.task, xRange: range)
            panel.series[panel.series.count - 1].points = PlotSupport.steps(of: law, over: range)
            panel.legend[panel.legend.count - 1] = LegendEntry(
                glyph: "*", name: "barycenter",
                stats: [LegendStat("weights", zip(statistics.names, statistics.barycenter.weights).map { "\($0) \(format($1))" }.joined(separator: ", "))])
            panels.append(panel)
        }
        return panels
    }

    /// The values that set the x axis: those of both panels, before and after, whenever something
    /// is repaired, even when `--before` or `--after` shows only one, so that a lesson's "before"
    /// and "after" plots are drawn on the same axis and can be compared by eye.
    static func axisValues(_ context: CommandContext, shown: [Stage]) throws -> [[Double]] {
        let invocation = context.invocation
        guard shown.count == 1, invocation[PlotOptions.before] || invocation[PlotOptions.after],
            invocation.isGiven(CheckOptions.repaired)
                || (context.workspace.contains(kind: .repaired)
                    && !invocation.isGiven(PlotOptions.rows))
        else { return shown.map(\.values) }
        let (_, repaired) = try CheckSupport.repaired(
            named: invocation[CheckOptions.repaired], in: context.workspace)
        let task =
            try invocation[PlotOptions.task].map { try repaired.task(named: $0) }
            ?? repaired.tasks[0]
        return [task.before, task.after]
    }

    /// The shared x range of several panels: the pooled range widened to nice ticks.
    static func range(_ values: [[Double]]) -> ClosedRange<Double> {
        var lo = Double.infinity, hi = -Double.infinity
        for array in values {
            for v in array {
                lo = min(lo, v)
                hi = max(hi, v)
            }
        }
        guard lo <= hi else { return 0...1 }
        let scale = NiceScale.expanded(lower: lo, upper: hi == lo ? lo + 1 : hi, maximumCount: 6)
        return scale.lower...scale.upper
    }

    /// `plot tradeoff --over lambda`: per weight of the task, the model's test predictions before
    /// and after a repair refitted on the pool at that λ.
    static func tradeoffOverLambda(_ context: inout CommandContext, repaired: RepairedValue, task: RepairedValue.Task) throws {
        let (modelName, model) = try ModelSupport.model(
            named: context.invocation[TradeoffOptions.model], in: context.workspace)
        guard model.mode == .mtl, let network = model.networks.first, let ranges = network.architecture.conditioning?.ranges else {
            throw CommandError.failed(
                message: "--over lambda needs a YOTO model (train mtl); \(modelName) was trained at fixed task weights: use --over eps")
        }
        let names = model.taskNames
        guard let t = names.firstIndex(of: task.name) else {
            throw CommandError.failed(message: "\(modelName) has no task '\(task.name)' (its tasks: \(names.joined(separator: ", ")))")
        }
        let base = repaired.lambda ?? model.calibratedLambda ?? ranges.map { ($0.low + $0.high) / 2 }
        let grid = context.invocation[TradeoffOptions.grid] ?? ModelSupport.defaultGrid(ranges[t])
        let (_, prepared) = try model.prepared(in: context.workspace)
        guard !prepared.pool.rows.isEmpty, !prepared.test.rows.isEmpty else {
            throw CommandError.failed(message: "--over lambda fits on the pool and measures on the test rows, and the split lacks one: split with --pool and --test above 0")
        }
        let poolX = try prepared.pool.featureMatrix(), testX = try prepared.test.featureMatrix()
        let poolGroups = try RepairCommandSupport.droppingEmptyGroups(prepared.pool.groups)
        let testGroups = prepared.test.groups
        let labels = try prepared.test.labels(of: task.name).values
        let options = try repaired.repair(forTask: task.name).options
        var rows: [[ResultTable.Cell]] = []
        var before: (ks: [Double], risk: [Double]) = ([], [])
        var after: (ks: [Double], risk: [Double]) = ([], [])
        for value in grid {
            try context.checkCancellation("at λ \(value)")
            var lambda = base
            lambda[t] = value
            let weights = Dictionary(uniqueKeysWithValues: zip(names, lambda))
            let pool = try network.predict(poolX, lambda: weights).values[t]
            let test = try network.predict(testX, lambda: weights).values[t]
            let repair = try BarycenterRepair.fit(
                scores: pool, groups: poolGroups, rowIDs: prepared.pool.rows.map { UInt64($0) }, taskName: task.name, options: options)
            let fair = try repair.apply(scores: test, groups: testGroups, rowIDs: prepared.test.rows.map { UInt64($0) }).outputs
            let ksBefore = try GroupStatistics(values: test, groups: testGroups, weights: nil).ks
            let ksAfter = try GroupStatistics(values: fair, groups: testGroups, weights: nil).ks
            let riskBefore = try TaskRisk.meanSquaredError(predictions: test, labels: labels)
            let riskAfter = try TaskRisk.meanSquaredError(predictions: fair, labels: labels)
            before.ks.append(ksBefore)
            before.risk.append(riskBefore)
            after.ks.append(ksAfter)
            after.risk.append(riskAfter)
            rows.append([.text(NumberFormat.compact(value)), .number(ksBefore), .number(riskBefore), .number(ksAfter), .number(riskAfter)])
        }
        let table = ResultTable(
            title: "\(task.name): unfairness and MSE on the test rows over λ \(task.name) (other weights \(PredictionsValue.describe(base)))",
            columns: [
                ResultTable.Column("lambda", rightAligned: true), ResultTable.Column("KS_before", rightAligned: true),
                ResultTable.Column("MSE_before", rightAligned: true), ResultTable.Column("KS_after", rightAligned: true),
                ResultTable.Column("MSE_after", rightAligned: true),
            ], rows: rows)
        try context.workspace.store(ReportValue(table), as: "tradeoff")
        let panel = try TradeoffChart.panel(
            title: "\(task.name): MSE against KS over λ", annotation: "λ \(NumberFormat.compact(grid.first ?? 0)) … \(NumberFormat.compact(grid.last ?? 0))",
            series: [
                TradeoffChart.Input(
                    name: "before repair", unfairness: before.ks, risk: before.risk, glyph: "b", labels: grid.map { "λ=" + NumberFormat.compact($0) }),
                TradeoffChart.Input(
                    name: "after repair", unfairness: after.ks, risk: after.risk, glyph: "a", labels: grid.map { "λ=" + NumberFormat.compact($0) }),
            ], yLabel: "MSE")
        context.print(figure: Figure(panel))
        context.print(table: table)
    }

    /// The right-continuous step curve of a discrete law's CDF over `range`.
    static func steps(of law: DiscreteLaw, over range: ClosedRange<Double>) -> [Point] {
        guard let first = law.values.first, let last = law.values.last else { return [] }
        var points = [Point(min(range.lowerBound, first), 0)]
        var level = 0.0
        for (value, mass) in zip(law.values, law.masses) {
            points.append(Point(value, level))
            level = min(1, level + mass)
            points.append(Point(value, level))
        }
        points.append(Point(max(range.upperBound, last), 1))
        return points
    }
}

extension CommandRegistry {
    /// `plot cdf`, `plot map`, `plot hist`, `plot tradeoff`.
    public mutating func registerPlotCommands() {
        for command in [CommandSpec.plotCDF, .plotMap, .plotHist, .plotTradeoff] { register(command) }
    }
}

/// The options `plot cdf` and `plot hist` share (with `CheckOptions.repaired`).
enum PlotOptions {
    static let task = CommandOption<String?>(
        "task", .name(.plotTasks), summary: "the task (default: the first)")
    static let before = CommandOption.flag("before", summary: "only the panel before the repair")
    static let after = CommandOption.flag("after", summary: "only the panel after the repair")
    static let rows = CommandOption<String?>(
        "on", .choice(PredictionPart.choices),
        summary: "rows of the predictions when nothing is repaired yet")
    static let bins = CommandOption<Int>(
        "bins", .integer(min: 2, max: 200), summary: "number of bins", default: 20)
}

/// The options of `plot tradeoff` (with `CheckOptions`).
private enum TradeoffOptions {
    /// `--over`: what varies along the path.
    enum Over: String, ChoiceValue {
        case eps, lambda
    }

    static let over = CommandOption<Over>("over", Over.kind, summary: "what varies", default: .eps)
    static let epsilons = CommandOption<[Double]>(
        "eps", .list(.unitInterval), summary: "the values of eps",
        default: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1])
    static let grid = CommandOption<[Double]?>(
        "grid", .list(.real(min: 0)),
        summary: "--over lambda: the task's weights (default: 5 across its range)")
    static let model = CommandOption<String?>(
        "model", .name(.workspaceNames(of: .model)),
        summary: "--over lambda: the model (default: the current one)")
}
