import FairCore
import FairData
import FairNet
import FairReplication
import Foundation

extension CommandRegistry {
    /// `reproduce compas` and `reproduce scarcity`: the paper's experiments (FairReplication).
    public mutating func registerReplicationCommands() {
        register(.reproduceCompas)
        register(.reproduceScarcity)
    }
}

extension CommandSpec {
    /// `reproduce compas`: the paper's Table 2 on the real COMPAS file.
    static let reproduceCompas = CommandSpec(
        "reproduce compas", group: .replication, summary: "the paper's Table 2 on COMPAS: MTL vs STL, before and after repair, mean ± SD over seeds",
        discussion: """
            Runs the paper's COMPAS protocol (EXPERIMENTS.md §2) per seed: an 80/20 split with an unlabeled calibration pool \
            (20% of the non-test rows), a YOTO multi-task network [24, 24, 24] (λ_t ~ U(0.25, 6) per row, 75 epochs, predicted \
            at λ = (1, 6)) and two single-task networks (50 epochs), the barycenter repair of each task calibrated on the pool \
            (pp(pool), the paper's Remark 2) and on the training predictions (pp(train), what the paper's code did). \
            It prints Table 2's layout (mean ± SD over seeds) beside the paper's numbers, the task-2 AUC against its own labels \
            and against task-1 labels (the code's mix-up, D6), every KS with its noise floor, bootstrap interval and p-value, \
            the joint diagnostic per group (Spearman ρ between the two tasks' scores; share above both pooled medians), \
            and a reading computed from the numbers. The seeds are the paper's split seeds (used as identifiers: the splits \
            are equivalent in kind, not the same rows); each seed's numbers are the same on every run. --out DIR writes \
            compas-runs.csv, compas-runs.json and compas-summary.md (atomically). The full run takes about 10–30 s; a reduced \
            one (--seeds 2 --epochs 5 --stl-epochs 5 --bootstrap 200) a few seconds. Same as 'fair reproduce compas' in a shell.

            The numbers are kept as the report 'compas' (--as NAME), for 'expect', 'show' and \
            'export': one row per model and task (mtl_is_recid, mtl_is_violent_recid, stl_…) and \
            the paper's cells (paper_mtl_is_recid, …); columns AUC, KS, pp_AUC, pp_KS (pp = \
            calibrated on the pool), each with its SD over seeds (AUC_sd, …), train_pp_KS \
            (calibrated on the training predictions), D6_AUC (task 2 scored against task-1 \
            labels), floor (the test noise floor), expected (the KS expected after repair, test \
            plus pool noise), and over seeds KS_min_ratio (smallest KS before / floor), \
            pp_KS_max_ratio (largest KS after / expected), drop_min (smallest KS before − KS \
            after) and agree (Table 2 cells of the row within one SD of the paper). Read them as \
            compas.mtl_is_recid.pp_KS. --session-seeds runs the session seed and the next ones \
            instead of the paper's split seeds (a lesson's seed sweep then varies the runs).
            """,
        options: [
            CompasOptions.seeds, CompasOptions.epochs, CompasOptions.stlEpochs,
            CompasOptions.lambda,
            CompasOptions.film, CompasOptions.jitter, CompasOptions.poolFraction,
            CompasOptions.bootstrap,
            CompasOptions.out, CompasOptions.sessionSeeds, CompasOptions.name
        ],
        examples: ["reproduce compas", "reproduce compas --seeds 2 --epochs 5 --stl-epochs 5 --bootstrap 200", "reproduce compas --out results/compas"]
    ) { context in
        let invocation = context.invocation
        var settings = CompasSettings(seedCount: invocation[CompasOptions.seeds])
        settings.mtlEpochs = invocation[CompasOptions.epochs]
        settings.stlEpochs = invocation[CompasOptions.stlEpochs]
        let lambda = invocation[CompasOptions.lambda]
        guard lambda.count == 2 else {
            throw CommandError.failed(
                message:
                    "--lambda needs two weights in task order (is_recid, is_violent_recid), e.g. 1,6; "
                    + "got \(lambda.count)")
        }
        settings.lambda = lambda
        settings.film = invocation[CompasOptions.film].mode
        settings.jitter = invocation[CompasOptions.jitter]
        settings.poolFraction = invocation[CompasOptions.poolFraction]
        settings.bootstrapReplicates = invocation[CompasOptions.bootstrap]
        if invocation[CompasOptions.sessionSeeds] {
            settings.seeds = ReplicationSupport.sessionSeeds(settings.seeds.count, context: context)
        }
        let reportName = invocation[CompasOptions.name]
        try Workspace.validate(name: reportName)
        let loadStart = ContinuousClock.now
        let dataset = try ReplicationSupport.load("compas", context: context)
        let features = try dataset.encoderOnAllRows().width
        let load = ReplicationSupport.seconds(since: loadStart)
        let start = ContinuousClock.now
        let runs = try CompasProtocol.run(dataset: dataset, settings: settings, progress: ReplicationSupport.progress(context))
        let summary = CompasSummary(runs: runs, settings: settings, groupNames: dataset.groups.names)
        let seconds = ReplicationSupport.seconds(since: start)
        let timing = context.environment.isPinned ? nil : (total: seconds, load: load)
        context.print(CompasReport.document(summary, rows: dataset.table.rowCount, features: features, timing: timing).text())
        try context.workspace.store(ReportValue(ReproduceResults.compas(summary)), as: reportName)
        context.print("kept as report '\(reportName)': numbers as \(reportName).mtl_is_recid.pp_KS "
            + "('show \(reportName)' lists them)")
        if let out = invocation[CompasOptions.out] {
            let folder = context.resolve(path: out)
            try ReplicationOutput.write(CompasReport.files(summary, rows: dataset.table.rowCount, features: features), to: folder)
            context.print("wrote compas-runs.csv, compas-runs.json, compas-summary.md to \(out)")
        }
    }

