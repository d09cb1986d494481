import FairCore
import FairData
import FairNet
import FairPlot

extension CommandSpec {
    /// `predict`: a trained model's predictions on the rows of its split.
    static let predict = CommandSpec(
        "predict", group: .models, summary: "predict every task with the trained model, at a given lambda, on train, pool and test",
        discussion: """
            A YOTO model (train mtl) predicts at task weights λ, one per task: --lambda, else the λ chosen by the \
            last 'lambda sweep'. The predictions record λ, and a repair fitted on them refuses predictions made at \
            another λ (the barycenter map is specific to λ). Rows keep their part (train, pool, test) and their \
            labels (the pool's are never used; the training labels are masked as 'mask' says).
            """,
        options: [
            PredictOptions.lambda, PredictOptions.rows, PredictOptions.model, PredictOptions.name
        ],
        examples: ["predict --lambda 0.5,1", "predict", "predict --on test --model stl --as base"],
        prerequisites: [.value(.model, runFirst: "train mtl|plain|stl")],
        lesson: "Lessons/04-multi-task-repair.md"
    ) { context in
        let invocation = context.invocation
        let (modelName, model) = try ModelSupport.model(
            named: invocation[PredictOptions.model], in: context.workspace)
        let names = model.taskNames
        var lambda: [Double]?
        if model.mode == .mtl {
            guard let chosen = invocation[PredictOptions.lambda] ?? model.calibratedLambda else {
                throw CommandError.failed(
                    message: "\(modelName) is conditioned on λ: give --lambda with one weight per task (\(names.joined(separator: ", "))), or run 'lambda sweep' to choose one")
            }
            guard chosen.count == names.count else {
                throw CommandError.failed(
                    message: "--lambda has \(chosen.count) weight\(chosen.count == 1 ? "" : "s") for \(names.count) tasks (\(names.joined(separator: ", "))); give one per task, in that order")
            }
            lambda = chosen
        } else if invocation.isGiven(PredictOptions.lambda) {
            throw CommandError.failed(
                message: "\(modelName) was trained at fixed task weights (train \(model.mode.rawValue)), so it takes no --lambda; 'train mtl' learns a model for every λ")
        }
        let (dataset, prepared) = try model.prepared(in: context.workspace)
        let selection = invocation[PredictOptions.rows]
        var parts: [(PredictionPart, ModelData)] = [(.train, prepared.train), (.pool, prepared.pool), (.test, prepared.test)]
        if selection != "all" { parts = parts.filter { $0.0.rawValue == selection } }
        parts = parts.filter { !$0.1.rows.isEmpty }
        guard !parts.isEmpty else {
            throw CommandError.failed(message: "the split has no \(selection) rows: predict --on another part (train, pool, test, all)")
        }

        var values = [[Double]](repeating: [], count: names.count)
        var labels = [[Double]](repeating: [], count: names.count)
        var codes: [Int32] = []
        var rowParts: [PredictionPart] = []
        var rowIDs: [UInt64] = []
        for (part, data) in parts {
            try context.checkCancellation("before the \(part.rawValue) rows")
            let features = try data.featureMatrix()
            let weights = lambda.map { Dictionary(uniqueKeysWithValues: zip(names, $0)) }
            var columns: [[Double]] = []
            for network in model.networks {
                columns += try network.predict(features, lambda: network.isConditioned ? weights : nil).values
            }
            for t in names.indices {
                values[t] += columns[t]
                labels[t] += try data.labels(of: names[t]).values
            }
            codes += data.groups.codes
            rowParts += Array(repeating: part, count: data.rows.count)
            rowIDs += data.rows.map { UInt64($0) }
        }
        let tasks = model.tasks.enumerated().map { t, spec in
            PredictionsValue.Task(name: spec.name, isBinary: spec.kind == .binaryClassification, values: values[t], labels: labels[t])
        }
        let lambdaText = lambda.map { " at λ = " + PredictionsValue.describe($0) } ?? ""
        let predictions = PredictionsValue(
            tasks: tasks, groups: try GroupColumn(codes: codes, names: dataset.groups.names), parts: rowParts, rowIDs: rowIDs,
            lambda: lambda, source: "model \(modelName)\(lambdaText)", tableName: model.tableName,
            attributes: context.workspace.value(TableValue.self, named: model.tableName)?.attributes ?? [])
        let name = invocation[PredictOptions.name]
        try context.workspace.store(predictions, as: name)
        let counts = parts.map { "\($0.0.rawValue) \(NumberFormat.grouped($0.1.rows.count))" }.joined(separator: " · ")
        let source =
            invocation.isGiven(PredictOptions.lambda) || lambda == nil
            ? "" : " (from 'lambda sweep')"
        context.print("predicted \(names.joined(separator: ", ")) with \(modelName)\(lambdaText)\(source) on \(counts) → \(name)")
        PredictionQuality.report(predictions, context: &context)
    }

