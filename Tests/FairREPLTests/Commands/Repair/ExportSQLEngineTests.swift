import FairCore
import Foundation
import Testing

@testable import FairREPL

/// `export sql` and `export quantile-sql` run in the real engines (DuckDB, Spark local) on
/// 1e5 rows with four groups, ties, scores outside the calibration range, scores equal to
/// step edges, NaN and infinite scores and an unseen group: the SQL outputs equal FairMTL's
/// `apply` bit for bit (NULL where `apply` refuses the row), and the summaries the engines
/// compute fit a repair within the KS bound.
@Suite("export sql in DuckDB and Spark", .serialized)
struct ExportSQLEngineTests {
    struct Rows {
        var ids: [Int] = [], groups: [String] = [], scores: [Double] = []
    }

    /// A calibration pool (`ties`: a third of the scores rounded to 2 decimals).
    static func sample(_ rng: inout SeededGenerator, count: Int, ties: Bool) -> Rows {
        var rows = Rows()
        for i in 0..<count {
            let g = rng.nextInt(below: 4)
            var x = Double(g) * 0.4 - 0.6 + (0.3 + 0.2 * Double(g)) * rng.nextNormal()
            if ties && i % 3 == 0 { x = (x * 100).rounded() / 100 }
            rows.ids.append(i)
            rows.groups.append("g\(g)")
            rows.scores.append(x)
        }
        return rows
    }

    /// 1e5 rows to repair: the pool's law, plus rows far outside it, rows at the pool's own
    /// values (step edges), NaN and infinite scores, and a group the repair has not seen.
    static func inputs(_ rng: inout SeededGenerator, pool: Rows, ties: Bool) -> Rows {
        var rows = sample(&rng, count: 99_000, ties: ties)
        for i in 0..<1_000 {
            rows.ids.append(99_000 + i)
            switch i % 5 {
            case 0:
                rows.groups.append("g\(i % 4)")
                rows.scores.append((i % 2 == 0 ? -1 : 1) * (5 + Double(i)))
            case 1, 2:
                let j = rng.nextInt(below: pool.scores.count)
                rows.groups.append(pool.groups[j])
                rows.scores.append(pool.scores[j])
            case 3:
                rows.groups.append("g\(i % 4)")
                rows.scores.append([Double.nan, .infinity, -.infinity][i % 3])
            default:
                rows.groups.append("unseen")
                rows.scores.append(rng.nextNormal())
            }
        }
        return rows
    }

