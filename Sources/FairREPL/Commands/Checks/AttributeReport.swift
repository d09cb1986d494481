import FairCore
import FairPlot

/// The unfairness of a repair over several attributes, seen every way: KS between the values of
/// each attribute (marginal) and between the cells (intersections), before the repair and after
/// each stage, each with the pair of groups that attains it and that pair's noise floor.
///
/// ## Mathematical properties
/// - Per view, `KS = max over pairs of groups` of the exact two-sample KS (`PairwiseKolmogorovSmirnov`),
///   with `floor = 0.87 sqrt(1/n_1 + 1/n_2)` of the pair attaining it; `ratio` is the largest
///   `KS_pair / floor_pair` over all pairs (a small pair can be far from its floor while the
///   largest KS belongs to another). A view "at the noise floor" has `ratio ≤ 3`.
/// - The cells' KS bounds every attribute's: an attribute value's law is a mixture of its cells'
///   laws, and `|Σ w_i F_i − Σ w'_j G_j| ≤ max_{i,j} |F_i − G_j|`.
enum AttributeReport {
    /// One view's numbers.
    struct Measure {
        let ks: Double
        let pair: String
        let floor: Double
        let ratio: Double
    }

    /// The views: each attribute, then the cells (when there are several attributes).
    static func views(_ stages: AttributeStages) throws -> [(name: String, key: String, column: GroupColumn)] {
        var views = zip(stages.attributes.names, stages.attributes.columns).map { (name: $0, key: ReportNames.key($0), column: $1) }
        if stages.attributes.names.count > 1 {
            views.append(("cells", "cells", try stages.attributes.intersections()))
        }
        return views
    }

    /// The states of a task: before, then after each stage (the last one is "after").
    static func states(_ task: RepairedValue.Task, _ stages: AttributeStages) -> [(label: String, key: String, values: [Double])] {
        var states = [(label: "0 before", key: "before", values: task.before)]
        for (k, stage) in stages.stages.enumerated() {
            let last = k == stages.stages.count - 1
            let label = stage.attributes.count > 1 ? "cells" : stage.label
            states.append((label: "\(k + 1) \(label)", key: last ? "after" : "stage\(k + 1)", values: stage.outputs[task.name] ?? []))
        }
        return states
    }

    /// KS of `values` between the groups of `column` (nil with fewer than two groups present).
    static func measure(_ values: [Double], _ column: GroupColumn) throws -> Measure? {
        let present = try RepairCommandSupport.droppingEmptyGroups(column)
        guard present.names.count >= 2 else { return nil }
        let pairwise = try PairwiseKolmogorovSmirnov(values: values, groups: present)
        let ratio = pairwise.pairs.map { $0.test.statistic / $0.test.noiseFloor }.max() ?? 0
        let top = pairwise.maximum
        return Measure(ks: top.test.statistic, pair: "\(top.first) | \(top.second)", floor: top.test.noiseFloor, ratio: ratio)
    }

