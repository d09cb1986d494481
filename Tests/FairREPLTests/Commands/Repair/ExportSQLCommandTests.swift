import FairCore
import FairPlot
import Foundation
import Testing

@testable import FairREPL

@Suite("export sql, export quantile-sql, fit barycenter --from-quantiles")
struct ExportSQLCommandTests {
    @Test("export sql writes the script and the step map beside it")
    func writesFiles() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let repl = DomainFixtures.session(
            DomainFixtures.scoresSetup + ["fit barycenter"], directory: directory.path)
        let output = run(repl, "export sql bary out.sql").output
        let repair = try #require(repl.workspace.value(RepairValue.self, named: "bary")).repairs[0]
        let steps = try repair.stepTable().steps
        #expect(
            output
                == "wrote out.sql (DuckDB, task y) and out.map.csv (\(NumberFormat.grouped(steps.count)) steps)"
        )
        let map = try #require(directory.read("out.map.csv")).split(separator: "\n")
        #expect(map[0] == "task,group,edge,upper_edge,at_edge,value,shift_from")
        #expect(map.count == steps.count + 1)
        let first = steps[0]
        #expect(
            map[1]
                == "y,\(first.group),\(first.edge),\(first.upperEdge!),\(first.atEdge),\(first.value),"
        )
        let script = try #require(directory.read("out.sql"))
        #expect(script.contains("ASOF LEFT JOIN") && script.contains("read_csv('out.map.csv'"))
        #expect(script.contains("bit for bit"))
        run(repl, "export sql bary spark.sql --dialect spark --eps 0.25 --table preds")
        let spark = try #require(directory.read("spark.sql"))
        #expect(
            spark.contains("/*+ BROADCAST(m) */")
                && spark.contains("FROM preds s LEFT JOIN fair_map_buckets m"))
        #expect(spark.contains("CAST('0.75' AS DOUBLE) * fair + CAST('0.25' AS DOUBLE) * score"))
    }

    @Test("a jittered repair's export says what differs from apply")
    func jitterNote() {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let repl = DomainFixtures.session(
            DomainFixtures.scoresSetup + ["fit barycenter --jitter 0.001"],
            directory: directory.path)
        let output = run(repl, "export sql bary out.sql").output
        #expect(
            output.contains(
                "note: bary has jitter u = 0.001: the SQL applies the map without each row's noise")
        )
        #expect(
            directory.read("out.sql")?.contains("-- Jitter: the repair was fitted with u = 0.001")
                == true)
    }

    @Test("export quantile-sql prints the queries for both engines")
    func quantileQueries() {
        let repl = makeInterpreter()
        let duck = run(repl, "export quantile-sql --levels 20").output
        #expect(
            duck.contains("quantile_disc(score, [") && duck.contains("0.05e0, 0.1e0")
                && duck.contains("1.0e0"))
        let spark = run(
            repl, "export quantile-sql --dialect spark --levels 10 --accuracy 500 --table t"
        ).output
        #expect(spark.contains("percentile_approx(score, array(") && spark.contains("0.1D, 0.2D"))
        #expect(
            spark.contains("1.0D / 500 + 1.0D / count AS rank_error")
                && spark.contains("FROM t WHERE"))
        #expect(DomainFixtures.failure(repl, "export quantile-sql --levels 5").contains("--levels"))
    }

    /// A summary of the pool rows at 10 levels with the given rank errors.
    static func summaryCSV(_ repl: Interpreter, errors: [String: Double]) throws -> String {
        let value = try #require(repl.workspace.value(PredictionsValue.self, named: "scores"))
        let rows = value.rows(in: "pool")
        var lines = ["group,count,level,value,rank_error"]
        for (g, name) in value.groups.names.enumerated() {
            let z = rows.filter { value.groups.codes[$0] == Int32(g) }.map {
                value.tasks[0].values[$0]
            }.sorted()
            for k in 1...10 {
                lines.append(
                    "\(name),\(z.count),\(Double(k) / 10),\(z[max(1, (k * z.count + 9) / 10) - 1]),\(errors[name]!)"
                )
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("fit --from-quantiles, apply, verify ks: the KS allowance ε_s + ε_s' is shown and stored")
    func fromQuantiles() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let repl = DomainFixtures.session(DomainFixtures.scoresSetup, directory: directory.path)
        try directory.write(
            try Self.summaryCSV(repl, errors: ["A": 0.01, "B": 0.02]), to: "summary.csv")
        let fit = run(repl, "fit barycenter --from-quantiles summary.csv --task y").output
        #expect(
            fit.hasPrefix(
                "fitted bary (task y) from the quantile summaries in summary.csv: 2 groups, 10 levels"
            ))
        #expect(
            fit.contains(
                "KS between two repaired groups s, s' is at most an exact-quantile repair's + ε_s + ε_s' (at most 0.03)"
            ))
        run(repl, "apply")
        let verify = run(repl, "verify ks").output
        #expect(
            verify.contains(
                "fitted from quantile summaries: on the rows summarised, KS between repaired groups"
            ))
        #expect(verify.contains("here up to 0.03"))
        #expect(repl.workspace.number(named: "ks.summary_allowance") == 0.01 + 0.02)
        #expect(
            DomainFixtures.failure(
                repl, "fit barycenter --from-quantiles summary.csv --jitter 0.01"
            ).contains("--jitter does not apply"))
        try directory.write("group,level,value\nA,1,2\n", to: "bad.csv")
        #expect(
            DomainFixtures.failure(repl, "fit barycenter --from-quantiles bad.csv").contains(
                "lacks the columns 'count' and 'rank_error'")
                || DomainFixtures.failure(repl, "fit barycenter --from-quantiles bad.csv").contains(
                    "lacks the columns")
        )
    }

    @Test("export sql refuses what it cannot write")
    func errors() {
        let repl = DomainFixtures.session(DomainFixtures.scoresSetup + ["fit barycenter"])
        #expect(DomainFixtures.failure(repl, "export sql bary out.txt").contains(".sql"))
        #expect(
            DomainFixtures.failure(repl, "export sql bary out.sql --task nope").contains("nope"))
    }
}
