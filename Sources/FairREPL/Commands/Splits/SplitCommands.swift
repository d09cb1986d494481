import FairCore
import FairData
import FairPlot

extension CommandSpec {
    /// `split`: train / calibration pool / test.
    static let split = CommandSpec(
        "split", group: .splits, summary: "split the table into train, an unlabeled calibration pool, and test",
        discussion: """
            --test is the share of all rows held out for testing; --pool the share of the remaining rows kept, \
            without their labels, to calibrate the barycenter repair (the paper's Remark 2: the repair must not be \
            fitted on the rows that trained the model). --stratify keeps each group's share in every part. \
            The feature encoder is fitted on the training rows. Adult has an official test file, used unless \
            --random-test is given.
            Imported predictions (any model's, see 'import predictions') are split into an unlabeled calibration \
            pool and test rows: --test is then the share of test rows (default \(NumberFormat.compact(SplitOptions.predictionsTestShare))) and the rest is the pool, \
            always stratified by group and seeded. This happens with --predictions NAME, or when the workspace \
            has predictions and no table. Predictions that already have parts (a model's, or imported with \
            --part-column) are not split again.
            """,
        options: [
            SplitOptions.test, SplitOptions.pool, SplitOptions.seed, SplitOptions.stratify,
            SplitOptions.randomTest, SplitOptions.unseen, SplitOptions.table,
            SplitOptions.predictions,
            SplitOptions.name
        ],
        examples: ["split", "split --test 0.2 --pool 0.5 --seed 7 --stratify", "split --predictions preds --test 0.5"],
        lesson: "Lessons/01-strong-demographic-parity.md"
    ) { context in
        let invocation = context.invocation
        let hasTable = context.workspace.current(TableValue.self) != nil
        if let name = invocation[SplitOptions.predictions]
            ?? (hasTable ? nil : context.workspace.currentName(of: .predictions))
        {
            try PredictionSplit.run(name, context: &context)
            return
        }
        guard hasTable else {
            throw CommandError.missingPrerequisite(command: "split", what: "a table or imported predictions", remedy: "load NAME|FILE' or 'import predictions FILE")
        }
        let tableName =
            invocation[SplitOptions.table] ?? context.workspace.currentName(of: .table) ?? ""
        let table = try DataCommandSupport.table(named: tableName, in: context.workspace)
        let dataset = table.dataset
        let seed = invocation[SplitOptions.seed].map { UInt64($0) } ?? context.settings.seed
        let options = PreparationOptions(
            seed: seed, testFraction: invocation[SplitOptions.test] ?? SplitOptions.tableTestShare,
            poolFraction: invocation[SplitOptions.pool],
            stratifiesByGroup: invocation[SplitOptions.stratify],
            usesOfficialSplit: !invocation[SplitOptions.randomTest],
            missingLabelFractions: dataset.defaultMissingLabelFractions,
            unseenCategories: invocation[SplitOptions.unseen] == .ignore ? .ignore : .error)
        let prepared: PreparedData
        do {
            prepared = try dataset.prepare(options)
        } catch let FairDataError.unseenCategory(column, label, row, _) {
            throw CommandError.failed(
                message: "column '\(column)': category '\(label)' (\(CSVInput.dataRow(row))) is not in any training row, so the encoder cannot "
                    + "represent it: split with another --seed, with --stratify, or with --unseen ignore (all-zero one-hot)")
        }
        let value = SplitValue(
            tableName: tableName, seed: seed, testFraction: options.testFraction, poolFraction: options.poolFraction,
            stratifiesByGroup: options.stratifiesByGroup, usesOfficialSplit: options.usesOfficialSplit,
            missingLabelFractions: dataset.defaultMissingLabelFractions, unseenCategories: options.unseenCategories,
            split: prepared.split)
        let name = invocation[SplitOptions.name]
        try context.workspace.store(value, as: name)
        let official = dataset.officialSplit != nil && options.usesOfficialSplit ? "; official test file" : ""
        context.print(
            "split \(tableName) (seed \(seed)\(options.stratifiesByGroup ? ", stratified" : "")\(official)); features fitted on the training rows: \(prepared.encoder.width)")
        let groups = dataset.groups
        var rows: [[ResultTable.Cell]] = []
        for (part, members) in [("train", prepared.split.train), ("pool", prepared.split.pool), ("test", prepared.split.test)] {
            var counts = [Int](repeating: 0, count: groups.names.count)
            for row in members { counts[Int(groups.codes[row])] += 1 }
            rows.append([.text(part), .integer(members.count)] + SplitTableLayout.groupCells(counts))
        }
        context.print(table: ResultTable(columns: SplitTableLayout.columns(groups.names), rows: rows))
    }

