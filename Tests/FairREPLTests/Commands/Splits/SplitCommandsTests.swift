import FairCore
import FairData
import FairPlot
import Foundation
import Testing
@testable import FairREPL

@Suite("split and mask")
struct SplitCommandsTests {
    @Test("split: the parts of DataSplit.random with the same seed, counts per group, encoder fitted on train")
    func split() throws {
        let repl = DomainFixtures.session(["load synthetic --rows 1000 --seed 2"])
        let output = run(repl, "split --test 0.2 --pool 0.25 --seed 7 --stratify").output
        let dataset = try #require(repl.workspace.value(TableValue.self, named: "synthetic")?.dataset)
        let expected = try DataSplit.random(rowCount: 1000, testFraction: 0.2, poolFraction: 0.25, seed: 7, stratifiedBy: dataset.groups)
        let value = try #require(repl.workspace.value(SplitValue.self, named: "split"))
        #expect(value.split == expected)
        #expect(output == """
            split synthetic (seed 7, stratified); features fitted on the training rows: 7
            part   rows    A    B
            -----  ----  ---  ---
            train   600  180  420
            pool    200   60  140
            test    200   60  140
            """)
        #expect(repl.workspace.number(named: "split.pool") == 200)
        run(repl, "set seed 3", "split --as other")
        #expect(repl.workspace.value(SplitValue.self, named: "other")?.seed == 3)
        #expect(repl.workspace.value(SplitValue.self, named: "other")?.poolFraction == 0.5)
    }

    @Test("mask removes the labels LabelMask removes; 0 keeps them all")
    func mask() throws {
        let repl = DomainFixtures.session(["load synthetic --rows 1000 --seed 2", "split --seed 4"])
        let output = run(repl, "mask y_regression 0.5").output
        let value = try #require(repl.workspace.value(SplitValue.self, named: "split"))
        let mask = try LabelMask(task: "y_regression", missingProbability: 0.5, seed: 4)
        let removed = value.split.train.filter { mask.isMasked(row: $0) }.count
        let share = NumberFormat.compact(100 * Double(removed) / Double(value.split.train.count), digits: 3)
        #expect(output == "masked y_regression: \(removed) of \(value.split.train.count) training labels removed (\(share)%, p = 0.5, seed 4)")
        #expect(value.missingLabelFractions == ["y_regression": 0.5])
        let dataset = try #require(repl.workspace.value(TableValue.self, named: "synthetic")?.dataset)
        let prepared = try value.prepare(dataset)
        #expect(try prepared.train.labels(of: "y_regression").observedCount == value.split.train.count - removed)
        #expect(run(repl, "mask y_regression 0").output == "y_regression: every training label is kept")
        #expect(repl.completions(for: "mask y_", cursor: 7) == ["y_binary", "y_regression"])
    }

    @Test("errors: no table or split yet, unknown task, a category only outside the training rows, too few rows")
    func errors() throws {
        let repl = makeInterpreter()
        #expect(DomainFixtures.failure(repl, "split") == "error: 'split' needs a table or imported predictions: run 'load NAME|FILE' or 'import predictions FILE' first.")
        #expect(DomainFixtures.failure(repl, "mask y 0.5") == "error: 'mask' needs a split: run 'split' first.")
        run(repl, "load synthetic --rows 100", "split")
        #expect(DomainFixtures.failure(repl, "mask y_regresion 0.5") == "error: no task named 'y_regresion'. Did you mean 'y_regression'?")
        #expect(DomainFixtures.failure(repl, "mask y_regression 1.5") == "error: FRACTION: '1.5' is not allowed; expected a number in [0, 1].")
        #expect(DomainFixtures.failure(repl, "split --test 0.95 --pool 0.95").contains("Use more data or smaller fractions"))

        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var lines = ["id,g,y"]
        for row in 0..<30 { lines.append("c\(row),\(row % 2 == 0 ? "a" : "b"),\(row)") }
        try directory.write(lines.joined(separator: "\n") + "\n", to: "ids.csv")
        let csv = makeInterpreter(directory: directory.path)
        run(csv, "load ids.csv --label y --group g")
        #expect(DomainFixtures.failure(csv, "split --seed 1").hasPrefix("error: column 'id': category 'c"))
        #expect(DomainFixtures.failure(csv, "split --seed 1").hasSuffix(
            "is not in any training row, so the encoder cannot represent it: split with another --seed, with --stratify, or with --unseen ignore (all-zero one-hot)"))
        run(csv, "split --seed 1 --unseen ignore")
    }
}