    static func csv(_ rows: Rows) -> String {
        var lines = ["id,group,score"]
        for i in rows.ids.indices {
            let x = rows.scores[i]
            let text =
                x.isNaN
                ? "NaN" : x == .infinity ? "Infinity" : x == -.infinity ? "-Infinity" : "\(x)"
            lines.append("\(rows.ids[i]),\(rows.groups[i]),\(text)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The repairs compared: both conventions, both out-of-range policies, ε, a clip, halves.
    static func cases(pool: Rows) throws -> [(
        name: String, repair: BarycenterRepair, epsilon: Double
    )] {
        let groups = GroupColumn(labels: pool.groups)
        let ids = pool.ids.map { UInt64($0) }
        func fit(_ options: RepairOptions) throws -> BarycenterRepair {
            try BarycenterRepair.fit(
                scores: pool.scores, groups: groups, rowIDs: ids, taskName: "y", options: options)
        }
        return [
            ("A-clamp", try fit(RepairOptions()), 0),
            (
                "B-tail-eps-clip",
                try fit(
                    RepairOptions(
                        convention: .midRankHazen, outOfRange: .tailShift,
                        outputRange: try OutputRange(lower: -2, upper: 2))), 0.3
            ),
            (
                "A-halves-tail-eps",
                try fit(RepairOptions(seed: 4, outOfRange: .tailShift, splitCalibration: true)), 0.1
            )
        ]
    }

    /// Writes each case's directory, runs the engine, and compares with `apply`.
    static func compare(engine: String) throws {
        var rng = SeededGenerator(seed: 11, purpose: "sql engines")
        let pool = sample(&rng, count: 20_000, ties: true)
        let rows = inputs(&rng, pool: pool, ties: true)
        let cases = try cases(pool: pool)
        let root = TemporaryDirectory()
        defer { root.remove() }
        var directories: [String] = []
        for c in cases {
            let directory = root.file(c.name)
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true)
            let table = try c.repair.stepTable(epsilon: c.epsilon)
            let sql = RepairSQL(
                tables: [table], task: "y", dialect: SQLDialect(rawValue: engine)!,
                mapFile: "repair.map.csv", inputTable: "scores", repairName: c.name)
            try csv(rows).write(
                toFile: directory + "/scores.csv", atomically: true, encoding: .utf8)
            try RepairSQL.mapCSV([table]).write(
                toFile: directory + "/repair.map.csv", atomically: true, encoding: .utf8)
            try sql.script.write(
                toFile: directory + "/repair.sql", atomically: true, encoding: .utf8)
            directories.append(directory)
        }
        try SQLEngines.runCases(engine, directories)
        for (c, directory) in zip(cases, directories) {
            let outputs = try SQLEngines.readOutputs(directory + "/out.csv")
            #expect(outputs.count == rows.ids.count)
            var mismatches: [String] = []
            var nulls = 0
            var outside = 0
            for i in rows.ids.indices {
                let expected = try? c.repair.apply(
                    score: rows.scores[i], group: rows.groups[i], rowID: UInt64(rows.ids[i]),
                    epsilon: c.epsilon)
                let got = outputs[rows.ids[i]] ?? nil
                if expected == nil { nulls += 1 }
                if abs(rows.scores[i]) > 4 && rows.scores[i].isFinite { outside += 1 }
                if got?.bitPattern != expected?.bitPattern {
                    mismatches.append(
                        "id \(rows.ids[i]) \(rows.groups[i]) \(rows.scores[i]): \(String(describing: got)) vs \(String(describing: expected))"
                    )
                }
            }
            #expect(
                mismatches.isEmpty,
                "\(engine) \(c.name): \(mismatches.count) mismatches, e.g. \(mismatches.prefix(3))")
            #expect(
                nulls == 400 && outside >= 200,
                "refused rows (NULL) \(nulls), out of range \(outside)")
        }
    }

    @Test(
        "DuckDB's ASOF join equals apply bit for bit",
        .enabled(if: SQLEngines.hasDuckDB, "needs duckdb (.ci/install-deps)"))
    func duckdb() throws { try Self.compare(engine: "duckdb") }

    @Test(
        "Spark's bucketed broadcast join equals apply bit for bit",
        .enabled(if: SQLEngines.hasSpark, "needs pyspark (.ci/install-deps)"))
    func spark() throws { try Self.compare(engine: "spark") }

