import FairCore
import FairPlot
import Foundation
import Testing
@testable import FairREPL

/// `--group A,B` from the command line to the reports: the REPL's multi-attribute repair is
/// FairCore's `MultiAttributeRepair`, bit for bit, and every stage can be looked at.
@Suite("several sensitive attributes")
struct SeveralAttributesCommandTests {
    /// Predictions with race (r0, r1; r2 only in the test part when `unseen`), sex (F, M), a score
    /// depending on both, a 0/1 label and a part column.
    static func csv(unseen: Bool = false) -> String {
        var rng = SeededGenerator(seed: 4)
        var lines = ["race,sex,score,y,part"]
        for i in 0..<3_000 {
            let race = rng.nextInt(below: 2), sex = rng.nextDouble() < 0.4 ? 0 : 1
            let score = 1 / (1 + exp(-(0.8 * Double(race) - 0.6 * Double(sex) + (race == sex ? 0.5 : 0) + rng.nextNormal())))
            let part = i % 2 == 0 ? "pool" : "test"
            let raceName = unseen && part == "test" && i % 50 == 1 ? "r2" : "r\(race)"
            lines.append("\(raceName),\(sex == 0 ? "F" : "M"),\(score),\(rng.nextDouble() < score ? 1 : 0),\(part)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func session(unseen: Bool = false) throws -> (Interpreter, TemporaryDirectory) {
        let directory = TemporaryDirectory()
        try directory.write(Self.csv(unseen: unseen), to: "preds.csv")
        let repl = makeInterpreter(directory: directory.path)
        run(repl, "import predictions preds.csv --group race,sex --tasks score --labels y --part-column part --as p")
        return (repl, directory)
    }

    @Test("import --group race,sex: the groups are the cells; intersectional = FairCore's repair on the merged column, bit for bit")
    func intersectional() throws {
        let (repl, directory) = try session()
        defer { directory.remove() }
        let predictions = try #require(repl.workspace.value(PredictionsValue.self, named: "p"))
        #expect(predictions.attributes == ["race", "sex"])
        #expect(predictions.groups.names == ["r0 × F", "r0 × M", "r1 × F", "r1 × M"])
        let fit = run(repl, "fit barycenter --jitter 1e-6 --seed 3").output
        #expect(fit.contains("intersectional over race × sex"))
        run(repl, "apply")
        let pool = predictions.rows(in: "pool"), test = predictions.rows(in: "test")
        let cells = try RepairCommandSupport.subset(predictions.groups, rows: pool)
        let plain = try BarycenterRepair.fit(
            scores: pool.map { predictions.tasks[0].values[$0] }, groups: try RepairCommandSupport.droppingEmptyGroups(cells),
            rowIDs: pool.map { predictions.rowIDs[$0] }, taskName: "score", options: RepairOptions(jitterHalfWidth: 1e-6, seed: 3))
        let expected = try plain.apply(
            scores: test.map { predictions.tasks[0].values[$0] }, groups: try RepairCommandSupport.subset(predictions.groups, rows: test),
            rowIDs: test.map { predictions.rowIDs[$0] }).outputs
        let fair = try #require(repl.workspace.value(RepairedValue.self, named: "fair"))
        #expect(fair.tasks[0].after.map(\.bitPattern) == expected.map(\.bitPattern))
        // verify ks: every view, with its numbers; the cells at the floor after an intersectional repair.
        let report = run(repl, "verify ks").output
        #expect(report.contains("cells: race × sex") && report.contains("1 cells"))
        for key in ["race", "sex", "cells"] {
            let ratio = try #require(repl.workspace.number(named: "ks.\(key).after_ratio"))
            #expect(ratio < 3, "\(key)")
            #expect(try #require(repl.workspace.number(named: "ks.\(key).before")) > 0)
        }
        // The one-stage repair can be checked as a plain one.
        run(repl, "verify risk", "verify ranks")
    }

    @Test("sequential: each stage is kept and checkable; the final value refuses one-repair checks with the way out")
    func sequential() throws {
        let (repl, directory) = try session()
        defer { directory.remove() }
        run(repl, "fit barycenter --group sex,race --mode sequential --jitter 1e-6 --eps 0.1 --as seq")
        let applied = run(repl, "apply --as s").output
        #expect(applied.contains("stages: s_sex (sex), then s_race (race)"))
        let first = try #require(repl.workspace.value(RepairedValue.self, named: "s_sex"))
        let second = try #require(repl.workspace.value(RepairedValue.self, named: "s_race"))
        let final = try #require(repl.workspace.value(RepairedValue.self, named: "s"))
        #expect(second.tasks[0].before == first.tasks[0].after)
        #expect(final.tasks[0].after == second.tasks[0].after && final.tasks[0].before == first.tasks[0].before)
        #expect(DomainFixtures.failure(repl, "verify risk").contains("check the stages one by one, kept by 'apply' as s_sex, s_race"))
        run(repl, "verify risk --repaired s_race", "verify ranks --repaired s_sex")
        let verify = run(repl, "verify ks --repaired s").output
        #expect(verify.contains("1 sex") && verify.contains("2 race"))
        #expect(repl.workspace.number(named: "ks.sex.stage1") != nil && repl.workspace.number(named: "ks.race.after") != nil)
        // ε is fixed at fit time for a sequential repair.
        #expect(DomainFixtures.failure(repl, "apply --repair seq --eps 0.3").contains("the ε this sequential repair was fitted at"))
        let plot = run(repl, "plot stages --repaired s").output
        #expect(plot.contains("0 before; 1 sex; 2 race"))
        let compare = run(repl, "compare --repaired s").output
        #expect(compare.contains("score.stage1") && compare.contains("AUC"))
    }

    @Test("compare orders: one row per order and the intersectional repair")
    func orders() throws {
        let (repl, directory) = try session()
        defer { directory.remove() }
        let output = run(repl, "compare orders --eps 0.5 --jitter 1e-6").output
        #expect(output.contains("score_race_sex") && output.contains("score_sex_race") && output.contains("score_intersectional"))
        #expect(repl.workspace.number(named: "orders.score_race_sex.KS_cells") != nil)
        #expect(repl.workspace.number(named: "orders.score_sex_race.KS_race") != nil)
    }

    @Test("small cells are refused with every count, or merged on request; unseen combinations are named")
    func smallAndUnseen() throws {
        let (repl, directory) = try session(unseen: true)
        defer { directory.remove() }
        let refused = DomainFixtures.failure(repl, "fit barycenter --min-group 400")
        #expect(refused.contains("fewer calibration rows than the minimum 400") && refused.contains("(every cell: "))
        let merged = run(repl, "fit barycenter --min-group 400 --merge-small --as m").output
        #expect(merged.contains("merged r0 × F + r1 × F"))
        let unseen = DomainFixtures.failure(repl, "apply --repair m")
        #expect(unseen.contains("the combination race = \"r2\", sex = ") && unseen.contains("known combinations: (race = \"r0\", sex = \"F\")"))
        #expect(DomainFixtures.failure(repl, "fit barycenter --group race,age").contains("no sensitive attribute named 'age'"))
    }

    @Test("saved and reopened: the repair and every stage come back equal")
    func saveOpen() throws {
        let (repl, directory) = try session()
        defer { directory.remove() }
        run(repl, "fit barycenter --mode sequential --jitter 1e-6 --as seq", "apply --as s", "save w.fairws")
        let repair = repl.workspace.value(RepairValue.self, named: "seq")
        let repaired = repl.workspace.value(RepairedValue.self, named: "s")
        let other = makeInterpreter(directory: directory.path)
        run(other, "open w.fairws")
        #expect(other.workspace.value(RepairValue.self, named: "seq") == repair)
        #expect(other.workspace.value(RepairedValue.self, named: "s") == repaired)
        #expect(other.workspace.value(PredictionsValue.self, named: "p")?.attributes == ["race", "sex"])
        run(other, "export seq seq.json")
        let file = try #require(directory.read("seq.json"))
        #expect(try MultiAttributeRepair(fileBytes: Array(file.utf8)) == repair?.multi)
    }
}
