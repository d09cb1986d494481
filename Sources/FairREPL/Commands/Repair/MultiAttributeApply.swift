import FairCore
import FairPlot

/// `apply` with a repair over several attributes: runs the stages and keeps each one.
enum MultiAttributeApply {
    /// Applies, stores the result as `name` and every stage of a sequential repair as
    /// `name_ATTRIBUTE`, and says so.
    static func run(
        _ context: inout CommandContext, repair: RepairValue, named repairName: String, to predictions: PredictionsValue,
        named predictionsName: String, rows selection: String, epsilon: Double?, as name: String
    ) throws {
        let (final, stages) = try apply(repair, named: repairName, to: predictions, named: predictionsName, rows: selection,
                                        epsilon: epsilon, as: name)
        for (stageName, value) in stages { try context.workspace.store(value, as: stageName) }
        try context.workspace.store(final, as: name)   // last, so that it is the current one
        let epsilons = final.attributeStages?.stages.map { NumberFormat.compact($0.epsilon, digits: 3) } ?? []
        context.print(
            "applied \(repairName) (ε = \(epsilons.joined(separator: ", "))) to \(NumberFormat.grouped(final.rowCount)) \(selection) rows of \(predictionsName) → \(name)")
        if !stages.isEmpty {
            context.print("stages: " + zip(stages, final.attributeStages?.stages ?? []).map { "\($0.0.0) (\($0.1.label))" }.joined(separator: ", then "))
        }
        for task in final.tasks where task.outOfRange > 0 {
            context.print("\(task.name): \(NumberFormat.grouped(task.outOfRange)) row-stages outside their group's calibration range")
        }
    }

    /// The repaired predictions, and for a repair of several stages each stage as its own value.
    /// The caller (`RepairCommandSupport.apply`) has checked the predictions' lambda against the repair's.
    static func apply(
        _ repair: RepairValue, named repairName: String, to predictions: PredictionsValue, named predictionsName: String,
        rows selection: String, epsilon: Double?, as name: String
    ) throws -> (final: RepairedValue, stages: [(String, RepairedValue)]) {
        guard let multi = repair.multi else { throw CommandError.failed(message: "\(repairName) is a repair over one group column") }
        let rows = predictions.rows(in: selection)
        guard !rows.isEmpty else {
            throw CommandError.failed(message: "\(predictionsName) has no \(selection) rows: apply --to another part (pool, test, train, all)")
        }
        let attributes = try GroupAttributes.attributes(of: predictions, rows: rows)
        let rowIDs = rows.map { predictions.rowIDs[$0] }
        var scores: [String: [Double]] = [:]
        for task in multi.taskNames { scores[task] = rows.map { (try? predictions.task(named: task))?.values[$0] ?? 0 } }
        for task in multi.taskNames where !predictions.taskNames.contains(task) {
            throw FairCoreError.missingTask(name: task, provided: predictions.taskNames)
        }
        let result = try multi.apply(predictions: scores, attributes: attributes, lambda: multi.lambda, rowIDs: rowIDs, epsilon: epsilon)
        func task(_ name: String, before: [Double], after: [Double], outOfRange: Int) throws -> RepairedValue.Task {
            let source = try predictions.task(named: name)
            return RepairedValue.Task(
                name: name, isBinary: source.isBinary, before: before, after: after,
                labels: source.labels.isEmpty ? [] : rows.map { source.labels[$0] }, outOfRange: outOfRange)
        }
        let several = result.stages.count > 1
        var stageValues: [(String, RepairedValue)] = []
        var records: [AttributeStages.Stage] = []
        for (k, (stage, fitted)) in zip(result.stages, multi.stages).enumerated() {
            let valueName = several && !name.isEmpty ? "\(name)_\(ReportNames.key(stage.label))" : ""
            records.append(.init(label: stage.label, attributes: stage.attributes, epsilon: stage.epsilon, outputs: stage.outputs, valueName: valueName))
            if several && !name.isEmpty {
                let tasks = try multi.taskNames.map { name in
                    try task(name, before: stage.inputs[name] ?? [], after: stage.outputs[name] ?? [],
                             outOfRange: stage.reports[name]?.outOfRangeCount ?? 0)
                }
                stageValues.append((valueName, RepairedValue(
                    predictionsName: predictionsName, repairName: "\(repairName) stage \(k + 1) (\(stage.label))", selection: selection,
                    epsilon: stage.epsilon, tasks: tasks, groups: stage.groups, rowIDs: rowIDs, lambda: predictions.lambda,
                    repairs: fitted.repairs)))
            }
        }
        let tasks = try multi.taskNames.map { name in
            try task(name, before: scores[name] ?? [], after: result.outputs[name] ?? [],
                     outOfRange: result.stages.reduce(0) { $0 + ($1.reports[name]?.outOfRangeCount ?? 0) })
        }
        var final = RepairedValue(
            predictionsName: predictionsName, repairName: repairName, selection: selection, epsilon: result.stages.last?.epsilon ?? 0,
            tasks: tasks, groups: result.stages.last!.groups, rowIDs: rowIDs, lambda: predictions.lambda,
            repairs: several ? [] : multi.stages[0].repairs)
        final.attributeStages = AttributeStages(mode: multi.mode, attributes: attributes, stages: records)
        return (final, stageValues)
    }
}
