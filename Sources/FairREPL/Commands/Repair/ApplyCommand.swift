import FairCore
import FairPlot

extension CommandSpec {
    /// `apply`: repairs predictions with a fitted repair.
    static let apply = CommandSpec(
        "apply", group: .repair, summary: "repair predictions with the fitted barycenter repair (on the test rows by default)",
        discussion: """
            --eps blends the repaired score with the original one: (1 - eps) · fair + eps · score, so eps = 0 is \
            fully fair and eps = 1 changes nothing ('plot tradeoff' shows the whole range). The predictions must \
            have been made at the lambda the repair was fitted at; --allow-lambda-mismatch applies it to predictions \
            made at another lambda anyway, to measure what goes wrong (the maps are specific to λ, so the output is \
            then not fair: 'verify ks' shows by how much). The result ('fair' by default) holds each \
            task's scores before and after, for 'compare', 'verify' and 'plot'. Warns when some of the rows are the \
            repair's own calibration rows (in-sample: the repaired groups look fairer there than on new rows) or the \
            repair was fitted on the training part (Remark 2); 'compare' and 'verify ks' repeat the warnings.
            A sequential repair over several attributes is applied stage by stage at the ε it was fitted at, and \
            each stage is also kept on its own as NAME_ATTRIBUTE (its input before, its output after), so that \
            'verify ranks', 'verify risk' and 'plot cdf' can check one stage at a time.
            """,
        options: [
            ApplyOptions.epsilon, ApplyOptions.rows, ApplyOptions.predictions, ApplyOptions.repair,
            ApplyOptions.name, ApplyOptions.allowLambdaMismatch
        ],
        examples: ["apply", "apply --eps 0.2", "apply --to all --predictions scores", "apply --predictions other --allow-lambda-mismatch --as mixed"],
        prerequisites: [.value(.repair, runFirst: "fit barycenter")],
        lesson: "Lessons/01-strong-demographic-parity.md"
    ) { context in
        let invocation = context.invocation
        let (repairName, repair) = try RepairCommandSupport.repair(
            named: invocation[ApplyOptions.repair], in: context.workspace)
        // A repair fitted from quantile summaries has no predictions of its own: the current ones.
        let (predictionsName, predictions) = try RepairCommandSupport.predictions(
            named: invocation[ApplyOptions.predictions]
                ?? (repair.quantileRankErrors == nil ? repair.predictionsName : nil),
            in: context.workspace)
        let selection = invocation[ApplyOptions.rows] ?? (predictions.hasParts ? "test" : "all")
        let epsilon = invocation[ApplyOptions.epsilon]
        let name = invocation[ApplyOptions.name]
        if repair.multi != nil {
            try MultiAttributeApply.run(
                &context, repair: repair, named: repairName, to: predictions, named: predictionsName, rows: selection,
                epsilon: invocation.isGiven(ApplyOptions.epsilon) ? epsilon : nil, as: name)
            return
        }
        let allowMismatch = invocation[ApplyOptions.allowLambdaMismatch]
        let value = try RepairCommandSupport.apply(
            repair, named: repairName, to: predictions, named: predictionsName, rows: selection, epsilon: epsilon,
            allowLambdaMismatch: allowMismatch)
        try context.workspace.store(value, as: name)
        context.print(
            "applied \(repairName) (ε = \(NumberFormat.compact(epsilon, digits: 3))) to \(NumberFormat.grouped(value.rowCount)) \(selection) rows of \(predictionsName) → \(name)")
        if allowMismatch, repair.lambda != predictions.lambda {
            let fitted = repair.lambda.map { "λ = " + PredictionsValue.describe($0) } ?? "no lambda"
            let given = predictions.lambda.map { "λ = " + PredictionsValue.describe($0) } ?? "no lambda"
            context.print(
                "warning: \(repairName) was fitted at \(fitted) but \(predictionsName) were made at \(given) (--allow-lambda-mismatch): the maps do not fit these laws, so \(name) is not guaranteed fair; 'verify ks' measures how far it is")
        }
        let policy = repair.repairs.first?.options.outOfRange == .tailShift ? "continued with slope 1" : "clamped"
        for task in value.tasks where task.outOfRange > 0 {
            context.print("\(task.name): \(NumberFormat.grouped(task.outOfRange)) row\(task.outOfRange == 1 ? "" : "s") outside their group's calibration range (\(policy))")
        }
        for warning in value.provenanceWarnings { context.print(warning) }
    }
}

extension RepairCommandSupport {
    /// The repair named `name`, or the current one.
    static func repair(named name: String?, in workspace: Workspace) throws -> (String, RepairValue) {
        if let name {
            guard let value = workspace.value(RepairValue.self, named: name) else {
                let known = workspace.names(of: .repair)
                throw CommandError.unknownName(
                    noun: "repair", name: name, suggestions: EditDistance.suggestions(for: name, among: known), known: known)
            }
            return (name, value)
        }
        guard let current = workspace.current(RepairValue.self) else {
            throw CommandError.failed(message: "there is no repair: run 'fit barycenter' first")
        }
        return current
    }

