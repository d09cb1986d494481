import FairCore
import FairPlot

extension CommandSpec {
    /// `verify w2`: W2 between two groups as the L2 distance of their quantile functions,
    /// optionally checked against the coupling definition by exhaustive search.
    static let verifyW2 = CommandSpec(
        "verify w2", group: .checks,
        summary: "W2 between two groups as the L2 distance of their quantile functions; "
            + "--brute-force checks it against every coupling",
        discussion: """
            Definition 3: W2²(a, b) is the least mean squared distance Σ γ_ij (a_i - b_j)² over \
            the couplings γ of the two laws (each point of a sends its mass 1/n, each point of b \
            receives 1/m). In one dimension the monotone coupling is optimal, so W2² = ∫_0^1 \
            (Q_a(v) - Q_b(v))² dv with the quantile functions Q(v) = z(ceil(v n)) (the generalized \
            inverse of the ECDF, Convention A). This is how FairMTL computes every W2: exactly, as \
            a finite sum over the segments of the merged quantile grid {i/n} ∪ {j/m}. Prints each \
            group's size, mean and standard deviation and the distance; for small samples \
            (--sample N,M draws N rows of the first group and M of the second, seeded by the \
            session seed; --values and --versus give two samples directly) also the two quantile \
            functions segment by segment. --brute-force computes W2² from the definition instead, \
            by trying every coupling that can be optimal (Birkhoff: an assignment of mass units of \
            size 1/lcm(n, m); at most 2,000,000 of them, e.g. both samples of at most 9 points, or \
            4 and 6), and prints the optimal coupling it found. Stores w2.distance and w2.squared, \
            and with --brute-force w2.brute_force (the minimum over couplings of W2²) and \
            w2.difference (w2.brute_force - w2.squared).
            """,
        options: [
            W2Options.task, W2Options.groups, W2Options.rows, W2Options.sample, W2Options.values,
            W2Options.versus, W2Options.bruteForce, W2Options.predictions
        ],
        examples: [
            "verify w2", "verify w2 --on all", "verify w2 --sample 3,4 --brute-force",
            "verify w2 --values 0,1,5 --versus 3,4,8 --brute-force"
        ],
        lesson: "Lessons/13-w2-in-one-dimension.md"
    ) { context in
        let pair = try W2Pair(context)
        let check = try W2Check(pair, bruteForce: context.invocation[W2Options.bruteForce])
        try check.store(in: &context.workspace)
        check.report(to: &context)
    }
}

/// The two samples `verify w2` compares, and how to name them.
struct W2Pair {
    var names: (String, String)
    var first: [Double]
    var second: [Double]
    /// `on 6,000 test rows of scores`, `on 3 and 4 rows drawn at random from …`.
    var origin: String
    /// Whether the samples are small enough to list.
    var isSmall: Bool { first.count + second.count <= 24 }

