import FairCore
import FairPlot

extension CommandSpec {
    /// `compare orders`: sequential repair in every order of the attributes, side by side.
    static let compareOrders = CommandSpec(
        "compare orders", group: .repair,
        summary: "sequential repair in every order of the attributes: KS per attribute and per cell for each",
        discussion: """
            Sequential repair depends on the order of the attributes (with ε > 0 noticeably): each order is \
            fitted on the pool and applied to the test rows, as 'fit barycenter --mode sequential' and 'apply' \
            would, and the table shows, per task and order, the error (MSE or AUC) and the largest KS between the \
            values of each attribute and between the cells, and the largest KS / floor ratio over the pairs of all \
            of them (at most 3: every view at its noise floor). The intersectional repair is the last row, for \
            reference. Kept as 'orders' (numbers as orders.TASK_ORDER.KS_ATTRIBUTE and orders.TASK_ORDER.KS_cells, \
            the order's attributes joined by _).
            """,
        options: [
            OrdersOptions.group, OrdersOptions.epsilon, OrdersOptions.jitter, OrdersOptions.seed,
            OrdersOptions.task, OrdersOptions.minimumGroup, OrdersOptions.predictions,
            OrdersOptions.name
        ],
        examples: ["compare orders", "compare orders --eps 0.5 --jitter 1e-6"],
        prerequisites: [.predictions],
        lesson: "Lessons/15-several-attributes.md"
    ) { context in
        let invocation = context.invocation
        let (predictionsName, predictions) = try RepairCommandSupport.predictions(
            named: invocation[OrdersOptions.predictions], in: context.workspace)
        let poolRows = predictions.rows(in: predictions.hasParts ? "pool" : "all")
        let testRows = predictions.rows(in: predictions.hasParts ? "test" : "all")
        guard !poolRows.isEmpty, !testRows.isEmpty else {
            throw CommandError.failed(message: "\(predictionsName) need pool and test rows: split with --pool (e.g. split --pool 0.5) and predict again")
        }
        let poolAttributes = try GroupAttributes.attributes(of: predictions, rows: poolRows)
        let testAttributes = try GroupAttributes.attributes(of: predictions, rows: testRows)
        let chosen = invocation[OrdersOptions.group] ?? poolAttributes.names
        for name in chosen where !poolAttributes.names.contains(name) {
            throw CommandError.unknownName(
                noun: "sensitive attribute", name: name, suggestions: EditDistance.suggestions(for: name, among: poolAttributes.names),
                known: poolAttributes.names)
        }
        guard chosen.count >= 2, chosen.count <= 4 else {
            throw CommandError.failed(message: "compare orders needs 2 to 4 attributes (\(chosen.count) given): choose them with --group")
        }
        let taskNames = invocation[OrdersOptions.task] ?? predictions.taskNames
        let options = RepairOptions(
            jitterHalfWidth: invocation[OrdersOptions.jitter],
            seed: invocation[OrdersOptions.seed].map { UInt64($0) } ?? context.settings.seed,
            minimumGroupSize: invocation[OrdersOptions.minimumGroup])
        let epsilon = invocation[OrdersOptions.epsilon]
        var pool: [String: [Double]] = [:], test: [String: [Double]] = [:]
        var tasks: [PredictionsValue.Task] = []
        for name in taskNames {
            let task = try predictions.task(named: name)
            tasks.append(task)
            pool[name] = poolRows.map { task.values[$0] }
            test[name] = testRows.map { task.values[$0] }
        }
        let poolIDs = poolRows.map { predictions.rowIDs[$0] }, testIDs = testRows.map { predictions.rowIDs[$0] }
        var views: [(key: String, column: GroupColumn)] = []
        for name in chosen { views.append((ReportNames.key(name), try testAttributes.column(named: name))) }
        views.append(("cells", try testAttributes.intersections(of: chosen)))
        var runs: [(key: String, mode: MultiAttributeMode, order: [String])] = permutations(chosen).map {
            ($0.map(ReportNames.key).joined(separator: "_"), .sequential, $0)
        }
        runs.append(("intersectional", .intersectional, chosen))
        var rows: [[ResultTable.Cell]] = []
        for run in runs {
            try context.checkCancellation("before the order \(run.key)")
            let repair = try MultiAttributeRepair.fit(
                predictions: pool, attributes: poolAttributes, attributeNames: run.order, mode: run.mode, lambda: predictions.lambda,
                rowIDs: poolIDs, defaultOptions: options, epsilon: [epsilon])
            let outputs = try repair.apply(predictions: test, attributes: testAttributes, lambda: predictions.lambda, rowIDs: testIDs).outputs
            for task in tasks {
                let values = outputs[task.name] ?? []
                let labels = task.labels.isEmpty ? [] : testRows.map { task.labels[$0] }
                let risk = try TaskRisk.evaluate(isBinary: task.isBinary, predictions: values, labels: labels)
                var row: [ResultTable.Cell] = [.text("\(task.name)_\(run.key)"), risk.map { .text($0.metric) } ?? .text("-"), risk.map { .number($0.value) } ?? .empty]
                var worst = 0.0
                for view in views {
                    let m = try AttributeReport.measure(values, view.column)
                    row.append(m.map { .number($0.ks) } ?? .empty)
                    worst = max(worst, m?.ratio ?? 0)
                }
                rows.append(row + [.number(worst)])
            }
        }
        var columns = [ResultTable.Column("task_order"), ResultTable.Column("metric"), ResultTable.Column("value", rightAligned: true)]
        for view in views { columns.append(ResultTable.Column("KS_\(view.key)", rightAligned: true)) }
        columns.append(ResultTable.Column("ratio", rightAligned: true))
        let table = ResultTable(
            title: "every order of \(chosen.joined(separator: ", ")) on \(NumberFormat.grouped(testRows.count)) test rows of \(predictionsName) (ε = \(NumberFormat.compact(epsilon, digits: 3)), jitter \(NumberFormat.compact(options.jitterHalfWidth, digits: 3)))",
            columns: columns, rows: rows)
        try context.workspace.store(ReportValue(table), as: invocation[OrdersOptions.name])
        context.print(table: table)
        // The floors depend on the group sizes only: the largest over the pairs of each view.
        var floors: [String] = []
        for view in views {
            let counts = view.column.counts().filter { $0 > 0 }
            var largest = 0.0
            for a in counts.indices { for b in counts.indices where b > a { largest = max(largest, 0.87 * (1 / Double(counts[a]) + 1 / Double(counts[b])).squareRoot()) } }
            floors.append("\(view.key) \(context.format(largest))")
        }
        context.print("cells: \(chosen.joined(separator: " × ")); ratio: the largest KS / floor over the pairs of every view; largest noise floors: \(floors.joined(separator: ", "))")
    }

