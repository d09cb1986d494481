import FairCore
import FairData
import Foundation
import Testing
@testable import FairREPL

/// Every domain value kind through `save`/`open` and `export`.
@Suite("domain values in workspace files and exports")
struct DomainWorkspaceTests {
    @Test("save then open restores tables, splits, predictions, repairs and repaired predictions exactly")
    func roundTrip() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let repl = DomainFixtures.session(
            DomainFixtures.repairedSetup + ["mask y 0.5", "compare", "verify ks"], directory: directory.path)
        run(repl, "save all.fairws")
        let reopened = DomainFixtures.session(["open all.fairws"], directory: directory.path)
        let before = repl.workspace, after = reopened.workspace
        #expect(after.value(TableValue.self, named: "synthetic")?.dataset.table == before.value(TableValue.self, named: "synthetic")?.dataset.table)
        #expect(after.value(TableValue.self, named: "synthetic")?.dataset.tasks == before.value(TableValue.self, named: "synthetic")?.dataset.tasks)
        #expect(after.value(SplitValue.self, named: "split") == before.value(SplitValue.self, named: "split"))
        #expect(after.value(PredictionsValue.self, named: "scores") == before.value(PredictionsValue.self, named: "scores"))
        #expect(after.value(RepairValue.self, named: "bary") == before.value(RepairValue.self, named: "bary"))
        #expect(after.value(RepairedValue.self, named: "fair") == before.value(RepairedValue.self, named: "fair"))
        #expect(after.number(named: "ks.after") == before.number(named: "ks.after"))
        #expect(run(reopened, "verify ks").output == run(repl, "verify ks").output)
        #expect(run(reopened, "apply --as again").output == run(repl, "apply --as again").output)
    }

    @Test("a table with categorical columns, missing labels and an official split survives save/open")
    func categoricalTable() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var lines = DomainFixtures.peopleCSV().split(separator: "\n").map(String.init)
        lines[4] = "3,M,33,north,,1"
        try directory.write(lines.joined(separator: "\n") + "\n", to: "people.csv")
        let repl = DomainFixtures.session(["load people.csv --label y,clicked --group sex", "save p.fairws"], directory: directory.path)
        let reopened = DomainFixtures.session(["open p.fairws"], directory: directory.path)
        let original = try #require(repl.workspace.value(TableValue.self, named: "people")?.dataset)
        let restored = try #require(reopened.workspace.value(TableValue.self, named: "people")?.dataset)
        #expect(restored.table == original.table)
        #expect(restored.features == original.features && restored.sensitive == original.sensitive && restored.source == original.source)
        #expect(try restored.table.numeric("y")[3].isNaN)
    }

    @Test("export: predictions and repaired predictions as CSV, a fitted repair as FairCore's repair file")
    func export() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let repl = DomainFixtures.session(DomainFixtures.repairedSetup, directory: directory.path)
        run(repl, "export scores scores.csv", "export fair fair.csv", "export bary bary.json", "export bary bary.csv")
        let scores = try CSVReader.read(contentsOf: directory.file("scores.csv"))
        #expect(scores.columnNames == ["row", "part", "group", "y", "y_label"])
        #expect(scores.rowCount == 3000)
        let fair = try CSVReader.read(contentsOf: directory.file("fair.csv"))
        let repaired = try #require(repl.workspace.value(RepairedValue.self, named: "fair"))
        #expect(try fair.numeric("y_after") == repaired.tasks[0].after)
        let loaded = try BarycenterRepair.load(from: directory.file("bary.json"))
        #expect([loaded] == repl.workspace.value(RepairValue.self, named: "bary")?.repairs)
        #expect(try CSVReader.read(contentsOf: directory.file("bary.csv")).columnNames == ["task", "group", "n", "weight", "tied"])
    }

    @Test("export of a multi-task repair: a MultiTaskRepair file with its lambda; without a lambda, one task at a time")
    func exportMultiTask() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try directory.write(ImportCommandsTests.predictionsCSV(), to: "preds.csv")
        let repl = DomainFixtures.session([
            "import predictions preds.csv --group race --tasks p,q --part-column part --lambda 1,2",
            "fit barycenter --min-group 4", "export bary multi.json",
        ], directory: directory.path)
        let loaded = try MultiTaskRepair.load(from: directory.file("multi.json"))
        #expect(loaded.lambda == [1, 2] && loaded.taskNames == ["p", "q"])
        run(repl, "import predictions preds.csv --group race --tasks p,q --part-column part --as nolambda", "fit barycenter --min-group 4 --as two")
        #expect(DomainFixtures.failure(repl, "export two two.json")
            == "error: these repairs have no lambda (their predictions were imported without --lambda), so they are not one multi-task repair file: fit one task at a time (fit barycenter --task T) to export it, or import the predictions with --lambda")
    }
}