    /// The repaired predictions of the rows `selection` of `predictions`.
    /// - Throws: when the lambdas differ, a task is missing, or no row is selected.
    static func apply(
        _ repair: RepairValue, named repairName: String, to predictions: PredictionsValue, named predictionsName: String,
        rows selection: String, epsilon: Double, allowLambdaMismatch: Bool = false
    ) throws -> RepairedValue {
        let rows = predictions.rows(in: selection)
        guard !rows.isEmpty else {
            throw CommandError.failed(
                message: predictions.hasParts
                    ? "\(predictionsName) has no \(selection) rows: apply --to another part (pool, test, train, all)"
                    : "\(predictionsName) has no parts (no split when they were made): 'split --predictions \(predictionsName)' draws pool and test rows, or apply --to all")
        }
        try checkLambda(repair, named: repairName, predictions: predictions, named: predictionsName, allowMismatch: allowLambdaMismatch)
        if repair.multi != nil {
            return try MultiAttributeApply.apply(
                repair, named: repairName, to: predictions, named: predictionsName, rows: selection, epsilon: epsilon, as: "").final
        }
        let missing = repair.taskNames.filter { !predictions.taskNames.contains($0) }
        if !missing.isEmpty {
            throw FairCoreError.missingTask(name: missing[0], provided: predictions.taskNames)
        }
        let groups = try subset(predictions.groups, rows: rows)
        let rowIDs = rows.map { predictions.rowIDs[$0] }
        var tasks: [RepairedValue.Task] = []
        for fitted in repair.repairs {
            let task = try predictions.task(named: fitted.taskName)
            let before = rows.map { task.values[$0] }
            let result = try fitted.apply(scores: before, groups: groups, rowIDs: rowIDs, epsilon: epsilon)
            tasks.append(RepairedValue.Task(
                name: task.name, isBinary: task.isBinary, before: before, after: result.outputs,
                labels: task.labels.isEmpty ? [] : rows.map { task.labels[$0] }, outOfRange: result.report.outOfRangeCount))
        }
        return RepairedValue(
            predictionsName: predictionsName, repairName: repairName, selection: selection, epsilon: epsilon, tasks: tasks,
            groups: groups, rowIDs: rowIDs, lambda: predictions.lambda, repairs: repair.repairs,
            inSampleRows: repair.calibrationOverlap(rowIDs: rowIDs, predictionsName: predictionsName, predictions: predictions),
            trainingRowCount: repair.trainingRowCount, quantileRankErrors: repair.quantileRankErrors)
    }

    /// The repair and the predictions must be at the same lambda (or both without one), unless
    /// `allowMismatch` (`apply --allow-lambda-mismatch`) asks to apply it anyway, to measure the harm.
    static func checkLambda(
        _ repair: RepairValue, named repairName: String, predictions: PredictionsValue, named predictionsName: String,
        allowMismatch: Bool = false
    ) throws {
        guard !allowMismatch else { return }
        switch (repair.lambda, predictions.lambda) {
        case let (fitted?, given?) where fitted != given:
            throw CommandError.failed(
                message: "\(FairCoreError.lambdaMismatch(fitted: fitted, given: given).description) To measure how unfair that would be, add --allow-lambda-mismatch.")
        case let (fitted?, nil):
            throw CommandError.failed(
                message: "\(repairName) was fitted on predictions made at λ = \(PredictionsValue.describe(fitted)), but \(predictionsName) have no lambda: apply it to predictions made at that lambda")
        case let (nil, given?):
            throw CommandError.failed(
                message: "\(repairName) was fitted on predictions without a lambda, but \(predictionsName) were made at λ = \(PredictionsValue.describe(given)): fit a repair on predictions at this lambda")
        default:
            break
        }
    }
}

extension CommandRegistry {
    /// `fit barycenter`, `apply`, `compare` and the repair kinds.
    public mutating func registerRepairCommands() {
        register(valueType: RepairValue.self)
        register(valueType: RepairedValue.self)
        register(.fitBarycenter)
        register(.apply)
        register(.applyFile)
        register(.exportSQL)
        register(.exportQuantileSQL)
    }
}

/// The options of `apply`.
private enum ApplyOptions {
    static let epsilon = CommandOption<Double>(
        "eps", .unitInterval, summary: "0: fully fair … 1: unchanged", default: 0)
    static let rows = CommandOption<String?>(
        "to", .choice(PredictionPart.choices),
        summary: "the rows to repair (default: test, or all without a split)")
    static let predictions = CommandOption<String?>(
        "predictions", .name(.workspaceNames(of: .predictions)),
        summary: "the predictions (default: those the repair was fitted on)")
    static let repair = CommandOption<String?>(
        "repair", .name(.workspaceNames(of: .repair)),
        summary: "the repair (default: the current one)")
    static let name = CommandOption<String>(
        "as", .text, summary: "name of the repaired predictions", default: "fair")
    static let allowLambdaMismatch = CommandOption.flag(
        "allow-lambda-mismatch",
        summary: "apply to predictions made at another λ (not fair; to measure how unfair)")
}
