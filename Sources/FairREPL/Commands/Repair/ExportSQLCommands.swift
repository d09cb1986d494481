import FairCore
import FairPlot
import Foundation

extension CommandSpec {
    /// `export sql REPAIR FILE`: the fitted map as a CSV table and the SQL that applies it.
    static let exportSQL = CommandSpec(
        "export sql", group: .repair,
        summary: "write a repair as a step table (CSV) and the SQL that applies it",
        discussion: """
            For engines that hold the scores (DuckDB, Spark): writes FILE, a SQL script, and \
            beside it FILE's name with .map.csv, the fitted map with one row per step (task, \
            group, edge, upper_edge, at_edge, value, shift_from): for the scores of a group from \
            edge up to (not including) upper_edge the output is at_edge at the edge itself and \
            value after it (plus score - shift_from beyond the calibration range with \
            --out-of-range tail-shift). The script loads the map and defines the view 'repaired' \
            over a table (id, group, score) named by --table: an ASOF join in DuckDB; in Spark a \
            broadcast equi-join on the group and a bucket of the score, then the step's range \
            (README, "At scale"). Without jitter the outputs equal 'apply' bit for bit; with \
            jitter the script applies the map to the score without the row's noise, so scores \
            within u of a step edge can land on a neighbouring step. A row 'apply' would refuse \
            (an unseen group; a NULL, NaN or infinite score) gets NULL. --eps blends as in \
            'apply'. Run the script from the folder holding both files.
            """,
        arguments: [ExportSQLOptions.repair, ExportSQLOptions.file],
        options: [
            SQLOptions.dialect, ExportSQLOptions.task, ExportSQLOptions.epsilon, SQLOptions.table
        ],
        examples: [
            "export sql bary bary.sql", "export sql bary bary-spark.sql --dialect spark --eps 0.1"
        ],
        prerequisites: [.value(.repair, runFirst: "fit barycenter")],
        lesson: "Lessons/18-at-scale.md"
    ) { context in
        let invocation = context.invocation
        let repairName = invocation[ExportSQLOptions.repair]
        let file = invocation[ExportSQLOptions.file]
        guard file.lowercased().hasSuffix(".sql") else {
            throw CommandError.invalidValue(
                subject: "FILE", value: file, allowed: "a name ending in .sql", suggestions: [])
        }
        guard let repair = context.workspace.value(RepairValue.self, named: repairName) else {
            throw CommandError.failed(message: "\(repairName) is not a repair")
        }
        if repair.multi != nil {
            throw CommandError.failed(
                message:
                    "\(repairName) repairs several attributes; 'export sql' writes one group column's map: fit barycenter --group A (one attribute), or merge the attributes into one column first"
            )
        }
        let task =
            try invocation[ExportSQLOptions.task]
            ?? {
                guard repair.taskNames.count == 1 else {
                    throw CommandError.failed(
                        message:
                            "\(repairName) repairs \(repair.taskNames.count) tasks (\(repair.taskNames.joined(separator: ", "))): choose one with --task (the map holds all of them)"
                    )
                }
                return repair.taskNames[0]
            }()
        _ = try repair.repair(forTask: task)
        let dialect = invocation[SQLOptions.dialect]
        let epsilon = invocation[ExportSQLOptions.epsilon]
        let tables = try repair.repairs.map { try $0.stepTable(epsilon: epsilon) }
        let mapFile = Self.mapFileName(for: file)
        let sql = RepairSQL(
            tables: tables, task: task, dialect: dialect,
            mapFile: (mapFile as NSString).lastPathComponent,
            inputTable: invocation[SQLOptions.table], repairName: repairName)
        try FileWriting.write(RepairSQL.mapCSV(tables), to: context.resolve(path: mapFile))
        try FileWriting.write(sql.script, to: context.resolve(path: file))
        let steps = tables.reduce(0) { $0 + $1.steps.count }
        context.print(
            "wrote \(file) (\(dialect == .duckdb ? "DuckDB" : "Spark SQL"), task \(task)) and \(mapFile) (\(NumberFormat.grouped(steps)) steps)"
        )
        let u = sql.table.jitterHalfWidth
        if u > 0 {
            context.print(
                "note: \(repairName) has jitter u = \(NumberFormat.compact(u)): the SQL applies the map without each row's noise, so scores within u of a step edge may land on a neighbouring step ('apply' adds the noise)"
            )
        }
    }

    /// `export quantile-sql`: the queries that compute per-group quantile summaries.
    static let exportQuantileSQL = CommandSpec(
        "export quantile-sql", group: .repair,
        summary: "print the SQL that computes per-group quantile summaries for --from-quantiles",
        discussion: """
            Prints a query over a table (id, group, score) named by --table that computes, in one \
            pass, each group's row count and its scores' quantiles at the levels 1/K, …, 1 (K = \
            --levels), with the summary's rank error: the file 'fit barycenter --from-quantiles \
            FILE' reads (columns group, count, level, value, rank_error). DuckDB: quantile_disc, \
            exact (rank error 0), written to summary.csv. Spark: percentile_approx with --accuracy \
            A, rank error 1/A + 1/count; save its result as CSV with a header. 'verify ks' after \
            such a repair shows how much the rank errors may add to the KS.
            """,
        options: [
            SQLOptions.dialect, QuantileSQLOptions.levels, QuantileSQLOptions.accuracy,
            SQLOptions.table
        ],
        examples: ["export quantile-sql", "export quantile-sql --dialect spark --levels 200"],
        lesson: "Lessons/18-at-scale.md"
    ) { context in
        let invocation = context.invocation
        let query = QuantileSQL(
            dialect: invocation[SQLOptions.dialect], inputTable: invocation[SQLOptions.table],
            levels: invocation[QuantileSQLOptions.levels],
            accuracy: invocation[QuantileSQLOptions.accuracy])
        context.print(query.query)
    }

    /// `bary.sql` → `bary.map.csv` (beside it).
    static func mapFileName(for file: String) -> String {
        let base = file.lowercased().hasSuffix(".sql") ? String(file.dropLast(4)) : file
        return base + ".map.csv"
    }
}

/// The options `export sql` and `export quantile-sql` share.
private enum SQLOptions {
    static let dialect = CommandOption<SQLDialect>(
        "dialect", SQLDialect.kind, summary: "the SQL engine", default: .duckdb)
    static let table = CommandOption<String>(
        "table", .text, summary: "the input table (id, group, score)", default: "scores")
}

/// The arguments and options of `export sql`.
private enum ExportSQLOptions {
    static let repair = CommandArgument<String>(
        "repair", .name(.workspaceNames(of: .repair)), summary: "the repair")
    static let file = CommandArgument<String>(
        "file", .path(.newFile(extensions: ["sql"])), summary: "the SQL script to write (.sql)")
    static let task = CommandOption<String?>(
        "task", .text, summary: "the task the script applies (default: the repair's only task)")
    static let epsilon = CommandOption<Double>(
        "eps", .unitInterval, summary: "0: fully fair … 1: unchanged", default: 0)
}

/// The options of `export quantile-sql`.
private enum QuantileSQLOptions {
    static let levels = CommandOption<Int>(
        "levels", .integer(min: 10), summary: "number of levels K (1/K … 1)", default: 1000)
    static let accuracy = CommandOption<Int>(
        "accuracy", .integer(min: 1), summary: "Spark's percentile_approx accuracy", default: 10000)
}

extension SQLDialect: ChoiceValue {}
