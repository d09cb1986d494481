import FairCore

/// The SQL engines `export sql` and `export quantile-sql` write for.
enum SQLDialect: String, CaseIterable, Sendable {
    case duckdb
    case spark

    /// A double-quoted (DuckDB) or backquoted (Spark) identifier.
    func identifier(_ name: String) -> String {
        switch self {
        case .duckdb: return "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        case .spark: return "`" + name.replacingOccurrences(of: "`", with: "``") + "`"
        }
    }

    /// A string literal (DuckDB doubles a quote; Spark escapes it with a backslash).
    func string(_ text: String) -> String {
        switch self {
        case .duckdb: return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        case .spark:
            return "'"
                + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
                    of: "'", with: "\\'") + "'"
        }
    }

    /// An exact DOUBLE: the shortest decimal that reads back as the same bits, cast from text
    /// (a bare `0.1` is a DECIMAL in both engines).
    func double(_ x: Double) -> String { "CAST('\(x)' AS DOUBLE)" }

    /// `x` is a finite number (not NULL, NaN or ±infinity).
    func isFinite(_ x: String) -> String {
        switch self {
        case .duckdb: return "isfinite(\(x))"
        case .spark: return "(NOT isnan(\(x)) AND abs(\(x)) < CAST('Infinity' AS DOUBLE))"
        }
    }
}

/// A fitted repair written for a SQL engine: the step map as CSV (`RepairStepTable`, one row per
/// step) and a script that loads it and applies it to a table `(id, group, score)`.
///
/// ## Mathematical properties
/// For a finite score of a fitted group the script's `repaired` equals FairMTL's `apply` bit for
/// bit when the repair has no jitter: it finds the step with the largest edge at or below the
/// score (DuckDB: an ASOF join; Spark: an equi-join on the group and a bucket of the score, then
/// the step's range), evaluates `RepairStep.output(at:)`, then `mix` and `clip`, with the same
/// IEEE operations on the same doubles (every number is written in its shortest round-trip
/// decimal form and read back exactly). With jitter `u > 0` the script applies the map to the
/// score without the row's keyed noise (see `RepairStepTable`). A row FairMTL would refuse (a
/// group the repair has not seen, or a NULL, NaN or infinite score) gets NULL.
struct RepairSQL {
    let tables: [RepairStepTable]
    let task: String
    let dialect: SQLDialect
    /// The map file's name as the script reads it (beside the script).
    let mapFile: String
    /// The input table `(id, group, score)`.
    let inputTable: String
    let repairName: String

    /// The step map of every task: `task,group,edge,upper_edge,at_edge,value,shift_from`.
    static func mapCSV(_ tables: [RepairStepTable]) -> String {
        var lines = ["task,group,edge,upper_edge,at_edge,value,shift_from"]
        for table in tables {
            let task = csvField(table.taskName)
            for step in table.steps {
                let fields = [
                    task, csvField(step.group), "\(step.edge)",
                    step.upperEdge.map { "\($0)" } ?? "",
                    "\(step.atEdge)", "\(step.value)", step.shiftFrom.map { "\($0)" } ?? ""
                ]
                lines.append(fields.joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A CSV field, quoted when it holds a comma, a quote, a line break or edge spaces.
    static func csvField(_ text: String) -> String {
        let special =
            text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || text.first == " " || text.last == " "
        return special ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    var table: RepairStepTable { tables.first { $0.taskName == task }! }

    /// The whole script: a header of comments, the map, then the view `repaired`.
    var script: String {
        header + "\n" + loadMap + "\n\n" + (dialect == .spark ? bucketedMap + "\n\n" : "")
            + repairedView + "\n"
    }

    private var header: String {
        let t = table
        var lines = [
            "-- FairMTL repair \(repairName), task \(task), for \(dialect == .duckdb ? "DuckDB" : "Spark SQL").",
            "-- Input: a table \(inputTable)(id, \(id("group")), score DOUBLE), one row per prediction.",
            "-- Output: the view repaired(id, \(id("group")), score, repaired).",
            "-- The map \(mapFile) has one row per step: for scores of a group with",
            "-- edge <= score < upper_edge the output is at_edge at the edge, else value",
            "-- (plus score - shift_from beyond the calibration range with the tail shift).",
            "-- NULL repaired: FairMTL's apply would refuse the row (a group the repair was",
            "-- not fitted on, or a NULL, NaN or infinite score)."
        ]
        if t.epsilon != 0 { lines.append("-- eps = \(t.epsilon): (1 - eps) * fair + eps * score.") }
        if let range = t.outputRange {
            lines.append("-- Outputs clipped to [\(range.lower), \(range.upper)].")
        }
        if t.jitterHalfWidth > 0 {
            lines += [
                "-- Jitter: the repair was fitted with u = \(t.jitterHalfWidth); FairMTL's apply adds",
                "-- each row's keyed noise in (-u, u) to its score first, this script does not.",
                "-- Outputs agree except for scores within u of a step edge, which may land",
                "-- on a neighbouring step."
            ]
        } else {
            lines.append("-- Equal, bit for bit, to FairMTL's apply (no jitter).")
        }
        return lines.joined(separator: "\n")
    }

    private func id(_ name: String) -> String { dialect.identifier(name) }

    private var loadMap: String {
        let columns = ["task", "group", "edge", "upper_edge", "at_edge", "value", "shift_from"]
        switch dialect {
        case .duckdb:
            let types = columns.map {
                "'\($0)': '\($0 == "task" || $0 == "group" ? "VARCHAR" : "DOUBLE")'"
            }
            return """
                CREATE OR REPLACE TABLE fair_map AS
                SELECT * FROM read_csv(\(dialect.string(mapFile)), header = true, auto_detect = false,
                    columns = {\(types.joined(separator: ", "))});
                -- As Parquet, for engines that prefer it:
                -- COPY fair_map TO 'fair_map.parquet' (FORMAT parquet);
                """
        case .spark:
            let types = columns.map {
                "\(id($0)) \($0 == "task" || $0 == "group" ? "STRING" : "DOUBLE")"
            }
            return """
                CREATE OR REPLACE TEMPORARY VIEW fair_map (\(types.joined(separator: ", ")))
                USING csv OPTIONS (path \(dialect.string(mapFile)), header 'true');
                """
        }
    }

    /// Spark's buckets: `bucket(x)` is non-decreasing in `x`, so a step `[edge, upper_edge)`
    /// meets only the buckets `bucket(edge) … bucket(upper_edge)`; each step is listed once per
    /// bucket it meets, and a score joins the few steps of its own bucket (an equi-join Spark
    /// broadcasts and hashes) instead of every step of its group.
    private var buckets: (low: Double, high: Double, count: Int, scale: Double) {
        let finite = table.steps.map(\.edge).filter { $0 > -Double.greatestFiniteMagnitude }
        let low = finite.min() ?? 0
        let high = finite.max() ?? 0
        let groups = Set(table.steps.map(\.group)).count
        let count = max(1, min(1 << 22, table.steps.count / max(1, groups)))
        let width = high - low
        let scale = width > 0 && width.isFinite ? Double(count) / width : 0
        return (low, high, count, scale.isFinite ? scale : 0)
    }

    private func bucket(_ x: String) -> String {
        let b = buckets
        return
            "CASE WHEN \(x) < \(dialect.double(b.low)) THEN 0 WHEN \(x) >= \(dialect.double(b.high)) THEN \(b.count - 1) "
            + "ELSE least(\(b.count - 1), CAST(floor((\(x) - \(dialect.double(b.low))) * \(dialect.double(b.scale))) AS BIGINT)) END"
    }

    private var bucketedMap: String {
        """
        CREATE OR REPLACE TEMPORARY VIEW fair_map_buckets AS
        SELECT m.*, explode(sequence(\(bucket("m.edge")),
            CASE WHEN m.upper_edge IS NULL THEN \(buckets.count - 1) ELSE \(bucket("m.upper_edge")) END)) AS bucket
        FROM fair_map m WHERE m.task = \(dialect.string(task));
        """
    }

    /// The step's output, NULL for a row FairMTL would refuse.
    private var fairExpression: String {
        """
        CASE WHEN s.score IS NULL OR NOT \(dialect.isFinite("s.score")) THEN NULL
                    WHEN s.score = m.edge THEN m.at_edge
                    WHEN m.shift_from IS NULL THEN m.value
                    ELSE m.value + (s.score - m.shift_from) END
        """
    }

    /// `clip(mix(fair, score))`, with NULL kept NULL.
    private var outputExpression: String {
        let t = table
        var g = "fair"
        if t.epsilon != 0 {
            let a = dialect.double(1 - t.epsilon)
            let e = dialect.double(t.epsilon)
            g =
                "least(greatest(\(a) * fair + \(e) * score, least(fair, score)), greatest(fair, score))"
        }
        if let range = t.outputRange {
            g =
                "least(greatest(\(g), \(dialect.double(range.lower))), \(dialect.double(range.upper)))"
        }
        return g == "fair" ? "fair" : "CASE WHEN fair IS NULL THEN NULL ELSE \(g) END"
    }

    private var repairedView: String {
        let group = id("group")
        switch dialect {
        case .duckdb:
            return """
                CREATE OR REPLACE VIEW repaired AS
                WITH m AS (SELECT * FROM fair_map WHERE task = \(dialect.string(task))),
                joined AS (
                    SELECT s.id, s.\(group), s.score,
                        \(fairExpression) AS fair
                    FROM \(inputTable) s ASOF LEFT JOIN m
                        ON CAST(s.\(group) AS VARCHAR) = m.\(group) AND s.score >= m.edge)
                SELECT id, \(group), score, \(outputExpression) AS repaired FROM joined;
                """
        case .spark:
            return """
                CREATE OR REPLACE TEMPORARY VIEW repaired AS
                WITH joined AS (
                    SELECT /*+ BROADCAST(m) */ s.id, s.\(group), s.score,
                        \(fairExpression) AS fair
                    FROM \(inputTable) s LEFT JOIN fair_map_buckets m
                        ON CAST(s.\(group) AS STRING) = m.\(group) AND \(bucket("s.score")) = m.bucket
                        AND s.score >= m.edge AND (m.upper_edge IS NULL OR s.score < m.upper_edge))
                SELECT id, \(group), score, \(outputExpression) AS repaired FROM joined;
                """
        }
    }
}

/// The queries that compute per-group quantile summaries in an engine, in the format
/// `fit barycenter --from-quantiles FILE` reads (`QuantileSummary`): columns
/// `group, count, level, value, rank_error`, one row per group and level `k/K`.
///
/// ## Mathematical properties
/// - DuckDB: `quantile_disc` at the levels `k/K` is the exact generalized inverse
///   `z_(ceil(k n / K))` (the tests compare it with FairMTL's), so `rank_error` is 0.
/// - Spark: `percentile_approx(score, levels, A)` returns values whose rank is within `n / A`
///   of `k n / K` (relative error `1/A`); one more row of rounding gives
///   `rank_error = 1/A + 1/n`.
/// - Only finite scores are summarised, as FairMTL only repairs finite scores.
struct QuantileSQL {
    let dialect: SQLDialect
    let inputTable: String
    let levels: Int
    let accuracy: Int

    /// The levels `k/K` as a literal list, ten a line (both engines want constant levels; each
    /// is the shortest decimal of the double `k/K` as a DOUBLE literal, read back exactly).
    var levelList: String {
        // DuckDB reads a literal with an exponent as a DOUBLE (without one, as a DECIMAL).
        let items = (1...levels).map { k in
            "\(Double(k) / Double(levels))" + (dialect == .spark ? "D" : "e0")
        }
        let lines = stride(from: 0, to: items.count, by: 10).map {
            "            " + items[$0..<min($0 + 10, items.count)].joined(separator: ", ")
        }
        return lines.joined(separator: ",\n")
    }

    var query: String {
        let group = dialect.identifier("group")
        switch dialect {
        case .duckdb:
            return """
                -- Per-group quantile summaries of \(inputTable).score at \(levels) levels (exact),
                -- for: fit barycenter --from-quantiles summary.csv
                COPY (
                    SELECT \(group), n AS count, unnest(range(1, \(levels + 1))) / \(levels) AS level,
                        unnest(q) AS value, 0.0 AS rank_error
                    FROM (
                        SELECT CAST(\(group) AS VARCHAR) AS \(group), count(*) AS n,
                            quantile_disc(score, [
                \(levelList)
                            ]) AS q
                        FROM \(inputTable) WHERE \(dialect.isFinite("score"))
                        GROUP BY 1)
                    ORDER BY 1, 3
                ) TO 'summary.csv' (HEADER);
                """
        case .spark:
            return """
                -- Per-group quantile summaries of \(inputTable).score at \(levels) levels
                -- (percentile_approx, relative rank error 1/\(accuracy)); save the result as CSV
                -- with a header, for: fit barycenter --from-quantiles summary.csv
                SELECT \(group), count, CAST(i + 1 AS DOUBLE) / \(levels) AS level, value,
                    1.0D / \(accuracy) + 1.0D / count AS rank_error
                FROM (
                    SELECT CAST(\(group) AS STRING) AS \(group), count(*) AS count,
                        percentile_approx(score, array(
                \(levelList)
                        ), \(accuracy)) AS q
                    FROM \(inputTable) WHERE \(dialect.isFinite("score"))
                    GROUP BY 1)
                LATERAL VIEW posexplode(q) AS i, value
                ORDER BY 1, 3;
                """
        }
    }
}