    /// `reproduce scarcity`: the paper's Table 1 protocol (label scarcity) on an available dataset.
    static let reproduceScarcity = CommandSpec(
        "reproduce scarcity", group: .replication, summary: "the paper's Table 1 protocol: remove regression labels, MTL vs STL, before and after repair",
        discussion: """
            The paper's label-scarcity study (EXPERIMENTS.md §3) on a dataset we have — its own ACS 2018 California file is \
            not available: law-school (ZFYA + bar passage; race), adult (hours per week + income > 50K; sex; the official \
            train/test files) or acs (the paper's folktables recipe: ln income + moved; sex; the Alabama 2017 sample, or any \
            ACS person file given with --file). Per seed and share of regression labels removed (0, 25, 50, 75, 95%): a YOTO \
            multi-task network whose λ is chosen by Algorithm 2 (validation MSE of the regression task), single-task models, \
            the barycenter repair of every task calibrated on an unlabeled pool; MSE, AUC and KS before and after, mean ± SD \
            over seeds, beside the paper's Table 1 (a different dataset, for orientation). The paper's findings are stated \
            as checks (✓/✗) and MSE is plotted against the share removed. --out DIR writes the per-run CSV and JSON, the \
            summary (Markdown) and the plot (SVG). Same as 'fair reproduce scarcity' in a shell.

            The numbers are kept as the report 'scarcity' (--as NAME): one row per model, task \
            and share of labels removed (mtl_reg_p0, stl_reg_p95, mtl_clf_p50, …; reg = the \
            regression task, clf = the classification task) with columns perf (MSE for reg rows, \
            AUC for clf rows), KS, pp_perf, pp_KS (after the repair), each with its SD over \
            seeds (perf_sd, …), expected (the KS expected after repair), pp_KS_max_ratio \
            (largest KS after / expected over seeds), drop_min (smallest KS before − KS after) \
            and lambda (the mean λ chosen, mtl rows). The findings are kept as 'scarcity_checks' \
            (NAME_checks): rows degrades_less (value = MSE rise of STL − MTL, paired over seeds, \
            with its se), ks_to_floor (the largest mean KS after − expected, with its se), \
            mse_cost and auc_cost (the largest relative MSE rise and AUC drop made by the \
            repair, with the limit); verdict 1 holds, 0 not shown (within 2 se), −1 does not \
            hold. Read them as scarcity.mtl_reg_p95.perf or \
            scarcity_checks.degrades_less.verdict. --session-seeds runs the session seed and the \
            next ones instead of the paper's split seeds.
            """,
        options: [
            ScarcityOptions.dataset, ScarcityOptions.file, ScarcityOptions.seeds,
            ScarcityOptions.epochs,
            ScarcityOptions.fractions, ScarcityOptions.hidden, ScarcityOptions.out,
            ScarcityOptions.sessionSeeds, ScarcityOptions.name
        ],
        examples: ["reproduce scarcity --dataset law-school", "reproduce scarcity --dataset acs --seeds 2 --epochs 5",
                   "reproduce scarcity --dataset adult --out results/adult"]
    ) { context in
        let invocation = context.invocation
        let choice = invocation[ScarcityOptions.dataset]
        var settings = ScarcitySettings(seedCount: invocation[ScarcityOptions.seeds])
        settings.epochs = invocation[ScarcityOptions.epochs]
        settings.fractions = invocation[ScarcityOptions.fractions]
        settings.hidden = invocation[ScarcityOptions.hidden]
        if invocation[ScarcityOptions.sessionSeeds] {
            settings.seeds = ReplicationSupport.sessionSeeds(settings.seeds.count, context: context)
        }
        let reportName = invocation[ScarcityOptions.name]
        try Workspace.validate(name: reportName)
        try Workspace.validate(name: reportName + "_checks")
        let dataset: Dataset
        var label: String
        if let file = invocation[ScarcityOptions.file] {
            guard choice == .acs else { throw CommandError.failed(message: "--file is for --dataset acs (an ACS PUMS person CSV); \(choice.rawValue) is read from the data directory") }
            dataset = try ACSRecipe.load(path: context.resolve(path: file))
            label = "acs (\(file), the paper's folktables recipe)"
        } else {
            dataset = try ReplicationSupport.load(choice.rawValue, context: context)
            switch choice {
            case .lawSchool: label = "law-school (law_data.csv; sensitive: race, \(dataset.groups.names.joined(separator: " / ")))"
            case .adult: label = "adult (UCI Adult, official train/test files; sensitive: sex)"
            case .acs: label = "acs (ACS PUMS Alabama 2017 sample, the paper's folktables recipe; sensitive: sex)"
            }
        }
        let (regression, classification) = try ScarcityProtocol.tasks(of: dataset)
        let start = ContinuousClock.now
        let runs = try ScarcityProtocol.run(dataset: dataset, settings: settings, progress: ReplicationSupport.progress(context))
        let summary = ScarcitySummary(runs: runs, settings: settings, datasetLabel: label, regression: regression, classification: classification)
        let seconds = ReplicationSupport.seconds(since: start)
        context.print(ScarcityReport.document(summary, timing: context.environment.isPinned ? nil : seconds).text())
        context.print(figure: ScarcityReport.figure(summary))
        try context.workspace.store(ReportValue(ReproduceResults.scarcity(summary)), as: reportName)
        let checks = ReportValue(ReproduceResults.scarcityChecks(summary))
        try context.workspace.store(checks, as: reportName + "_checks")
        context.print("kept as reports '\(reportName)' and '\(reportName)_checks': numbers as "
            + "\(reportName).mtl_reg_p0.perf and \(reportName)_checks.degrades_less.verdict "
            + "('show \(reportName)' lists them)")
        if let out = invocation[ScarcityOptions.out] {
            let files = ScarcityReport.files(summary, name: choice.rawValue)
            try ReplicationOutput.write(files, to: context.resolve(path: out))
            context.print("wrote \(files.map(\.name).joined(separator: ", ")) to \(out)")
        }
    }
}

