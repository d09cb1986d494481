import FairCore
import FairData
import FairNet
import FairPlot
import Foundation

extension CommandSpec {
    /// `train mtl|plain|stl`: trains a network on the training rows of the current split.
    static let train = CommandSpec(
        "train", group: .models, summary: "train a multi-task network (YOTO or at fixed weights) or single-task baselines",
        discussion: """
            mtl: one network for every task, conditioned on the task weights λ (YOTO with FiLM): each training \
            row draws λ_t from U(low, high) (--lambda-range, per task or one for all), and 'lambda sweep' then \
            chooses λ on held-out rows (Algorithm 2). plain: one network at fixed task weights (--weights, default \
            1 each). stl: one network per task. Every model trains on the split's training rows, minus the share \
            --validation kept aside for 'lambda sweep' and for early stopping. Without --epochs, the number of \
            epochs is chosen from the data size (about 4,000 mini-batch steps, between 30 and 500 epochs), \
            training stops after 20 epochs without a better validation loss and keeps the best weights, and the \
            validation share is 0.1, raised to hold 100 rows on small data (at most 0.25), so that the stopping \
            point is not noise; --epochs N runs exactly N epochs (unless --patience is given too). Regression \
            labels are standardised internally (mean and SD of the rows trained on); predictions and losses are \
            in the labels' own units. A task no better than a constant on the validation rows gets a warning. \
            Training is reproducible for a seed. Ctrl-C stops it and keeps the previous model.
            """,
        arguments: [TrainOptions.mode],
        options: [
            TrainOptions.hidden, TrainOptions.epochs, TrainOptions.batch, TrainOptions.learningRate,
            TrainOptions.dropout, TrainOptions.weightDecay, TrainOptions.lambdaRange,
            TrainOptions.logUniform, TrainOptions.film, TrainOptions.weights,
            TrainOptions.validation,
            TrainOptions.patience, TrainOptions.seed, TrainOptions.threads, TrainOptions.split,
            TrainOptions.name
        ],
        examples: ["train mtl --epochs 20", "train mtl --hidden 32 --lambda-range 0.1:1,1:6 --seed 7", "train plain --weights 1,2", "train stl"],
        prerequisites: [.value(.split, runFirst: "split")],
        lesson: "Lessons/04-multi-task-repair.md"
    ) { context in
        let invocation = context.invocation
        let splitName =
            invocation[TrainOptions.split] ?? context.workspace.currentName(of: .split) ?? ""
        guard let split = context.workspace.value(SplitValue.self, named: splitName) else {
            throw CommandError.failed(
                message: "there is no split\(splitName.isEmpty ? "" : " named '\(splitName)'") to train on: run 'split' first (the model trains on its training rows)")
        }
        guard let table = context.workspace.value(TableValue.self, named: split.tableName) else {
            throw CommandError.failed(message: "the table '\(split.tableName)' of split '\(splitName)' is not in the workspace: load it again")
        }
        let dataset = table.dataset
        let prepared = try split.prepare(dataset)
        let mode = invocation[TrainOptions.mode]
        let seed = invocation[TrainOptions.seed].map { UInt64($0) } ?? context.settings.seed
        let specs = dataset.tasks.map { $0.kind == .binary ? TaskSpec.binary($0.name) : TaskSpec.regression($0.name) }
        let names = specs.map(\.name)

        // Options that belong to another mode are mistakes, not silent no-ops.
        let mtlOptions: [any DeclaredOption] = [
            TrainOptions.lambdaRange, TrainOptions.logUniform, TrainOptions.film
        ]
        if mode != .mtl, let option = mtlOptions.first(where: invocation.isGiven) {
            throw CommandError.failed(
                message:
                    "\(option.spec.spelling) is for 'train mtl' (λ-conditioned); a \(mode.rawValue) model has no λ ranges"
            )
        }
        if mode != .plain, invocation.isGiven(TrainOptions.weights) {
            throw CommandError.failed(message: "--weights is for 'train plain'; 'train mtl' draws the weights from --lambda-range, 'train stl' has one task per network")
        }

        var conditioning: Conditioning?
        if mode == .mtl {
            let ranges = try TrainingSupport.lambdaRanges(
                invocation[TrainOptions.lambdaRange], tasks: names,
                logUniform: invocation[TrainOptions.logUniform])
            conditioning = Conditioning(mode: invocation[TrainOptions.film].mode, ranges: ranges)
        }
        let architecture = try NetworkArchitecture(
            inputs: prepared.train.features.columns, hidden: invocation[TrainOptions.hidden],
            tasks: specs,
            dropout: invocation[TrainOptions.dropout], conditioning: conditioning)

        // Training rows, minus the held-out validation rows; regression labels standardised on the
        // rows trained on (the heads are rescaled afterwards, so predictions are in the labels' units).
        let all = try prepared.train.trainingData()
        let automatic = !invocation.isGiven(TrainOptions.epochs)
        let validationShare =
            invocation[TrainOptions.validation]
            ?? (automatic ? TrainingSupport.defaultValidationShare(rows: all.rows) : 0.1)
        let (trainIndices, validationIndices) = try TrainingSupport.holdOut(fraction: validationShare, rows: all.rows, seed: seed)
        let scaling = TargetScaling(data: all.selecting(rows: trainIndices), regressionTasks: specs.filter { $0.kind == .regression }.map(\.name))
        let data = try scaling.standardising(all.selecting(rows: trainIndices))
        let validation = try validationIndices.isEmpty ? nil : scaling.standardising(all.selecting(rows: validationIndices))
        let batch = invocation[TrainOptions.batch]
        let defaults = TrainingSupport.defaultEpochs(rows: data.rows, batch: batch)
        var options = TrainingOptions(
            epochs: invocation[TrainOptions.epochs] ?? defaults, batchSize: batch,
            learningRate: invocation[TrainOptions.learningRate], seed: seed)
        options.weightDecay = invocation[TrainOptions.weightDecay]
        options.threads = invocation[TrainOptions.threads]
        if let patience = invocation[TrainOptions.patience] {
            guard validation != nil else {
                throw CommandError.failed(message: "--patience watches the validation loss: give --validation a share above 0 (e.g. 0.1)")
            }
            options.earlyStopping = EarlyStopping(patience: patience)
        } else if automatic, validation != nil {
            options.earlyStopping = EarlyStopping(patience: TrainingSupport.defaultPatience)
        }
        if let weights = invocation[TrainOptions.weights] {
            guard weights.count == names.count else {
                throw CommandError.failed(
                    message: "--weights has \(weights.count) value\(weights.count == 1 ? "" : "s") for \(names.count) tasks (\(names.joined(separator: ", "))); give one weight per task, in that order")
            }
            options.taskWeights = Dictionary(uniqueKeysWithValues: zip(names, weights))
        }

        let clock = ContinuousClock()
        let start = clock.now
        var networks: [MultiTaskNetwork] = []
        var finalLoss: [String: Double] = [:]
        switch mode {
        case .mtl, .plain:
            var network = try MultiTaskNetwork(architecture: mode == .mtl ? architecture : architecture.unconditioned, seed: seed)
            try network.setFeatureNames(prepared.train.features.names)
            let run = TrainingRun(context: context, epochOffset: 0, totalEpochs: options.epochs, label: "")
            let result = try run.train(network, on: data, validation: validation, options: options)
            networks = [try scaling.restoringUnits(result.model)]
            if let last = result.history.last { for (task, loss) in zip(last.tasks, last.trainingLoss) { finalLoss[task] = scaling.inUnits(loss, of: task) } }
        case .stl:
            for (t, name) in names.enumerated() {
                var network = try MultiTaskNetwork(architecture: try architecture.singleTask(name), seed: seed)
                try network.setFeatureNames(prepared.train.features.names)
                let single = try TrainingData(features: data.features, labels: [name: data.labels[name] ?? []])
                let held = try validation.map { try TrainingData(features: $0.features, labels: [name: $0.labels[name] ?? []]) }
                let run = TrainingRun(context: context, epochOffset: t * options.epochs, totalEpochs: names.count * options.epochs, label: "\(name): ")
                let result = try run.train(network, on: single, validation: held, options: options)
                networks.append(try scaling.restoringUnits(result.model))
                if let last = result.history.last, let loss = last.trainingLoss.first { finalLoss[name] = scaling.inUnits(loss, of: name) }
            }
        }
        let validationRows = validationIndices.map { prepared.train.rows[$0] }
        let model = ModelValue(
            mode: mode, networks: networks, tableName: split.tableName, split: split, validationRows: validationRows, finalLoss: finalLoss,
            calibratedLambda: nil)
        let name = invocation[TrainOptions.name] ?? mode.rawValue
        try context.workspace.store(model, as: name)

        var line = "trained \(name): \(model.describeMode)"
        if let ranges = conditioning?.ranges {
            let texts = ranges.map { "U[\(NumberFormat.compact($0.low)), \(NumberFormat.compact($0.high))]" }
            line += Set(texts).count == 1 ? ", λ ~ \(texts[0]) for every task" : ", λ ~ " + zip(names, texts).map { "\($0) \($1)" }.joined(separator: ", ")
            if invocation[TrainOptions.logUniform] { line += " (log-uniform)" }
        }
        if let weights = options.taskWeights {
            line += ", weights " + names.map { "\($0) \(NumberFormat.compact(weights[$0] ?? 1))" }.joined(separator: ", ")
        } else if mode == .plain {
            line += ", weight 1 for every task"
        }
        let hidden = architecture.hidden.map(String.init).joined(separator: ",")
        line += "; hidden \(hidden); \(model.epochs) epoch\(model.epochs == 1 ? "" : "s")"
        if let stopping = options.earlyStopping, !invocation.isGiven(TrainOptions.patience) {
            let kept = networks.first?.provenance?.keptEpoch ?? model.epochs
            let stopped = model.epochs < options.epochs
                ? "stopped after \(stopping.patience) without a better validation loss, weights of epoch \(kept)"
                : "weights of epoch \(kept), the best on validation"
            line += " (at most \(options.epochs), chosen from the data size; \(stopped))"
        }
        line += " on \(NumberFormat.grouped(data.rows)) rows"
        if !validationRows.isEmpty {
            line += " (\(NumberFormat.grouped(validationRows.count)) held out\(mode == .mtl ? " for 'lambda sweep'" : " for validation"))"
        }
        line += "; final loss " + names.map { "\($0) \(context.format(finalLoss[$0] ?? .nan))" }.joined(separator: " · ")
        if !context.environment.isPinned {
            let elapsed = clock.now - start
            line += String(format: " (%.1f s)", Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        context.print(line)
        if !validationIndices.isEmpty {
            let held = all.selecting(rows: validationIndices)
            let lambda = conditioning.map { conditioning in
                Dictionary(uniqueKeysWithValues: zip(names, conditioning.ranges.map { ($0.low + $0.high) / 2 }))
            }
            var values: [[Double]] = []
            for network in networks {
                values += try network.predict(held.features, lambda: network.isConditioned ? lambda : nil).values
            }
            let tasks = specs.enumerated().map { t, spec in
                PredictionsValue.Task(name: spec.name, isBinary: spec.kind == .binaryClassification, values: values[t], labels: held.labels[spec.name] ?? [])
            }
            let scope = "held-out validation rows" + (lambda == nil ? "" : " (at the middle of the λ ranges)")
            for warning in PredictionQuality.warnings(tasks: tasks, testRows: [], scope: scope) { context.print(warning) }
        }
    }
}

/// Parsing and row choices of the model commands.
enum TrainingSupport {
    /// `LOW:HIGH` items: one per task, or one for every task.
    static func lambdaRanges(_ items: [String], tasks: [String], logUniform: Bool) throws -> [LambdaRange] {
        guard items.count == 1 || items.count == tasks.count else {
            throw CommandError.failed(
                message: "--lambda-range has \(items.count) ranges for \(tasks.count) tasks (\(tasks.joined(separator: ", "))); give one LOW:HIGH per task, or one for all")
        }
        var ranges: [LambdaRange] = []
        for item in items {
            let parts = item.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, let low = Double(parts[0]), let high = Double(parts[1]), low.isFinite, high.isFinite, low >= 0, low <= high,
                !logUniform || low > 0
            else {
                throw CommandError.invalidValue(
                    subject: "--lambda-range", value: item,
                    allowed: "LOW:HIGH with 0 \(logUniform ? "<" : "≤") LOW ≤ HIGH, e.g. 0.1:1", suggestions: [])
            }
            ranges.append(LambdaRange(low, high, logUniform ? .logUniform : .uniform))
        }
        return items.count == 1 ? Array(repeating: ranges[0], count: tasks.count) : ranges
    }

    /// Mini-batch steps the default number of epochs aims at.
    static let targetSteps = 4_000
    /// Epochs without a better validation loss before default training stops.
    static let defaultPatience = 20

    /// The default number of epochs: about `targetSteps` mini-batch steps, clamped to 30…500
    /// (30 was the fixed default, which left small data sets untrained: ~90 steps on 1,000 rows);
    /// early stopping ends it sooner.
    static func defaultEpochs(rows: Int, batch: Int) -> Int {
        let stepsPerEpoch = max(1, (rows + batch - 1) / batch)
        return min(500, max(30, (targetSteps + stepsPerEpoch - 1) / stepsPerEpoch))
    }

    /// The default validation share without --epochs: 0.1, raised so that it holds about 100
    /// rows (at most 0.25). On 40 validation rows the best epoch is chosen by noise (measured on
    /// 1,000 COMPAS rows: test AUC 0.68–0.73 with 40 rows, 0.70–0.76 with 100, 0.73–0.75 at 30 epochs).
    static func defaultValidationShare(rows: Int) -> Double {
        guard rows > 0 else { return 0.1 }
        return min(0.25, max(0.1, 100 / Double(rows)))
    }

    /// A seeded choice of `round(fraction · rows)` rows to hold out (sorted), and the rest.
    static func holdOut(fraction: Double, rows: Int, seed: UInt64) throws -> (kept: [Int], heldOut: [Int]) {
        guard fraction > 0 else { return (Array(0..<rows), []) }
        let count = Int((fraction * Double(rows)).rounded())
        guard count >= 1, count < rows else {
            throw CommandError.failed(
                message: "--validation \(NumberFormat.compact(fraction)) of \(rows) training rows leaves an empty part: use another share, or --validation 0")
        }
        var generator = SeededGenerator(seed: seed, purpose: "repl validation rows")
        var order = Array(0..<rows)
        for i in 0..<count { order.swapAt(i, i + generator.nextInt(below: rows - i)) }
        let held = Set(order[0..<count])
        return ((0..<rows).filter { !held.contains($0) }, order[0..<count].sorted())
    }
}

/// Standardisation of regression labels for training: each regression task's labels become
/// `(y − mean) / sd` (mean and population SD of its non-missing labels on the rows trained on;
/// sd 1 when they are constant), and the trained head is rescaled to give `sd · h + mean`, so
/// the model predicts in the labels' own units. Binary labels are left as they are.
struct TargetScaling {
    var meanAndSD: [String: (mean: Double, sd: Double)] = [:]

    init(data: TrainingData, regressionTasks: [String]) {
        for task in regressionTasks {
            let present = (data.labels[task] ?? []).filter { !$0.isNaN }
            guard !present.isEmpty else { continue }
            let mean = present.reduce(0, +) / Double(present.count)
            let variance = present.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(present.count)
            let sd = variance.squareRoot()
            meanAndSD[task] = (mean, sd.isFinite && sd > 0 ? sd : 1)
        }
    }

    func standardising(_ data: TrainingData) throws -> TrainingData {
        var labels = data.labels
        for (task, (mean, sd)) in meanAndSD { labels[task] = labels[task]?.map { ($0 - mean) / sd } }
        return try TrainingData(features: data.features, labels: labels)
    }

    /// The network with its regression heads giving the labels' units.
    func restoringUnits(_ network: MultiTaskNetwork) throws -> MultiTaskNetwork {
        var result = network
        for task in network.architecture.taskNames {
            if let (mean, sd) = meanAndSD[task] { result = try result.rescalingHead(of: task, scale: sd, shift: mean) }
        }
        return result
    }

    /// A squared-error loss on standardised labels, in the labels' units (× sd²).
    func inUnits(_ loss: Double, of task: String) -> Double {
        guard let (_, sd) = meanAndSD[task] else { return loss }
        return loss * sd * sd
    }
}

/// The argument and options of `train`.
private enum TrainOptions {
    static let mode = CommandArgument<ModelValue.Mode>(
        "mode", ModelValue.Mode.kind,
        summary: "mtl (YOTO), plain (fixed weights) or stl (one network per task)")
    static let hidden = CommandOption<[Int]>(
        "hidden", .list(.integer(min: 1, max: 4096)), summary: "widths of the hidden layers",
        default: [64, 32])
    static let epochs = CommandOption<Int?>(
        "epochs", .integer(min: 1, max: 10_000),
        summary:
            "passes over the training rows (default: chosen from the data size, with early stopping)"
    )
    static let batch = CommandOption<Int>(
        "batch", .integer(min: 1, max: 1_000_000), summary: "rows per mini-batch", default: 128)
    static let learningRate = CommandOption<Double>(
        "lr", .real(min: 0), summary: "Adam learning rate", default: 0.001)
    static let dropout = CommandOption<Double>(
        "dropout", .real(min: 0, max: 0.95), summary: "dropout probability of the hidden layers",
        default: 0)
    static let weightDecay = CommandOption<Double>(
        "weight-decay", .real(min: 0), summary: "decoupled weight decay (AdamW)", default: 0)
    static let lambdaRange = CommandOption<[String]>(
        "lambda-range", .list(.text), summary: "mtl: LOW:HIGH per task, or one for all",
        default: ["0.1:1"])
    static let logUniform = CommandOption.flag(
        "log-uniform", summary: "mtl: draw log λ uniformly instead of λ")
    static let film = CommandOption<FiLMChoice>(
        "film", FiLMChoice.kind,
        summary: "mtl: FiLM per unit, or one scale and shift per layer (the paper's code)",
        default: .perUnit)
    static let weights = CommandOption<[Double]?>(
        "weights", .list(.real(min: 0)),
        summary: "plain: fixed task weights, in task order (default 1 each)")
    static let validation = CommandOption<Double?>(
        "validation", .real(min: 0, max: 0.5),
        summary: "share of the training rows held out for 'lambda sweep' and early stopping "
            + "(default 0.1; without --epochs, enough for 100 rows, at most 0.25)")
    static let patience = CommandOption<Int?>(
        "patience", .integer(min: 1),
        summary: "stop after this many epochs without a better validation loss")
    static let seed = CommandOption<Int?>(
        "seed", .integer(min: 0),
        summary: "seed of the weights, batches, dropout and λ draws (default: the session seed)")
    static let threads = CommandOption<Int>(
        "threads", .integer(min: 1, max: 64),
        summary: "threads per mini-batch step (other threads give other bits)", default: 1)
    static let split = CommandOption<String?>(
        "split", .name(.workspaceNames(of: .split)), summary: "the split (default: the current one)"
    )
    static let name = CommandOption<String?>(
        "as", .text, summary: "name of the model (default: the mode)")
}

extension ModelValue.Mode: ChoiceValue {}

/// `--film` of `train` and `reproduce compas`: how λ conditions the hidden layers.
enum FiLMChoice: String, ChoiceValue {
    case perUnit = "per-unit"
    case scalar

    init(_ mode: Conditioning.Mode) { self = mode == .scalar ? .scalar : .perUnit }

    var mode: Conditioning.Mode { self == .scalar ? .scalar : .perUnit }
}