    /// The table of every task, state and view; stores `ks.[TASK.]VIEW.STATE`, `….STATE_floor`
    /// and `….STATE_ratio` (VIEW: an attribute, or `cells`; STATE: before, stage1, …, after), and
    /// `ks.before`, `ks.after`, `ks.floor` for the cells. Returns the readings of the final state.
    @discardableResult
    static func ksTables(_ context: inout CommandContext, _ repaired: RepairedValue, tasks: [RepairedValue.Task], store: Bool) throws -> ([ResultTable], [String]) {
        guard let stages = repaired.attributeStages else { throw CommandError.failed(message: "these predictions were repaired over one group column") }
        let views = try views(stages)
        var tables: [ResultTable] = []
        var readings: [String] = []
        for task in tasks {
            try context.checkCancellation("before task \(task.name)")
            var rows: [[ResultTable.Cell]] = []
            let prefix = tasks.count > 1 || repaired.tasks.count > 1 ? "ks.\(ReportNames.key(task.name))." : "ks."
            for state in states(task, stages) {
                for view in views {
                    guard let m = try measure(state.values, view.column) else { continue }
                    rows.append([.text(state.label), .text(view.name), .number(m.ks), .number(m.floor), .number(m.ratio), .text(m.pair)])
                    if store {
                        let key = prefix + view.key + "." + state.key
                        try context.workspace.store(NumberResult(m.ks, note: "KS between \(view.name) groups, \(state.label), \(task.name)"), as: key)
                        try context.workspace.store(NumberResult(m.floor, note: "noise floor of that pair"), as: key + "_floor")
                        try context.workspace.store(NumberResult(m.ratio, note: "largest KS / floor over pairs"), as: key + "_ratio")
                        if view.key == "cells" && (state.key == "before" || state.key == "after") && tasks.count == 1 {
                            try context.workspace.store(NumberResult(m.ks, note: "KS between cells, \(state.label)"), as: "ks.\(state.key)")
                            if state.key == "after" { try context.workspace.store(NumberResult(m.floor, note: "noise floor of that pair"), as: "ks.floor") }
                        }
                    }
                    if state.key == "after" {
                        let ratio = NumberFormat.significant(m.ratio, digits: 2)
                        readings.append(m.ratio <= 3
                            ? "\(task.name), \(view.name): every pair's KS after is within \(ratio)× its noise floor: at the noise floor"
                            : "\(task.name), \(view.name): a pair's KS after is \(ratio)× its noise floor: above it")
                    }
                }
            }
            tables.append(ResultTable(
                title: task.name,
                columns: [
                    ResultTable.Column("stage"), ResultTable.Column("groups"), ResultTable.Column("KS", rightAligned: true),
                    ResultTable.Column("floor", rightAligned: true), ResultTable.Column("ratio", rightAligned: true), ResultTable.Column("pair"),
                ], rows: rows))
        }
        return (tables, readings)
    }

    /// `cells: A × B`.
    static func cellsNote(_ repaired: RepairedValue) -> String {
        "cells: " + (repaired.attributeStages?.attributes.names.joined(separator: " × ") ?? "")
    }

    /// `verify ks` for a repair over several attributes.
    static func verifyKS(_ context: inout CommandContext, name: String, repaired: RepairedValue, tasks: [RepairedValue.Task]) throws {
        let (tables, readings) = try ksTables(&context, repaired, tasks: tasks, store: true)
        context.print("KS between groups on \(NumberFormat.grouped(repaired.rowCount)) \(repaired.selection) rows of \(name), per attribute and per cell (\(cellsNote(repaired))); stage 0 is before the repair, ratio the largest KS / floor over pairs")
        for table in tables { context.print(table: table) }
        for reading in readings { context.print(reading) }
    }

    /// `compare` for a repair over several attributes: the error per stage, then the KS table.
    static func compare(_ context: inout CommandContext, repaired: RepairedValue) throws {
        guard let stages = repaired.attributeStages else { return }
        var rows: [[ResultTable.Cell]] = []
        for task in repaired.tasks {
            for state in states(task, stages) {
                let risk = try TaskRisk.evaluate(isBinary: task.isBinary, predictions: state.values, labels: task.labels)
                let change = zip(task.before, state.values).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(max(1, task.before.count))
                rows.append([
                    .text("\(task.name).\(state.key)"), .text(state.label), risk.map { .text($0.metric) } ?? .text("-"),
                    risk.map { .number($0.value) } ?? .empty, .number(change),
                ])
            }
        }
        let errors = ResultTable(
            title: "\(repaired.repairName) on \(NumberFormat.grouped(repaired.rowCount)) \(repaired.selection) rows of \(repaired.predictionsName)",
            columns: [
                ResultTable.Column("task"), ResultTable.Column("stage"), ResultTable.Column("metric"), ResultTable.Column("value", rightAligned: true),
                ResultTable.Column("change", rightAligned: true),
            ], rows: rows)
        try context.workspace.store(
            ReportValue(errors), as: context.invocation[CompareOptions.name])
        context.print(table: errors)
        let (tables, _) = try ksTables(&context, repaired, tasks: repaired.tasks, store: false)
        for table in tables { context.print(table: table) }
    }
}