/// What the replication commands share.
enum ReplicationSupport {
    /// Loads a catalogued dataset from the configured data directory.
    static func load(_ name: String, context: CommandContext) throws -> Dataset {
        guard let directory = DataDirectorySetting.current(settings: context.settings, environment: context.environment) else {
            throw CommandError.failed(message: "\(name) is read from the data directory, and none is configured: \(DataDirectorySetting.howToConfigure)")
        }
        return try DatasetCatalog.load(name, dataDirectory: DataDirectory(path: directory.path))
    }

    /// Forwards the protocol's progress to the front end's display and stops on Ctrl-C.
    static func progress(_ context: CommandContext) -> ReplicationProgressHandler {
        let sink = context.progress, token = context.cancellation, command = context.spec.name
        return { event in
            sink.report(ProgressEvent(unit: event.unit, completed: event.completed, total: event.total, detail: event.detail))
            if token.isCancelled { throw CommandError.interrupted(command: command, detail: "after \(event.unit) \(event.completed) of \(event.total)") }
        }
    }

    /// `count` seeds from the session seed on (`seed`, `seed + 1`, …), instead of the paper's.
    static func sessionSeeds(_ count: Int, context: CommandContext) -> [UInt64] {
        let first = context.settings.seed
        return (0..<UInt64(max(count, 0))).map { first &+ $0 }
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}

/// The options of `reproduce compas`; the defaults are the protocol's (`CompasSettings`).
private enum CompasOptions {
    static let protocolDefaults = CompasSettings()

