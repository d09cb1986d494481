import FairCore
import FairPlot
import Foundation
import Testing
@testable import FairREPL

@Suite("apply")
struct ApplyCommandTests {
    @Test("repairs the test rows as FairCore does, and keeps the scores before, the labels and the repair")
    func apply() throws {
        let repl = DomainFixtures.session(DomainFixtures.scoresSetup + ["fit barycenter"])
        let output = run(repl, "apply --eps 0.25").output
        let predictions = try #require(repl.workspace.value(PredictionsValue.self, named: "scores"))
        let repair = try #require(repl.workspace.value(RepairValue.self, named: "bary")?.repairs.first)
        let rows = predictions.rows(in: "test")
        let groups = try GroupColumn(codes: rows.map { predictions.groups.codes[$0] }, names: predictions.groups.names)
        let before = rows.map { predictions.tasks[0].values[$0] }
        let direct = try repair.apply(scores: before, groups: groups, rowIDs: rows.map { UInt64($0) }, epsilon: 0.25)
        let value = try #require(repl.workspace.value(RepairedValue.self, named: "fair"))
        #expect(value.tasks[0].before == before)
        #expect(value.tasks[0].after == direct.outputs)
        #expect(value.tasks[0].labels == rows.map { predictions.tasks[0].labels[$0] })
        #expect(value.repairs == [repair] && value.epsilon == 0.25 && value.selection == "test")
        #expect(output.hasPrefix("applied bary (ε = 0.25) to \(NumberFormat.grouped(rows.count)) test rows of scores → fair"))
        #expect(repl.workspace.number(named: "fair.eps") == 0.25)
        // The training rows reach beyond the pool's range: counted and reported.
        let train = run(repl, "apply --to train --as fair_train").output
        #expect(train.contains("rows outside their group's calibration range (clamped)"))
    }

    @Test("lambda: a repair fitted at one lambda refuses predictions made at another, or without one")
    func lambda() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try directory.write(ImportCommandsTests.predictionsCSV(), to: "preds.csv")
        let repl = makeInterpreter(directory: directory.path)
        run(repl, "import predictions preds.csv --group race --tasks p,q --part-column part --lambda 1,2 --as m",
            "fit barycenter --min-group 4 --as at12")
        run(repl, "import predictions preds.csv --group race --tasks p,q --part-column part --lambda 1,3 --as m")
        #expect(DomainFixtures.failure(repl, "apply")
            == "error: the repair was fitted on predictions made at lambda = (1.0, 2.0), but these were made at lambda = (1.0, 3.0). Refit the repair at this lambda (the barycenter map is specific to lambda). To measure how unfair that would be, add --allow-lambda-mismatch.")
        // The override applies the maps anyway, says so, and gives the same outputs as the maps
        // applied directly to these scores.
        let mixed = run(repl, "apply --allow-lambda-mismatch --as mixed").output
        #expect(mixed.contains("warning: at12 was fitted at λ = (1, 2) but m were made at λ = (1, 3) (--allow-lambda-mismatch)"))
        let value = try #require(repl.workspace.value(RepairedValue.self, named: "mixed"))
        let fitted = try #require(repl.workspace.value(RepairValue.self, named: "at12"))
        for (task, repair) in zip(value.tasks, fitted.repairs) {
            #expect(try repair.apply(scores: task.before, groups: value.groups, rowIDs: value.rowIDs).outputs == task.after)
        }
        run(repl, "import predictions preds.csv --group race --tasks p,q --part-column part --as m")
        #expect(DomainFixtures.failure(repl, "apply")
            == "error: at12 was fitted on predictions made at λ = (1, 2), but m have no lambda: apply it to predictions made at that lambda")
        run(repl, "fit barycenter --min-group 4 --as plain")
        run(repl, "import predictions preds.csv --group race --tasks p,q --part-column part --lambda 1,3 --as m")
        #expect(DomainFixtures.failure(repl, "apply")
            == "error: plain was fitted on predictions without a lambda, but m were made at λ = (1, 3): fit a repair on predictions at this lambda")
        run(repl, "import predictions preds.csv --group race --tasks p --part-column part --as ponly")
        #expect(DomainFixtures.failure(repl, "apply --predictions ponly")
            == "error: task \"q\" is missing from the predictions (they provide \"p\"). Provide a prediction column for every task of the repair.")
    }

    @Test("errors: nothing fitted, no rows in the chosen part, unknown names")
    func errors() {
        let repl = makeInterpreter()
        #expect(DomainFixtures.failure(repl, "apply") == "error: 'apply' needs a repair: run 'fit barycenter' first.")
        run(repl, "load synthetic --mode gaussian-scores --rows 600", "import scores score --tasks y --as bare", "fit barycenter")
        #expect(DomainFixtures.failure(repl, "apply --to test") == "error: bare has no parts (no split when they were made): 'split --predictions bare' draws pool and test rows, or apply --to all")
        run(repl, "apply")
        run(repl, "split --test 0", "import scores score --tasks y", "fit barycenter --as pooled")
        #expect(DomainFixtures.failure(repl, "apply") == "error: scores has no test rows: apply --to another part (pool, test, train, all)")
        #expect(DomainFixtures.failure(repl, "apply --repair bar") == "error: no repair named 'bar'. Did you mean 'bary'?")
        #expect(DomainFixtures.failure(repl, "apply --eps 2") == "error: --eps: '2' is not allowed; expected a number in [0, 1].")
        #expect(repl.completions(for: "apply --repair ", cursor: 15) == ["bary", "pooled"])
    }
}
