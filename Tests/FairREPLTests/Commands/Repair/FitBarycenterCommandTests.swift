import FairCore
import FairPlot
import Foundation
import Testing
@testable import FairREPL

@Suite("fit barycenter")
struct FitBarycenterCommandTests {
    /// The pool rows of the scores, as FairCore sees them.
    static func pool(_ repl: Interpreter) throws -> (scores: [Double], groups: GroupColumn, ids: [UInt64]) {
        let value = try #require(repl.workspace.value(PredictionsValue.self, named: "scores"))
        let rows = value.rows(in: "pool")
        return (rows.map { value.tasks[0].values[$0] }, try GroupColumn(codes: rows.map { value.groups.codes[$0] }, names: value.groups.names),
                rows.map { value.rowIDs[$0] })
    }

    @Test("fits FairCore's repair on the pool rows and prints the groups' sizes and weights")
    func fit() throws {
        let repl = DomainFixtures.session(DomainFixtures.scoresSetup)
        let output = run(repl, "fit barycenter").output
        let (scores, groups, ids) = try Self.pool(repl)
        let direct = try BarycenterRepair.fit(scores: scores, groups: groups, rowIDs: ids, taskName: "y", options: RepairOptions(seed: 42))
        let value = try #require(repl.workspace.value(RepairValue.self, named: "bary"))
        #expect(value.repairs == [direct])
        #expect(value.selection == "pool" && value.rowCount == scores.count && value.lambda == nil)
        let counts = groups.counts()
        #expect(output.hasPrefix("fitted bary on \(NumberFormat.grouped(scores.count)) pool rows of scores (jitter 0, convention A)\ntask  group    n  weight  tied"))
        #expect(output.contains("y     A      \(NumberFormat.grouped(counts[0]))"))
        #expect(repl.workspace.number(named: "bary.y.weight.A") == direct.weights[0])
    }

    @Test("options reach RepairOptions: jitter, seed, convention, halves, out of range, clip, weights, minimum group")
    func options() throws {
        let repl = DomainFixtures.session(DomainFixtures.scoresSetup)
        run(repl, "fit barycenter --jitter 0.001 --seed 3 --convention B --split-halves --out-of-range tail-shift --clip -5,5 --weights A=0.5,B=0.5 --min-group 20 --as tuned")
        let repair = try #require(repl.workspace.value(RepairValue.self, named: "tuned")?.repairs.first)
        let (scores, groups, ids) = try Self.pool(repl)
        let options = RepairOptions(
            jitterHalfWidth: 0.001, seed: 3, convention: .midRankHazen, outOfRange: .tailShift, outputRange: try OutputRange(lower: -5, upper: 5),
            splitCalibration: true, minimumGroupSize: 20)
        #expect(repair == (try BarycenterRepair.fit(scores: scores, groups: groups, rowIDs: ids, taskName: "y", weights: ["A": 0.5, "B": 0.5], options: options)))
        #expect(run(repl, "show tuned").output.contains("jitter 0.001, convention B, split halves, tail shift, clip [-5, 5]"))
    }

    @Test("tied scores and small groups print FairCore's warnings")
    func warnings() {
        let repl = DomainFixtures.session(["load synthetic --rows 400 --seed 1", "split", "import scores y_binary --tasks coarse"])
        let output = run(repl, "fit barycenter").output
        #expect(output.contains("warning (coarse): group \"A\" has only"))
        #expect(output.contains("tied calibration values out of"))
    }

    @Test("errors say what to run or change")
    func errors() {
        let repl = makeInterpreter()
        #expect(DomainFixtures.failure(repl, "fit barycenter")
            == "error: 'fit barycenter' needs predictions: run 'import scores COL (or predict, import predictions FILE)' first.")
        run(repl, "load synthetic --mode gaussian-scores --rows 600", "import scores score --tasks y --as bare")
        #expect(DomainFixtures.failure(repl, "fit barycenter --on pool") == "error: bare has no parts (no split when they were made): 'split --predictions bare' draws pool and test rows, or fit --on all")
        run(repl, "split --pool 0", "import scores score --tasks y")
        let cases: [(String, String)] = [
            ("fit barycenter", "error: scores has no pool rows: split with --pool (e.g. split --pool 0.5), or fit --on all"),
            ("fit barycenter --on all --lambda 1,2", "error: scores were made at no lambda (imported without --lambda), not at λ = (1, 2): predict at that lambda first, or drop --lambda"),
            ("fit barycenter --on all --clip 1", "error: --clip: '1.0' is not allowed; expected two numbers LOW,HIGH."),
            ("fit barycenter --on all --clip 1,0", "error: output range = [1.0, 0.0] is not allowed: finite bounds with lower <= upper, e.g. [0, 1] for probabilities."),
            ("fit barycenter --on all --weights A:0.5", "error: --weights: 'A:0.5' is not allowed; expected GROUP=WEIGHT items, e.g. A=0.5,B=0.5."),
            ("fit barycenter --on all --weights C=0.5", "error: no group named 'C'. Known: 'A', 'B'."),
            ("fit barycenter --on all --weights A=0.5,B=0.6", "error: invalid group weights: they sum to 1.1, not 1 (tolerance 1e-09). Give one non-negative weight per group, summing to 1 (or omit them to use the calibration frequencies)."),
            ("fit barycenter --on all --task z", "error: no task named 'z'. Known: 'y'."),
            ("fit barycenter --on all --convention C", "error: --convention: 'C' is not allowed; expected one of A, B."),
        ]
        for (line, expected) in cases {
            #expect(DomainFixtures.failure(repl, line) == expected, "\(line)")
        }
        #expect(DomainFixtures.failure(repl, "fit barycenter --on all --min-group 5000").hasPrefix(
            "error: group \"A\" has 180 calibration points, fewer than the minimum 5000"))
        #expect(!repl.workspace.contains(kind: .repair))
        #expect(repl.completions(for: "fit barycenter --weights ", cursor: 25) == ["A", "B"])
        #expect(repl.completions(for: "fit barycenter --on p", cursor: 21) == ["pool"])
    }
}