    static let seeds = CommandOption<Int>(
        "seeds", .integer(min: 1, max: CompasSettings.paperSeeds.count),
        summary: "how many of the paper's 20 split seeds", default: protocolDefaults.seeds.count)
    static let epochs = CommandOption<Int>(
        "epochs", .integer(min: 1, max: 10_000), summary: "epochs of the multi-task model",
        default: protocolDefaults.mtlEpochs)
    static let stlEpochs = CommandOption<Int>(
        "stl-epochs", .integer(min: 1, max: 10_000), summary: "epochs of each single-task model",
        default: protocolDefaults.stlEpochs)
    static let lambda = CommandOption<[Double]>(
        "lambda", .list(.real(min: 0)),
        summary: "evaluation λ in task order (is_recid, is_violent_recid)",
        default: protocolDefaults.lambda)
    static let film = CommandOption<FiLMChoice>(
        "film", FiLMChoice.kind,
        summary: "FiLM per unit, or one scale and shift per layer (the paper's code)",
        default: FiLMChoice(protocolDefaults.film))
    static let jitter = CommandOption<Double>(
        "jitter", .real(min: 0, max: 1),
        summary: "repair jitter half-width u (0 = none, as the paper's code)",
        default: protocolDefaults.jitter)
    static let poolFraction = CommandOption<Double>(
        "pool-fraction", .real(min: 0.01, max: 0.9),
        summary: "share of the non-test rows kept unlabeled for calibration",
        default: protocolDefaults.poolFraction)
    static let bootstrap = CommandOption<Int>(
        "bootstrap", .integer(min: 0, max: 100_000),
        summary: "bootstrap replicates per KS interval (0 = none)",
        default: protocolDefaults.bootstrapReplicates)
    static let out = CommandOption<String?>(
        "out", .text, summary: "folder for the per-seed CSV and JSON and the summary (Markdown)")
    static let sessionSeeds = CommandOption.flag(
        "session-seeds", summary: "seeds: the session seed and the next ones")
    static let name = CommandOption<String>(
        "as", .text, summary: "name of the report of the numbers", default: "compas")
}

/// The options of `reproduce scarcity`; the defaults are the protocol's (`ScarcitySettings`).
private enum ScarcityOptions {
    static let protocolDefaults = ScarcitySettings()

    static let dataset = CommandOption<ScarcitySettings.DatasetChoice>.required(
        "dataset", ScarcitySettings.DatasetChoice.kind, summary: "law-school, adult or acs")
    static let file = CommandOption<String?>(
        "file", .path(.existingFile(extensions: ["csv"])),
        summary: "acs: an ACS PUMS person CSV instead of the Alabama 2017 sample")
    static let seeds = CommandOption<Int>(
        "seeds", .integer(min: 1, max: CompasSettings.paperSeeds.count),
        summary: "how many of the paper's split seeds", default: protocolDefaults.seeds.count)
    static let epochs = CommandOption<Int>(
        "epochs", .integer(min: 1, max: 10_000), summary: "epochs of every model",
        default: protocolDefaults.epochs)
    static let fractions = CommandOption<[Double]>(
        "fractions", .list(.real(min: 0, max: 0.99)),
        summary: "shares of regression labels removed",
        default: protocolDefaults.fractions)
    static let hidden = CommandOption<[Int]>(
        "hidden", .list(.integer(min: 1, max: 4096)), summary: "widths of the hidden layers",
        default: protocolDefaults.hidden)
    static let out = CommandOption<String?>(
        "out", .text,
        summary: "folder for the per-run CSV and JSON, the summary (Markdown) and the plot (SVG)")
    static let sessionSeeds = CommandOption.flag(
        "session-seeds", summary: "seeds: the session seed and the next ones")
    static let name = CommandOption<String>(
        "as", .text, summary: "name of the numbers' report (checks: NAME_checks)",
        default: "scarcity")
}

extension ScarcitySettings.DatasetChoice: ChoiceValue {}
