import FairCore
import FairPlot

extension CommandSpec {
    /// `fit barycenter`: fits the Wasserstein-barycenter repair of each task on a calibration set.
    static let fitBarycenter = CommandSpec(
        "fit barycenter", group: .repair,
        summary: "fit the Wasserstein-barycenter repair of each task on the calibration pool",
        discussion: """
            For each task, the repair learns every group's quantile function from the calibration rows and maps a \
            score of group s to Σ_s' π_s' Q_s'(F_s(score)): the π-weighted barycenter of the group laws, so that the \
            repaired scores have the same law in every group (strong demographic parity). The sum is added left to \
            right over the groups in name order and kept between its smallest and largest term (README, \
            "Conventions"). Fit it on rows the model \
            was not trained on (--on pool, the default after 'split'; --on train warns, as the paper's Remark 2 \
            explains); labels are not used.
            --jitter U adds U(-U, U) noise keyed by the row ID (needed when scores have ties, e.g. a coarse \
            classifier); --split-halves estimates the CDFs and the quantiles on two halves of the pool; --weights \
            replaces the pool frequencies π; --convention B uses mid-ranks with Hazen quantiles; --clip keeps \
            outputs in a range (e.g. 0,1 for probabilities). The fit records the predictions' lambda, and 'apply' \
            refuses predictions made at another one.
            Several sensitive attributes (data loaded with --group A,B): --mode intersectional (the default) repairs \
            once over the cells A × B, exactly as a one-column repair on the merged column, so every cell and hence \
            every attribute ends with the same law; a cell below --min-group is refused, with every cell's count, \
            unless --merge-small merges the small cells into one group. --mode sequential repairs on A, then on B \
            within A's output (EquiPy's sequential fairness): the last attribute ends fair, the earlier ones and \
            the cells only approximately; use --jitter (each stage draws its own noise), and give --eps at fit \
            time (one, or one per stage: each stage is fitted on the previous stage's output at its ε). --group \
            chooses the attributes and their order; 'compare orders' tries every order.
            --from-quantiles FILE fits the repair from per-group quantile summaries computed by an engine (columns \
            group, count, level, value, rank_error; 'export quantile-sql' prints the queries) instead of from \
            predictions: the counts give the weights, each group's K quantiles its sample; 'verify ks' then shows \
            how much the summaries' rank errors may add to the KS (README, "At scale").
            """,
        options: [
            FitOptions.task, FitOptions.rows, FitOptions.jitter, FitOptions.splitHalves,
            FitOptions.weights, FitOptions.convention, FitOptions.outOfRange, FitOptions.clip,
            FitOptions.seed, FitOptions.minimumGroup, FitOptions.lambda, FitOptions.group,
            FitOptions.mode, FitOptions.mergeSmall, FitOptions.epsilon, FitOptions.predictions,
            FitOptions.name, FitOptions.fromQuantiles
        ],
        examples: [
            "fit barycenter", "fit barycenter --task y --on pool --jitter 0.001", "fit barycenter --weights A=0.5,B=0.5",
            "fit barycenter --group race_group,sex --mode sequential --jitter 1e-6",
            "fit barycenter --from-quantiles summary.csv",
        ],
        lesson: "Lessons/01-strong-demographic-parity.md"
    ) { context in
        let invocation = context.invocation
        if let file = invocation[FitOptions.fromQuantiles] {
            try QuantileFitSupport.fit(&context, file: file)
            return
        }
        // Checked here rather than as a prerequisite: --from-quantiles needs no predictions.
        if let missing = [Prerequisite.predictions].first(where: { !$0.isSatisfied(context.workspace) }) {
            throw CommandError.missingPrerequisite(
                command: "fit barycenter", what: missing.what, remedy: missing.remedy)
        }
        let (predictionsName, predictions) = try RepairCommandSupport.predictions(
            named: invocation[FitOptions.predictions], in: context.workspace)
        let selection = invocation[FitOptions.rows] ?? (predictions.hasParts ? "pool" : "all")
        let rows = predictions.rows(in: selection)
        guard !rows.isEmpty else {
            throw CommandError.failed(
                message: predictions.hasParts
                    ? "\(predictionsName) has no \(selection) rows: split with --pool (e.g. split --pool 0.5), or fit --on all"
                    : "\(predictionsName) has no parts (no split when they were made): 'split --predictions \(predictionsName)' draws pool and test rows, or fit --on all")
        }
        if let wanted = invocation[FitOptions.lambda], wanted != predictions.lambda {
            let have = predictions.lambda.map(PredictionsValue.describe) ?? "no lambda (imported without --lambda)"
            throw CommandError.failed(
                message: "\(predictionsName) were made at \(have), not at λ = \(PredictionsValue.describe(wanted)): predict at that lambda first, or drop --lambda")
        }
        let taskNames = invocation[FitOptions.task] ?? predictions.taskNames
        var options = RepairOptions(
            jitterHalfWidth: invocation[FitOptions.jitter],
            seed: invocation[FitOptions.seed].map { UInt64($0) } ?? context.settings.seed,
            convention: invocation[FitOptions.convention].convention,
            outOfRange: invocation[FitOptions.outOfRange].policy,
            splitCalibration: invocation[FitOptions.splitHalves],
            minimumGroupSize: invocation[FitOptions.minimumGroup])
        if let clip = invocation[FitOptions.clip] {
            guard clip.count == 2 else {
                throw CommandError.invalidValue(subject: "--clip", value: clip.map { "\($0)" }.joined(separator: ","), allowed: "two numbers LOW,HIGH", suggestions: [])
            }
            options.outputRange = try OutputRange(lower: clip[0], upper: clip[1])
        }
        if MultiAttributeFitSupport.applies(invocation, predictions: predictions) {
            let value = try MultiAttributeFitSupport.fit(
                &context, predictions: predictions, predictionsName: predictionsName, rows: rows, selection: selection,
                taskNames: taskNames, options: options)
            let name = invocation[FitOptions.name]
            try context.workspace.store(value, as: name)
            let lambdaText = predictions.lambda.map { "; λ = " + PredictionsValue.describe($0) } ?? ""
            context.print("fitted \(name) on \(NumberFormat.grouped(rows.count)) \(selection) rows of \(predictionsName)\(lambdaText) (\(RepairValue.describe(options))); \(value.multi.map(MultiAttributeFitSupport.describe) ?? "")")
            if let table = value.exportTable { context.print(table: table) }
            for warning in value.warnings { context.print(warning) }
            return
        }
        if invocation.isGiven(FitOptions.epsilon) {
            throw CommandError.failed(message: "--eps at fit time is for repairs over several attributes; for one group column, give it to 'apply --eps'")
        }
        let weights = try RepairCommandSupport.weights(
            invocation[FitOptions.weights], groups: predictions.groups.names)
        let groups = try GroupColumn(codes: rows.map { predictions.groups.codes[$0] }, names: predictions.groups.names)
        let poolGroups = try RepairCommandSupport.droppingEmptyGroups(groups)
        let rowIDs = rows.map { predictions.rowIDs[$0] }
        var repairs: [BarycenterRepair] = []
        for name in taskNames {
            try context.checkCancellation("before task \(name)")
            let task = try predictions.task(named: name)
            let scores = rows.map { task.values[$0] }
            repairs.append(try BarycenterRepair.fit(
                scores: scores, groups: poolGroups, rowIDs: rowIDs, taskName: name, weights: weights, options: options))
        }
        if let lambda = predictions.lambda { _ = try MultiTaskRepair(repairs: repairs, lambda: lambda) }
        let value = RepairValue(
            repairs: repairs.sorted { $0.taskName < $1.taskName }, lambda: predictions.lambda, predictionsName: predictionsName,
            selection: selection, rowCount: rows.count, calibrationRowIDs: rowIDs.sorted(),
            trainingRowCount: rows.filter { predictions.parts[$0] == .train }.count, tableName: predictions.tableName,
            predictionsSource: predictions.source)
        let name = invocation[FitOptions.name]
        try context.workspace.store(value, as: name)
        let lambdaText = predictions.lambda.map { "; λ = " + PredictionsValue.describe($0) } ?? ""
        context.print("fitted \(name) on \(NumberFormat.grouped(rows.count)) \(selection) rows of \(predictionsName)\(lambdaText) (\(RepairValue.describe(options)))")
        if let table = value.exportTable { context.print(table: table) }
        for repair in value.repairs {
            for warning in repair.fitReport.warnings { context.print("warning (\(repair.taskName)): \(warning)") }
        }
        if let warning = value.trainingWarning(name: name) { context.print(warning) }
    }
}

