import FairCore
import FairPlot
import FairReplication

extension CommandSpec {
    /// `verify joint`: the dependence between two tasks per group, before and after the repair
    /// (METHOD.md C8: per-task repairs make each task's law fair, not their joint law).
    static let verifyJoint = CommandSpec(
        "verify joint", group: .checks,
        summary: "the joint law of two tasks per group, before and after the repair "
            + "(Spearman ρ, P(both high))",
        discussion: """
            A repair per task equalises each task's law across groups (strong demographic \
            parity of every task), not the joint law of the tasks: how the two outputs move \
            together may still differ between groups (METHOD.md C8). Per group: Spearman's ρ \
            between the two tasks (within the group, ties at their mid-rank; a within-group \
            rank-preserving repair leaves it unchanged up to the ties its steps create) and \
            P(both high) = P(g1 > m1, g2 > m2 | group), with m1, m2 the medians over all rows. \
            The gap of each statistic is its largest minus its smallest value over the groups, \
            and its standard error is that of the difference between those two groups: \
            sqrt(1/(n_a - 1) + 1/(n_b - 1)) for ρ (the variance of Spearman's ρ under \
            independence, an upper bound for moderate correlations) and \
            sqrt(p_a(1 - p_a)/n_a + p_b(1 - p_b)/n_b) for P(both high). Stores \
            joint.spearman_gap, joint.spearman_gap_before, joint.spearman_se, \
            joint.both_high_gap, joint.both_high_gap_before, joint.both_high_se, and per group \
            joint.GROUP.spearman_before, joint.GROUP.spearman_after, joint.GROUP.both_high_before \
            and joint.GROUP.both_high_after.
            """,
        options: [
            JointOptions.tasks, CheckOptions.repaired
        ],
        examples: ["verify joint", "verify joint --tasks y1,y2"],
        prerequisites: [.repaired],
        lesson: "Lessons/19-marginal-versus-joint-fairness.md"
    ) { context in
        let (name, repaired) = try CheckSupport.repaired(
            named: context.invocation[CheckOptions.repaired], in: context.workspace)
        let names = context.invocation[JointOptions.tasks] ?? repaired.taskNames.prefix(2).map { $0 }
        guard names.count == 2, names[0] != names[1] else {
            throw CommandError.failed(
                message: "verify joint compares two tasks, and \(name) has "
                    + (names.count < 2
                        ? "only \(repaired.taskNames.joined(separator: ", "))" : "--tasks \(names)")
                    + ": give two distinct tasks with --tasks T1,T2")
        }
        let tasks = try CheckSupport.tasks(names, of: repaired)
        let check = try JointCheck(first: tasks[0], second: tasks[1], groups: repaired.groups)
        for (g, group) in check.groups.enumerated() {
            let key = "joint.\(ReportNames.key(group))"
            let readings: [(String, Double, String)] = [
                (
                    "spearman_before", check.before.spearman[g],
                    "Spearman ρ of the two tasks before the repair"
                ),
                (
                    "spearman_after", check.after.spearman[g],
                    "Spearman ρ of the two tasks after the repair"
                ),
                (
                    "both_high_before", check.before.bothHigh[g],
                    "P(both above the pooled medians) before"
                ),
                (
                    "both_high_after", check.after.bothHigh[g],
                    "P(both above the pooled medians) after"
                ),
            ]
            for (suffix, value, note) in readings {
                try context.workspace.store(
                    NumberResult(value, note: "\(note), \(group)"), as: "\(key).\(suffix)")
            }
        }
        let stored: [(String, Double, String)] = [
            (
                "spearman_gap", check.spearmanGap.after,
                "largest minus smallest Spearman ρ over groups, after"
            ),
            (
                "spearman_gap_before", check.spearmanGap.before,
                "largest minus smallest Spearman ρ, before"
            ),
            (
                "spearman_se", check.spearmanGap.standardError,
                "standard error of the Spearman gap after"
            ),
            (
                "both_high_gap", check.bothHighGap.after,
                "largest minus smallest P(both high) over groups, after"
            ),
            (
                "both_high_gap_before", check.bothHighGap.before,
                "largest minus smallest P(both high), before"
            ),
            (
                "both_high_se", check.bothHighGap.standardError,
                "standard error of the P(both high) gap after"
            ),
        ]
        for (key, value, note) in stored {
            try context.workspace.store(NumberResult(value, note: note), as: "joint.\(key)")
        }
        let rows = NumberFormat.grouped(repaired.rowCount)
        context.print(
            "joint law of \(names[0]) and \(names[1]) per group on \(rows) \(repaired.selection) "
                + "rows of \(name): Spearman ρ, and P(both high) = P(\(names[0]) > median, "
                + "\(names[1]) > median | group) with the medians over all rows")
        context.print(table: check.table)
        for sentence in check.sentences(format: context.format) { context.print(sentence) }
    }
}

