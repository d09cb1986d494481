import FairCore
import FairData
import FairPlot

/// `fit barycenter --from-quantiles FILE`: a repair fitted from per-group quantile summaries
/// (`QuantileSummary`) that an engine computed (`export quantile-sql` prints the queries).
enum QuantileFitSupport {
    /// The columns of a summary file.
    static let columns = ["group", "count", "level", "value", "rank_error"]

    /// Reads the summary in `file` and stores the repair fitted from it.
    static func fit(_ context: inout CommandContext, file: String) throws {
        let invocation = context.invocation
        let predictionOptions: [any DeclaredOption] = [
            FitOptions.rows, FitOptions.jitter, FitOptions.splitHalves, FitOptions.weights,
            FitOptions.convention, FitOptions.outOfRange, FitOptions.seed, FitOptions.lambda,
            FitOptions.group, FitOptions.mode, FitOptions.mergeSmall, FitOptions.epsilon,
            FitOptions.predictions,
        ]
        for option in predictionOptions where invocation.isGiven(option) {
            let option = option.spec.name
            throw CommandError.failed(
                message:
                    "--\(option) does not apply with --from-quantiles: the repair from summaries uses the counts as weights, Convention A, no jitter and the clamp policy (so that its KS bound holds); drop --\(option)"
            )
        }
        let table = try CSVInput.read(file, delimiter: nil, context: context)
        let missing = columns.filter { !table.contains(column: $0) }
        if !missing.isEmpty {
            throw CommandError.failed(
                message:
                    "\(file) lacks the column\(missing.count == 1 ? "" : "s") \(TextLayout.quotedList(missing)) of a quantile summary (group, count, level, value, rank_error; 'export quantile-sql' prints the query that writes it)"
            )
        }
        let groups = try table.groupColumn("group")
        let counts = try table.numeric("count")
        let levels = try table.numeric("level")
        let values = try table.numeric("value")
        let errors = try table.numeric("rank_error")
        var rows: [(group: String, count: Int, level: Double, value: Double, rankError: Double)] =
            []
        for i in 0..<table.rowCount {
            let count = counts[i]
            guard count.isFinite, count >= 1, count == count.rounded(), count < 1e18 else {
                throw CommandError.failed(
                    message:
                        "\(file), \(CSVInput.dataRow(i)): count \(count) is not a whole number >= 1"
                )
            }
            rows.append((groups.label(ofRow: i), Int(count), levels[i], values[i], errors[i]))
        }
        let summary = try QuantileSummary(rows: rows)
        let tasks = context.workspace.current(PredictionsValue.self)?.value.taskNames ?? []
        let taskName = invocation[FitOptions.task]?.first ?? (tasks.count == 1 ? tasks[0] : "score")
        var outputRange: OutputRange?
        if let clip = invocation[FitOptions.clip] {
            guard clip.count == 2 else {
                throw CommandError.invalidValue(
                    subject: "--clip", value: clip.map { "\($0)" }.joined(separator: ","),
                    allowed: "two numbers LOW,HIGH", suggestions: [])
            }
            outputRange = try OutputRange(lower: clip[0], upper: clip[1])
        }
        let repair = try BarycenterRepair.fit(
            quantileSummary: summary, taskName: taskName, outputRange: outputRange)
        var rankErrors: [String: Double] = [:]
        for group in summary.groups { rankErrors[group.name] = group.rankError }
        let total = summary.groups.reduce(0) { $0 + $1.count }
        let value = RepairValue(
            repairs: [repair], lambda: nil, predictionsName: file, selection: "summarised",
            rowCount: total,
            quantileRankErrors: rankErrors)
        let name = invocation[FitOptions.name]
        try context.workspace.store(value, as: name)
        context.print(
            "fitted \(name) (task \(taskName)) from the quantile summaries in \(file): \(summary.groups.count) groups, \(summary.levelCount) levels, \(NumberFormat.grouped(total)) rows summarised"
        )
        if let table = value.exportTable { context.print(table: table) }
        context.print(allowanceNote(rankErrors))
    }

    /// What the rank errors mean for the KS (`QuantileSummary`, "Mathematical properties").
    static func allowanceNote(_ errors: [String: Double]) -> String {
        let largest = errors.values.sorted(by: >)
        let allowance = largest.count >= 2 ? largest[0] + largest[1] : 0
        if allowance == 0 {
            return
                "the summaries are exact (rank error 0): on the rows summarised, KS after the repair is that of an exact-quantile repair"
        }
        return
            "rank errors up to \(NumberFormat.compact(largest[0], digits: 3)): on the rows summarised, KS between two repaired groups s, s' is at most an exact-quantile repair's + ε_s + ε_s' (at most \(NumberFormat.compact(allowance, digits: 3)))"
    }
}