    /// Runs the engine's quantile query on continuous scores and fits `--from-quantiles`.
    static func summaries(engine: String, accuracy: Int) throws -> (
        rows: Rows, repair: RepairValue, output: String
    ) {
        var rng = SeededGenerator(seed: 12, purpose: "sql quantiles")
        let rows = sample(&rng, count: 100_000, ties: false)
        let root = TemporaryDirectory()
        defer { root.remove() }
        let dialect = SQLDialect(rawValue: engine)!
        try csv(rows).write(toFile: root.file("scores.csv"), atomically: true, encoding: .utf8)
        // A trivial repair script: the runner always runs one.
        let table = try BarycenterRepair.fit(
            scores: rows.scores, groups: GroupColumn(labels: rows.groups), taskName: "y"
        ).stepTable()
        try RepairSQL.mapCSV([table]).write(
            toFile: root.file("repair.map.csv"), atomically: true, encoding: .utf8)
        try RepairSQL(
            tables: [table], task: "y", dialect: dialect, mapFile: "repair.map.csv",
            inputTable: "scores",
            repairName: "r"
        ).script.write(toFile: root.file("repair.sql"), atomically: true, encoding: .utf8)
        let query = QuantileSQL(
            dialect: dialect, inputTable: "scores", levels: 200, accuracy: accuracy
        ).query
        try query.write(toFile: root.file("quantiles.sql"), atomically: true, encoding: .utf8)
        try SQLEngines.runCases(engine, [root.path])
        let repl = makeInterpreter(directory: root.path)
        let output = run(repl, "fit barycenter --from-quantiles summary.csv --as fromq").output
        return (rows, try #require(repl.workspace.value(RepairValue.self, named: "fromq")), output)
    }

    @Test(
        "DuckDB's quantile_disc summaries are FairMTL's exact quantiles",
        .enabled(if: SQLEngines.hasDuckDB, "needs duckdb (.ci/install-deps)"))
    func duckdbQuantiles() throws {
        let (rows, value, output) = try Self.summaries(engine: "duckdb", accuracy: 0)
        #expect(output.contains("200 levels, 100,000 rows summarised"))
        let repair = value.repairs[0]
        for name in repair.groupNames {
            let own = try EmpiricalDistribution(
                zip(rows.scores, rows.groups).filter { $0.1 == name }.map(\.0))
            let exact = (1...200).map { try! own.quantile(rank: $0, outOf: 200) }
            #expect(try repair.quantileSample(ofGroup: name).sortedValues == exact)
            #expect(value.quantileRankErrors?[name] == 0)
        }
    }

    @Test(
        "Spark's percentile_approx summaries keep the KS within D + ε_s + ε_s'",
        .enabled(if: SQLEngines.hasSpark, "needs pyspark (.ci/install-deps)"))
    func sparkQuantiles() throws {
        let (rows, value, _) = try Self.summaries(engine: "spark", accuracy: 100)
        let repair = value.repairs[0]
        let names = repair.groupNames
        var sorted: [String: [Double]] = [:]
        for (x, g) in zip(rows.scores, rows.groups) { sorted[g, default: []].append(x) }
        for name in names { sorted[name]!.sort() }
        func below(_ z: [Double], _ v: Double) -> Double {
            Double(z.filter { $0 < v }.count) / Double(z.count)
        }
        func exact(_ name: String, _ k: Int) -> Double {
            let z = sorted[name]!
            return z[max(1, (k * z.count + 199) / 200) - 1]
        }
        var realisedLargest = 0.0
        for name in names {
            let approximate = try repair.quantileSample(ofGroup: name).sortedValues
            let declared = try #require(value.quantileRankErrors?[name])
            #expect(declared == 1.0 / 100 + 1.0 / Double(sorted[name]!.count))
            for k in 1...200 {
                let realised = abs(
                    below(sorted[name]!, approximate[k - 1]) - below(sorted[name]!, exact(name, k)))
                realisedLargest = max(realisedLargest, realised)
                #expect(realised <= declared, "\(name) level \(k)")
            }
        }
        let outputs = try repair.apply(
            scores: rows.scores, groups: GroupColumn(labels: rows.groups)
        ).outputs
        for i in 0..<names.count {
            for j in (i + 1)..<names.count {
                let (s, t) = (names[i], names[j])
                let d = (1...200).map {
                    abs(below(sorted[s]!, exact(s, $0)) - below(sorted[t]!, exact(t, $0)))
                }.max()!
                let a = zip(outputs, rows.groups).filter { $0.1 == s }.map(\.0)
                let b = zip(outputs, rows.groups).filter { $0.1 == t }.map(\.0)
                let ks = try KolmogorovSmirnov(a, b).statistic
                #expect(
                    ks <= d + value.quantileRankErrors![s]! + value.quantileRankErrors![t]!,
                    "\(s) vs \(t): KS \(ks), D \(d)")
            }
        }
        // The sketch is approximate: with accuracy 100 its values are not all exact.
        #expect(realisedLargest > 0)
    }
}
