import FairCore
import FairPlot

/// One task's between-group statistics before and after a repair, the verdict at level α,
/// and, on request, seeded bootstrap intervals of KS: what `compare`, `verify ks` and `report`
/// print.
struct TaskFairness {
    /// A request for percentile bootstrap intervals (`KolmogorovSmirnovBootstrap`).
    struct Bootstrap: Equatable {
        var resamples: Int
        var level: Double
        var seed: UInt64

        /// "95% percentile bootstrap intervals of KS (1,000 resamples within each group, seed 42)".
        func describe(_ format: (Double) -> String) -> String {
            "\(format(level * 100))% percentile bootstrap intervals of KS (\(NumberFormat.grouped(resamples)) resamples within each group, seed \(seed))"
        }
    }

    let task: RepairedValue.Task
    let before: GroupStatistics
    let after: GroupStatistics
    let verdict: FairnessVerdict
    let beforeInterval: KolmogorovSmirnovBootstrap?
    let afterInterval: KolmogorovSmirnovBootstrap?

    init(_ task: RepairedValue.Task, of repaired: RepairedValue, alpha: Double, bootstrap: Bootstrap?, cancellation: () throws -> Void) throws {
        let weights = repaired.weights[task.name]
        self.task = task
        before = try GroupStatistics(values: task.before, groups: repaired.groups, weights: weights)
        after = try GroupStatistics(values: task.after, groups: repaired.groups, weights: weights)
        verdict = FairnessVerdict(
            alpha: alpha, before: FairnessVerdict.Reading(before.pairwise, alpha: alpha), after: FairnessVerdict.Reading(after.pairwise, alpha: alpha),
            epsilon: repaired.epsilon)
        if let bootstrap {
            try cancellation()
            beforeInterval = try KolmogorovSmirnovBootstrap(before.sorted, replicates: bootstrap.resamples, level: bootstrap.level, seed: bootstrap.seed)
            try cancellation()
            afterInterval = try KolmogorovSmirnovBootstrap(after.sorted, replicates: bootstrap.resamples, level: bootstrap.level, seed: bootstrap.seed)
        } else {
            beforeInterval = nil
            afterInterval = nil
        }
    }

    /// Whether any of `tasks` has more than two groups (tables then name the pair and add Holm's p).
    static func hasSeveralPairs(_ tasks: [TaskFairness]) -> Bool { tasks.contains { $0.before.pairwise.pairs.count > 1 } }

    // MARK: Options shared by the commands that give a verdict

    /// `--alpha`, `--resamples`, `--level`, and `--ci` when the intervals are optional.
    struct Options: Sendable {
        let alpha: CommandOption<Double>
        /// nil when the command always shows the intervals (`report`).
        let ci: CommandOption<Bool>?
        let resamples: CommandOption<Int>
        let level: CommandOption<Double>

        init(ciFlag: Bool) {
            let of = ciFlag ? " of --ci" : " of the KS intervals"
            alpha = CommandOption(
                "alpha", .real(min: 1e-12, max: 0.5),
                summary: "level of the KS tests behind the verdict",
                default: FairnessVerdict.defaultAlpha)
            ci =
                ciFlag
                ? .flag(
                    "ci",
                    summary: "add percentile bootstrap intervals of KS (seeded by the session seed)"
                )
                : nil
            resamples = CommandOption(
                "resamples", .integer(min: 10, max: 100_000), summary: "bootstrap resamples" + of,
                default: 1000)
            level = CommandOption(
                "level", .real(min: 0.5, max: 0.999), summary: "confidence level" + of,
                default: 0.95)
        }

        /// In the order help lists them.
        var all: [any DeclaredOption] { [alpha] + (ci.map { [$0] } ?? []) + [resamples, level] }

        /// The bootstrap request, or nil when `--ci` is not given.
        func bootstrap(_ context: CommandContext) -> Bootstrap? {
            if let ci, !context.invocation[ci] { return nil }
            return intervals(context)
        }

        /// The bootstrap of `--resamples` and `--level`, seeded by the session seed.
        func intervals(_ context: CommandContext) -> Bootstrap {
            Bootstrap(
                resamples: context.invocation[resamples], level: context.invocation[level],
                seed: context.settings.seed)
        }
    }

    /// The options of the commands whose intervals are asked for with `--ci`.
    static let options = Options(ciFlag: true)

    /// The help text the options share.
    static let discussion = """
        The verdict follows the test: at level α (--alpha, default 0.05) the groups 'cannot be told apart' only when \
        the p-value of KS is at least α, and otherwise 'still differ'. p-values are exact for groups of up to 10,000 rows \
        (scipy's default ks_2samp; exact for continuous scores, conservative with ties) and asymptotic above. With more \
        than two groups the tables name the pair attaining the largest KS, and the p column becomes p_holm: the smallest \
        p-value over the k(k-1)/2 pairs adjusted by Holm's step-down method, which the verdict uses (naming its pair and \
        how many pairs differ). It also says when KS increased after the repair, and when there was no \
        detectable disparity before it (the repair can then mainly add calibration noise). The noise floor \
        sqrt(π/2)·ln 2·sqrt(1/n1 + 1/n2) ≈ 0.8687·sqrt(1/n1 + 1/n2) (the mean KS of two samples of one law) is shown \
        for scale, not used for the decision. --ci adds percentile bootstrap intervals of KS (--resamples, --level; \
        groups resampled within themselves, seeded by the session seed). Warns when the rows were the repair's own \
        calibration rows (in-sample) or the repair was fitted on the model's training rows (Remark 2).
        """

    /// `--alpha` and the bootstrap request of `--ci`.
    static func parse(_ context: CommandContext) -> (alpha: Double, bootstrap: Bootstrap?) {
        (context.invocation[options.alpha], options.bootstrap(context))
    }
}