/// Shared steps of the repair commands.
enum RepairCommandSupport {
    /// The predictions named `name`, or the current ones.
    static func predictions(named name: String?, in workspace: Workspace) throws -> (String, PredictionsValue) {
        if let name {
            guard let value = workspace.value(PredictionsValue.self, named: name) else {
                let known = workspace.names(of: .predictions)
                throw CommandError.unknownName(
                    noun: "predictions", name: name, suggestions: EditDistance.suggestions(for: name, among: known), known: known)
            }
            return (name, value)
        }
        guard let current = workspace.current(PredictionsValue.self) else {
            throw CommandError.failed(message: "there are no predictions: run 'predict', 'import scores COL' or 'import predictions FILE' first")
        }
        return current
    }

    /// `GROUP=W` items as a weight per group; nil when none are given.
    static func weights(_ items: [String]?, groups: [String]) throws -> [String: Double]? {
        guard let items else { return nil }
        var weights: [String: Double] = [:]
        for item in items {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let weight = Double(parts[1]), weight.isFinite else {
                throw CommandError.invalidValue(
                    subject: "--weights", value: item, allowed: "GROUP=WEIGHT items, e.g. \(groups.map { "\($0)=0.5" }.prefix(2).joined(separator: ","))",
                    suggestions: [])
            }
            guard groups.contains(parts[0]) else {
                throw CommandError.unknownName(
                    noun: "group", name: parts[0], suggestions: EditDistance.suggestions(for: parts[0], among: groups), known: groups)
            }
            weights[parts[0]] = weight
        }
        return weights
    }