    init(_ context: CommandContext) throws {
        let invocation = context.invocation
        if let values = invocation[W2Options.values] {
            guard let versus = invocation[W2Options.versus] else {
                throw CommandError.failed(
                    message: "--values needs a second sample: add --versus X,… (e.g. "
                        + "'verify w2 --values 0,1,5 --versus 3,4,8')")
            }
            let rowOptions: [any DeclaredOption] = [
                W2Options.sample, W2Options.groups, W2Options.task, W2Options.rows,
                W2Options.predictions
            ]
            for option in rowOptions where invocation.isGiven(option) {
                let option = option.spec.name
                throw CommandError.failed(
                    message: "--\(option) chooses rows of predictions, but --values and --versus "
                        + "already give both samples: drop one or the other")
            }
            (names, first, second) = (("x", "y"), values, versus)
            origin = "of the samples given"
            return
        }
        if invocation.isGiven(W2Options.versus) {
            throw CommandError.failed(message: "--versus needs a first sample: add --values X,…")
        }
        guard context.workspace.contains(kind: .predictions) else {
            throw CommandError.failed(
                message: "'verify w2' needs predictions (run 'import scores COL', 'predict' or "
                    + "'import predictions FILE' first), or two samples: --values X,… --versus X,…")
        }
        let (name, predictions) = try RepairCommandSupport.predictions(
            named: invocation[W2Options.predictions], in: context.workspace)
        let task =
            try invocation[W2Options.task].map { try predictions.task(named: $0) }
            ?? predictions.tasks[0]
        let selection = invocation[W2Options.rows] ?? (predictions.hasParts ? "test" : "all")
        let groupNames = try Self.groups(invocation[W2Options.groups], of: predictions)
        var samples: ([Double], [Double]) = ([], [])
        for row in predictions.rows(in: selection) {
            let label = predictions.groups.label(ofRow: row)
            if label == groupNames.0 { samples.0.append(task.values[row]) }
            if label == groupNames.1 { samples.1.append(task.values[row]) }
        }
        for (group, sample) in [(groupNames.0, samples.0), (groupNames.1, samples.1)]
        where sample.isEmpty {
            throw CommandError.failed(
                message: "group \(group) has no \(selection) rows in \(name): choose --on pool, "
                    + "test, train or all")
        }
        names = groupNames
        let rows = "\(selection) rows of \(name)"
        if let sizes = invocation[W2Options.sample] {
            guard sizes.count == 2 else {
                throw CommandError.failed(
                    message: "--sample takes two sizes, N,M (rows of \(names.0), rows of "
                        + "\(names.1)); got \(sizes.count)")
            }
            let seed = context.settings.seed
            first = try Self.draw(sizes[0], from: samples.0, group: names.0, seed: seed)
            second = try Self.draw(sizes[1], from: samples.1, group: names.1, seed: seed)
            origin =
                "on \(sizes[0]) and \(sizes[1]) rows drawn at random from the \(rows) "
                + "(task \(task.name), seed \(seed))"
        } else {
            (first, second) = samples
            let count = NumberFormat.grouped(first.count + second.count)
            origin =
                (selection == "all"
                    ? "on all \(count) rows of \(name)"
                    : "on \(count) \(rows)")
                + " (task \(task.name))"
        }
    }

    /// The two groups named, or the only two.
    static func groups(
        _ given: [String]?, of predictions: PredictionsValue
    ) throws -> (String, String) {
        let known = predictions.groups.names
        guard let given else {
            guard known.count == 2 else {
                throw CommandError.failed(
                    message: "'verify w2' compares two groups and there are \(known.count) ("
                        + known.joined(separator: ", ") + "): name two with --groups A,B")
            }
            return (known[0], known[1])
        }
        guard given.count == 2, given[0] != given[1] else {
            throw CommandError.failed(
                message: "--groups takes two different groups, A,B (known: "
                    + known.joined(separator: ", ") + ")")
        }
        for name in given where !known.contains(name) {
            throw CommandError.unknownName(
                noun: "group", name: name,
                suggestions: EditDistance.suggestions(for: name, among: known), known: known)
        }
        return (given[0], given[1])
    }

    /// `count` values of `sample` drawn without replacement (partial Fisher–Yates), in the
    /// order drawn; the generator's stream is named by the group, so the draws of the two
    /// groups are independent.
    static func draw(
        _ count: Int, from sample: [Double], group: String, seed: UInt64
    ) throws -> [Double] {
        guard count <= sample.count else {
            throw CommandError.failed(
                message: "--sample asks for \(count) rows of \(group), which has "
                    + "\(sample.count): ask for at most \(sample.count)")
        }
        var generator = SeededGenerator(seed: seed, purpose: "verify w2 sample of \(group)")
        var values = sample
        for i in 0..<count {
            values.swapAt(i, i + generator.nextInt(below: values.count - i))
        }
        return Array(values[0..<count])
    }
}

/// The options of `verify w2`.
private enum W2Options {
    static let task = CommandOption<String?>(
        "task", .name(.predictionTasks), summary: "the task (default: the first)")
    static let groups = CommandOption<[String]?>(
        "groups", .list(.name(.predictionGroups)), summary: "the two groups (default: the only two)")
    static let rows = CommandOption<String?>(
        "on", .choice(PredictionPart.choices),
        summary: "the rows (default: test, or all without a split)")
    static let sample = CommandOption<[Int]?>(
        "sample", .list(.integer(min: 1, max: 1_000_000)),
        summary: "draw N rows of the first group and M of the second (N,M)")
    static let values = CommandOption<[Double]?>(
        "values", .list(.real()), summary: "a first sample, typed (with --versus)")
    static let versus = CommandOption<[Double]?>(
        "versus", .list(.real()), summary: "the second sample, typed (with --values)")
    static let bruteForce = CommandOption.flag(
        "brute-force", summary: "also minimise over every coupling (small samples)")
    static let predictions = CommandOption<String?>(
        "predictions", .name(.workspaceNames(of: .predictions)),
        summary: "the predictions (default: the current ones)")
}