    /// `lambda sweep`: Algorithm 2, the validation metrics of a YOTO model over a grid of λ.
    static let lambdaSweep = CommandSpec(
        "lambda sweep", group: .models, summary: "Algorithm 2: each task's validation error over a grid of λ, and the best λ",
        discussion: """
            A YOTO model (train mtl) is trained once for every λ in its ranges; this predicts the held-out training \
            rows (train --validation) at each λ of a grid and reports each task's error there: MSE for regression, \
            ROC AUC and log loss for binary tasks. The best λ minimises Σ_t (MSE or log loss of task t) (--criterion \
            weighted), or optimises one task's main metric (--criterion TASK). 'predict' then uses it. The grid is \
            --grid values for every task (default: 5 values across each task's training range); the table is kept \
            as 'sweep', the chosen weights as lambda.TASK.
            """,
        options: [
            SweepOptions.grid, SweepOptions.criterion, SweepOptions.model
        ],
        examples: ["lambda sweep", "lambda sweep --grid 0.1,0.5,1 --criterion y_regression"],
        prerequisites: [.value(.model, runFirst: "train mtl")],
        lesson: "Lessons/04-multi-task-repair.md"
    ) { context in
        let invocation = context.invocation
        let (modelName, model) = try ModelSupport.model(
            named: invocation[SweepOptions.model], in: context.workspace)
        guard model.mode == .mtl, let network = model.networks.first, let ranges = network.architecture.conditioning?.ranges else {
            throw CommandError.failed(
                message: "\(modelName) was trained at fixed task weights (train \(model.mode.rawValue)): there is no λ to choose; 'train mtl' learns a model for every λ")
        }
        guard !model.validationRows.isEmpty else {
            throw CommandError.failed(
                message: "\(modelName) kept no training rows aside (train --validation 0), and λ is never chosen on the test rows: train again with --validation 0.1")
        }
        let names = model.taskNames
        let (_, prepared) = try model.prepared(in: context.workspace)
        var position: [Int: Int] = [:]
        for (i, row) in prepared.train.rows.enumerated() { position[row] = i }
        let validation = try prepared.train.trainingData().selecting(rows: model.validationRows.compactMap { position[$0] })
        let axes = zip(names, ranges).map { name, range in
            (task: name, values: invocation[SweepOptions.grid] ?? ModelSupport.defaultGrid(range))
        }
        let criterionName = invocation[SweepOptions.criterion]
        let criterion: CalibrationCriterion
        if criterionName == "weighted" {
            criterion = .weightedLoss(Dictionary(uniqueKeysWithValues: names.map { ($0, 1.0) }))
        } else {
            let kind = model.tasks.first { $0.name == criterionName }?.kind ?? .regression
            criterion = .metric(task: criterionName, TaskMetric.defaults(for: kind)[0])
        }
        let report = try LambdaCalibration.run(model: network, validation: validation, grid: try LambdaCalibration.grid(axes), criterion: criterion)

        var columns = [ResultTable.Column("point")] + names.map { ResultTable.Column("λ \($0)", rightAligned: true) }
        var metricColumns: [(task: String, metric: TaskMetric)] = []
        for spec in model.tasks {
            for metric in TaskMetric.defaults(for: spec.kind).prefix(spec.kind == .regression ? 1 : 2) {
                metricColumns.append((spec.name, metric))
                columns.append(ResultTable.Column("\(spec.name) \(ModelSupport.shortName(metric))", rightAligned: true))
            }
        }
        columns += [ResultTable.Column("score", rightAligned: true), ResultTable.Column("best")]
        let rows = report.points.enumerated().map { index, point -> [ResultTable.Cell] in
            var row: [ResultTable.Cell] = [.text(String(index + 1))]
            row += names.map { .number(point.lambda[$0] ?? .nan) }
            row += metricColumns.map { .number(point.metrics[$0.task]?[$0.metric] ?? .nan) }
            row += [.number(point.score), .text(index == report.bestIndex ? "*" : "")]
            return row
        }
        let table = ResultTable(
            title: "\(modelName) on \(NumberFormat.grouped(validation.rows)) held-out training rows; criterion \(criterionName)",
            columns: columns, rows: rows)
        try context.workspace.store(ReportValue(table), as: "sweep")
        let best = names.map { report.best.lambda[$0] ?? .nan }
        var updated = model
        updated.calibratedLambda = best
        try context.workspace.store(updated, as: modelName)
        for (task, weight) in zip(names, best) {
            try context.workspace.store(NumberResult(weight, note: "λ of \(task) chosen by lambda sweep"), as: "lambda.\(ReportNames.key(task))")
        }
        context.print(table: table)
        context.print("best: λ = \(PredictionsValue.describe(best)) (point \(report.bestIndex + 1)); 'predict' now uses it")
    }
}