    /// The column with only the groups that have rows (a split part may lack a small group).
    static func droppingEmptyGroups(_ groups: GroupColumn) throws -> GroupColumn {
        let counts = groups.counts()
        guard counts.contains(0) else { return groups }
        var remap = [Int32](repeating: -1, count: counts.count)
        var names: [String] = []
        for (g, count) in counts.enumerated() where count > 0 {
            remap[g] = Int32(names.count)
            names.append(groups.names[g])
        }
        return try GroupColumn(codes: groups.codes.map { remap[Int($0)] }, names: names)
    }

    /// The rows of `rows` as a group column with all of the original names.
    static func subset(_ groups: GroupColumn, rows: [Int]) throws -> GroupColumn {
        try GroupColumn(codes: rows.map { groups.codes[$0] }, names: groups.names)
    }
}

/// The options of `fit barycenter` (also read by `MultiAttributeFitSupport`).
enum FitOptions {
    /// `--convention`: how CDFs and quantiles are estimated.
    enum Convention: String, ChoiceValue {
        case a = "A"
        case b = "B"

        var convention: RepairConvention { self == .b ? .midRankHazen : .generalizedInverse }
    }

    /// `--out-of-range`: scores outside a group's calibration range.
    enum OutOfRange: String, ChoiceValue {
        case clamp
        case tailShift = "tail-shift"

        var policy: OutOfRangePolicy { self == .tailShift ? .tailShift : .clamp }
    }

    static let task = CommandOption<[String]?>(
        "task", .list(.name(.predictionTasks)), summary: "the tasks to repair (default: all)")
    static let rows = CommandOption<String?>(
        "on", .choice(PredictionPart.choices),
        summary: "the calibration rows (default: pool, or all without a split)")
    static let jitter = CommandOption<Double>(
        "jitter", .real(min: 0), summary: "jitter half-width u (0: none)", default: 0)
    static let splitHalves = CommandOption.flag(
        "split-halves", summary: "estimate CDFs and quantiles on two halves of the pool")
    static let weights = CommandOption<[String]?>(
        "weights", .list(.text),
        summary: "barycenter weights GROUP=W,… (default: pool frequencies)",
        completion: .source(.predictionGroups))
    static let convention = CommandOption<Convention>(
        "convention", Convention.kind,
        summary: "A: ECDF and generalized inverse; B: mid-rank and Hazen", default: .a)
    static let outOfRange = CommandOption<OutOfRange>(
        "out-of-range", OutOfRange.kind, summary: "scores outside a group's calibration range",
        default: .clamp)
    static let clip = CommandOption<[Double]?>(
        "clip", .list(.real()), summary: "keep outputs in LOW,HIGH (e.g. 0,1)")
    static let seed = CommandOption<Int?>(
        "seed", .integer(min: 0),
        summary: "seed of the jitter and the halves (default: the session seed)")
    static let minimumGroup = CommandOption<Int>(
        "min-group", .integer(min: 1), summary: "fewest calibration rows a group may have",
        default: 10)
    static let lambda = CommandOption<[Double]?>(
        "lambda", .list(.real(min: 0)),
        summary: "the lambda you mean to repair at (checked against the predictions')")
    static let group = CommandOption<[String]?>(
        "group", .list(.text),
        summary: "several attributes: which, in order (default: all of the data's)",
        completion: .source(.predictionAttributes))
    static let mode = CommandOption<MultiAttributeMode>(
        "mode", MultiAttributeMode.kind,
        summary: "several attributes: one repair over the cells, or one per attribute",
        default: .intersectional)
    static let mergeSmall = CommandOption.flag(
        "merge-small", summary: "several attributes: merge cells below --min-group into one group")
    static let epsilon = CommandOption<[Double]?>(
        "eps", .list(.unitInterval),
        summary: "several attributes: ε of every stage, or one per stage")
    static let predictions = CommandOption<String?>(
        "predictions", .name(.workspaceNames(of: .predictions)),
        summary: "the predictions (default: the current ones)")
    static let name = CommandOption<String>(
        "as", .text, summary: "name of the repair", default: "bary")
    static let fromQuantiles = CommandOption<String?>(
        "from-quantiles", .path(.existingFile(extensions: ["csv"])),
        summary: "fit from per-group quantile summaries (CSV)")
}

extension MultiAttributeMode: ChoiceValue {}