    /// Every order of `items`, the given one first.
    static func permutations(_ items: [String]) -> [[String]] {
        if items.count <= 1 { return [items] }
        var result: [[String]] = []
        for (i, first) in items.enumerated() {
            var rest = items
            rest.remove(at: i)
            for tail in permutations(rest) { result.append([first] + tail) }
        }
        return result
    }
}

extension CommandRegistry {
    /// The commands for several sensitive attributes: `compare orders`, `plot stages`.
    public mutating func registerAttributeCommands() {
        register(.compareOrders)
        register(.plotStages)
    }
}

/// The options of `compare orders`.
private enum OrdersOptions {
    static let group = CommandOption<[String]?>(
        "group", .list(.text), summary: "the attributes (default: all of the data's)",
        completion: .source(.predictionAttributes))
    static let epsilon = CommandOption<Double>(
        "eps", .unitInterval, summary: "ε of every stage", default: 0)
    static let jitter = CommandOption<Double>(
        "jitter", .real(min: 0), summary: "jitter half-width u of every stage", default: 0)
    static let seed = CommandOption<Int?>(
        "seed", .integer(min: 0), summary: "seed of the jitter (default: the session seed)")
    static let task = CommandOption<[String]?>(
        "task", .list(.name(.predictionTasks)), summary: "the tasks (default: all)")
    static let minimumGroup = CommandOption<Int>(
        "min-group", .integer(min: 1), summary: "fewest calibration rows a group or cell may have",
        default: 10)
    static let predictions = CommandOption<String?>(
        "predictions", .name(.workspaceNames(of: .predictions)),
        summary: "the predictions (default: the current ones)")
    static let name = CommandOption<String>(
        "as", .text, summary: "name of the table", default: "orders")
}