/// The arithmetic of `verify joint`: Spearman's ρ and P(both high) per group before and after,
/// their gaps over groups and the standard errors of the gaps.
///
/// ## Mathematical properties
/// - Spearman's ρ within a group is invariant under strictly increasing maps of either task, so
///   a per-task repair that keeps within-group order leaves each group's ρ, and the gap,
///   unchanged up to the ties its steps create (which move ρ by about 1e-4 on these samples).
/// - After a repair both tasks' laws agree across groups, so every group has about half its rows
///   above each pooled median; a remaining gap in P(both high) is a difference of joint laws.
/// - Standard errors (of the difference between the two groups attaining the gap):
///   `sqrt(1/(n_a − 1) + 1/(n_b − 1))` for ρ, the exact variance of Spearman's ρ under
///   independence, which bounds it for moderate correlations (it shrinks as |ρ| grows);
///   `sqrt(p_a(1 − p_a)/n_a + p_b(1 − p_b)/n_b)` for P(both high), binomial.
struct JointCheck {
    /// A gap over groups before and after, with the standard error of the gap after.
    struct Gap {
        var before: Double
        var after: Double
        var standardError: Double
    }

    var groups: [String]
    var counts: [Int]
    var before: JointDiagnostic
    var after: JointDiagnostic
    var spearmanGap: Gap
    var bothHighGap: Gap

    init(first: RepairedValue.Task, second: RepairedValue.Task, groups column: GroupColumn) throws {
        let groups = try RepairCommandSupport.droppingEmptyGroups(column)
        counts = groups.counts()
        guard counts.count >= 2, counts.allSatisfy({ $0 >= 3 }) else {
            throw CommandError.failed(
                message:
                    "verify joint needs at least two groups of 3 rows or more; these rows have "
                    + zip(groups.names, counts).map { "\($0) \($1)" }.joined(separator: ", "))
        }
        self.groups = groups.names
        before = JointDiagnostic(first: first.before, second: second.before, groups: groups)
        after = JointDiagnostic(first: first.after, second: second.after, groups: groups)
        let counts = counts
        spearmanGap = Self.gap(before.spearman, after.spearman) { a, b in
            (1 / Double(counts[a] - 1) + 1 / Double(counts[b] - 1)).squareRoot()
        }
        let high = after.bothHigh
        bothHighGap = Self.gap(before.bothHigh, after.bothHigh) { a, b in
            (high[a] * (1 - high[a]) / Double(counts[a]) + high[b] * (1 - high[b])
                / Double(counts[b]))
                .squareRoot()
        }
    }

    /// Largest minus smallest value over groups (NaN values, e.g. a constant task, left out),
    /// with the standard error of the difference between the two groups attaining it after.
    static func gap(_ before: [Double], _ after: [Double], error: (Int, Int) -> Double) -> Gap {
        func extremes(_ values: [Double]) -> (low: Int, high: Int)? {
            let finite = values.indices.filter { !values[$0].isNaN }
            guard let low = finite.min(by: { values[$0] < values[$1] }),
                let high = finite.max(by: { values[$0] < values[$1] })
            else { return nil }
            return (low, high)
        }
        let b = extremes(before)
        let a = extremes(after)
        return Gap(
            before: b.map { before[$0.high] - before[$0.low] } ?? .nan,
            after: a.map { after[$0.high] - after[$0.low] } ?? .nan,
            standardError: a.map { error($0.high, $0.low) } ?? .nan)
    }

    var table: ResultTable {
        var rows: [[ResultTable.Cell]] = []
        for (g, group) in groups.enumerated() {
            rows.append([
                .text(group), .integer(counts[g]), .number(before.spearman[g]),
                .number(after.spearman[g]),
                .number(before.bothHigh[g]), .number(after.bothHigh[g]),
            ])
        }
        rows.append([
            .text("gap"), .empty, .number(spearmanGap.before), .number(spearmanGap.after),
            .number(bothHighGap.before), .number(bothHighGap.after),
        ])
        rows.append([
            .text("SE of gap"), .empty, .empty, .number(spearmanGap.standardError), .empty,
            .number(bothHighGap.standardError),
        ])
        return ResultTable(
            columns: [
                ResultTable.Column("group"), ResultTable.Column("n", rightAligned: true),
                ResultTable.Column("rho_before", rightAligned: true),
                ResultTable.Column("rho_after", rightAligned: true),
                ResultTable.Column("both_high_before", rightAligned: true),
                ResultTable.Column("both_high_after", rightAligned: true),
            ], rows: rows)
    }

    /// One sentence per statistic: is the gap after the repair beyond 4 standard errors?
    func sentences(format: (Double) -> String) -> [String] {
        [("Spearman ρ", spearmanGap), ("P(both high)", bothHighGap)].map { label, gap in
            let ratio = gap.after / gap.standardError
            let reading =
                ratio > 4
                ? "the groups' joint laws differ beyond sampling noise (> 4 SE) though each "
                    + "task's law may be fair"
                : "within 4 SE: no difference between the groups' joint laws is detected by "
                    + "this statistic"
            let size = "\(format(gap.after)) = \(format(ratio)) SE"
            return "\(label): gap after the repair \(size); \(reading)"
        }
    }
}

/// The option of `verify joint` besides `CheckOptions.repaired`.
private enum JointOptions {
    static let tasks = CommandOption<[String]?>(
        "tasks", .list(.name(.repairedTasks)), summary: "the two tasks (default: the first two)")
}