    /// `mask TASK FRACTION`: removes a share of one task's training labels.
    static let mask = CommandSpec(
        "mask", group: .splits, summary: "remove a fraction of one task's training labels (label scarcity)",
        discussion: """
            Each training row loses its label of TASK with probability FRACTION (seeded by the split's seed, so the \
            rows masked at a smaller fraction are among those masked at a larger one). The multi-task loss skips \
            missing labels. Test labels are kept; pool labels are never used. 'mask TASK 0' removes the mask.
            """,
        arguments: [MaskOptions.task, MaskOptions.fraction],
        options: [MaskOptions.split],
        examples: ["mask y_regression 0.75"],
        prerequisites: [.value(.split, runFirst: "split")]
    ) { context in
        let name =
            context.invocation[MaskOptions.split] ?? context.workspace.currentName(of: .split) ?? ""
        guard var value = context.workspace.value(SplitValue.self, named: name) else {
            throw CommandError.failed(message: "there is no split named '\(name)': run 'split' first")
        }
        let task = context.invocation[MaskOptions.task]
        let fraction = context.invocation[MaskOptions.fraction]
        let mask = try LabelMask(task: task, missingProbability: fraction, seed: value.seed)
        value.missingLabelFractions[task] = fraction
        try context.workspace.store(value, as: name)
        let train = value.split.train
        let removed = train.reduce(0) { $0 + (mask.isMasked(row: $1) ? 1 : 0) }
        if fraction == 0 {
            context.print("\(task): every training label is kept")
        } else {
            context.print(
                "masked \(task): \(NumberFormat.grouped(removed)) of \(NumberFormat.grouped(train.count)) training labels removed (\(NumberFormat.compact(100 * mask.maskedFraction(of: train), digits: 3))%, p = \(NumberFormat.compact(fraction, digits: 3)), seed \(value.seed))")
        }
    }
}

/// `split` on imported predictions: pool and test rows, stratified by group, seeded.
enum PredictionSplit {
    static func run(_ name: String, context: inout CommandContext) throws {
        let invocation = context.invocation
        guard var predictions = context.workspace.value(PredictionsValue.self, named: name) else {
            let known = context.workspace.names(of: .predictions)
            throw CommandError.unknownName(
                noun: "predictions", name: name, suggestions: EditDistance.suggestions(for: name, among: known), known: known)
        }
        let tableOnly: [any DeclaredOption] = [
            SplitOptions.pool, SplitOptions.randomTest, SplitOptions.unseen, SplitOptions.table,
            SplitOptions.name
        ]
        for option in tableOnly where invocation.isGiven(option) {
            throw CommandError.failed(
                message:
                    "\(option.spec.spelling) is for splitting a table; predictions are split into pool and test rows only (--test, --seed)"
            )
        }
        if predictions.hasParts {
            throw CommandError.failed(
                message: "\(name) already has parts (\(predictions.source)), and rows a model was trained on must not calibrate the repair: "
                    + "use its parts as they are (fit --on pool, apply --to test)")
        }
        let seed = invocation[SplitOptions.seed].map { UInt64($0) } ?? context.settings.seed
        let testFraction = invocation[SplitOptions.test] ?? SplitOptions.predictionsTestShare
        // DataSplit's "train" rows are the rows left after the test rows: here, the pool.
        let split = try DataSplit.random(
            rowCount: predictions.rowCount, testFraction: testFraction, poolFraction: 0, seed: seed, stratifiedBy: predictions.groups)
        guard !split.test.isEmpty, !split.train.isEmpty else {
            throw CommandError.failed(
                message: "--test \(NumberFormat.compact(testFraction)) of \(predictions.rowCount) rows leaves an empty part: choose a share that keeps rows in both pool and test")
        }
        var parts = [PredictionPart](repeating: .unassigned, count: predictions.rowCount)
        for row in split.train { parts[row] = .pool }
        for row in split.test { parts[row] = .test }
        predictions.parts = parts
        try context.workspace.store(predictions, as: name)
        context.print("split \(name) (seed \(seed), stratified by group) into an unlabeled calibration pool and test rows")
        let groups = predictions.groups
        var rows: [[ResultTable.Cell]] = []
        for (part, members) in [("pool", split.train), ("test", split.test)] {
            var counts = [Int](repeating: 0, count: groups.names.count)
            for row in members { counts[Int(groups.codes[row])] += 1 }
            rows.append([.text(part), .integer(members.count)] + SplitTableLayout.groupCells(counts))
        }
        context.print(table: ResultTable(columns: SplitTableLayout.columns(groups.names), rows: rows))
    }
}