extension ValueSource {
    /// `weighted`, or a task of the current model.
    static let sweepCriteria = ValueSource(noun: "criterion") { context in
        ["weighted"] + (context.workspace.current(ModelValue.self)?.value.taskNames ?? [])
    }
}

/// Shared steps of the model commands.
enum ModelSupport {
    /// The model named `name`, or the current one.
    static func model(named name: String?, in workspace: Workspace) throws -> (String, ModelValue) {
        if let name {
            guard let value = workspace.value(ModelValue.self, named: name) else {
                let known = workspace.names(of: .model)
                throw CommandError.unknownName(
                    noun: "model", name: name, suggestions: EditDistance.suggestions(for: name, among: known), known: known)
            }
            return (name, value)
        }
        guard let current = workspace.current(ModelValue.self) else {
            throw CommandError.failed(message: "there is no model: run 'train mtl|plain|stl' first")
        }
        return current
    }

    /// Five evenly spaced values across a λ range (one for a fixed weight).
    static func defaultGrid(_ range: LambdaRange) -> [Double] {
        guard range.high > range.low else { return [range.low] }
        return (0..<5).map { range.low + (range.high - range.low) * Double($0) / 4 }
    }

    static func shortName(_ metric: TaskMetric) -> String {
        switch metric {
        case .meanSquaredError: return "MSE"
        case .meanAbsoluteError: return "MAE"
        case .rocAUC: return "AUC"
        case .accuracy: return "accuracy"
        case .logLoss: return "log loss"
        case .brierScore: return "Brier"
        }
    }
}

extension CommandRegistry {
    /// `train`, `predict`, `lambda sweep` and the model kind.
    public mutating func registerModelCommands() {
        register(valueType: ModelValue.self)
        for command in [CommandSpec.train, .predict, .lambdaSweep] { register(command) }
    }
}

/// The options of `predict`.
private enum PredictOptions {
    static let lambda = CommandOption<[Double]?>(
        "lambda", .list(.real(min: 0)), summary: "task weights, in task order (YOTO models)")
    static let rows = CommandOption<String>(
        "on", .choice(PredictionPart.choices), summary: "the rows", default: "all")
    static let model = CommandOption<String?>(
        "model", .name(.workspaceNames(of: .model)), summary: "the model (default: the current one)"
    )
    static let name = CommandOption<String>(
        "as", .text, summary: "name of the predictions", default: "pred")
}

/// The options of `lambda sweep`.
private enum SweepOptions {
    static let grid = CommandOption<[Double]?>(
        "grid", .list(.real(min: 0)), summary: "the λ values tried for every task")
    static let criterion = CommandOption<String>(
        "criterion", .name(.sweepCriteria),
        summary: "weighted (Σ of the tasks' losses) or a task's name", default: "weighted")
    static let model = CommandOption<String?>(
        "model", .name(.workspaceNames(of: .model)), summary: "the model (default: the current one)"
    )
}