/// The columns of a split's table: part, rows, then one column per group (the first
/// `maxGroups`, then one column counting the rest, so 10,000 groups stay readable).
enum SplitTableLayout {
    static let maxGroups = 12

    static func columns(_ names: [String]) -> [ResultTable.Column] {
        var columns = [ResultTable.Column("part"), ResultTable.Column("rows", rightAligned: true)]
        columns += names.prefix(maxGroups).map { ResultTable.Column($0, rightAligned: true) }
        if names.count > maxGroups {
            columns.append(ResultTable.Column("\(NumberFormat.grouped(names.count - maxGroups)) other groups", rightAligned: true))
        }
        return columns
    }

    static func groupCells(_ counts: [Int]) -> [ResultTable.Cell] {
        var cells = counts.prefix(maxGroups).map { ResultTable.Cell.integer($0) }
        if counts.count > maxGroups { cells.append(.integer(counts.dropFirst(maxGroups).reduce(0, +))) }
        return cells
    }
}

extension ValueSource {
    /// The tasks of the table the current split belongs to.
    static let splitTasks = ValueSource(noun: "task") { context in
        guard let split = context.workspace.current(SplitValue.self)?.value,
            let table = context.workspace.value(TableValue.self, named: split.tableName)
        else { return context.workspace.current(TableValue.self)?.value.dataset.tasks.map(\.name) ?? [] }
        return table.dataset.tasks.map(\.name)
    }
}

extension CommandRegistry {
    /// `split`, `mask` and the split kind.
    public mutating func registerSplitCommands() {
        register(valueType: SplitValue.self)
        register(.split)
        register(.mask)
    }
}

/// The options of `split`.
private enum SplitOptions {
    /// The default `--test` of a table, and of imported predictions (then the rest is the pool).
    static let tableTestShare = 0.2
    static let predictionsTestShare = 0.5

    enum Unseen: String, ChoiceValue {
        case error, ignore
    }

    static let test = CommandOption<Double?>(
        "test", .real(min: 0, max: 0.95),
        summary:
            "share of all rows held out for testing (default \(NumberFormat.compact(tableTestShare)); "
            + "for predictions \(NumberFormat.compact(predictionsTestShare)))")
    static let pool = CommandOption<Double>(
        "pool", .real(min: 0, max: 0.95),
        summary: "share of the other rows kept unlabeled for calibration",
        default: 0.5)
    static let seed = CommandOption<Int?>(
        "seed", .integer(min: 0),
        summary: "seed of the split and the label masks (default: the session seed)")
    static let stratify = CommandOption.flag(
        "stratify", summary: "keep each group's share in every part")
    static let randomTest = CommandOption.flag(
        "random-test", summary: "draw the test rows even when the dataset has an official test file"
    )
    static let unseen = CommandOption<Unseen>(
        "unseen", Unseen.kind, summary: "a category that only appears outside the training rows",
        default: .error)
    static let table = CommandOption<String?>(
        "table", .name(.workspaceNames(of: .table)),
        summary: "the table to split (default: the current one)")
    static let predictions = CommandOption<String?>(
        "predictions", .name(.workspaceNames(of: .predictions)),
        summary: "imported predictions to split into pool and test")
    static let name = CommandOption<String>(
        "as", .text, summary: "name of the split", default: "split")
}

/// The arguments and option of `mask`.
private enum MaskOptions {
    static let task = CommandArgument<String>(
        "task", .name(.splitTasks), summary: "the task whose labels are removed")
    static let fraction = CommandArgument<Double>(
        "fraction", .unitInterval, summary: "probability that a training label is removed")
    static let split = CommandOption<String?>(
        "split", .name(.workspaceNames(of: .split)), summary: "the split (default: the current one)"
    )
}
