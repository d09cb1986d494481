import FairCore
import FairPlot
import Foundation
import Testing
@testable import FairREPL

@Suite("verify ks, verify ranks, verify risk")
struct VerifyCommandsTests {
    @Test("verify ks stores KS before and after, the noise floor, the p-values and --ci's intervals, as FairCore computes them")
    func ks() throws {
        let repl = DomainFixtures.session(DomainFixtures.repairedSetup)
        let output = run(repl, "verify ks --ci --resamples 50").output
        let repaired = try #require(repl.workspace.value(RepairedValue.self, named: "fair"))
        let before = try PairwiseKolmogorovSmirnov(values: repaired.tasks[0].before, groups: repaired.groups)
        let after = try PairwiseKolmogorovSmirnov(values: repaired.tasks[0].after, groups: repaired.groups)
        #expect(repl.workspace.number(named: "ks.before") == before.statistic)
        #expect(repl.workspace.number(named: "ks.after") == after.statistic)
        #expect(repl.workspace.number(named: "ks.floor") == after.maximum.test.noiseFloor)
        #expect(repl.workspace.number(named: "ks.p") == after.maximum.test.pValue)
        #expect(repl.workspace.number(named: "ks.p_before") == before.maximum.test.pValue)
        #expect(after.maximum.test.pValueMethod == .exact)
        for (stage, values) in [("before", repaired.tasks[0].before), ("after", repaired.tasks[0].after)] {
            let interval = try KolmogorovSmirnovBootstrap(values: values, groups: repaired.groups, replicates: 50, seed: 42)
            #expect(repl.workspace.number(named: "ks.\(stage)_low") == interval.lower)
            #expect(repl.workspace.number(named: "ks.\(stage)_high") == interval.upper)
        }
        #expect(output.contains("95% percentile bootstrap intervals of KS (50 resamples within each group, seed 42)"))
        #expect(output.contains("before_lo  before_hi") && output.contains("after_lo  after_hi"))
        // The verdict follows the test: p ≥ 0.05 here, so "cannot be told apart", with that p beside it.
        let p = after.maximum.test.pValue
        #expect(p >= 0.05)
        #expect(output.contains("y: KS after \(NumberFormat.significant(after.statistic)) is") && output.contains(
            "exact p = \(NumberFormat.significant(p)) ≥ α = 0.05: at this sample size the repaired groups cannot be told apart"))
        // At a level above p, the same numbers say the groups still differ.
        let strict = run(repl, "verify ks --alpha 0.5").output
        #expect(strict.contains("(tests at α = 0.5)") == true)
        if p < 0.5 { #expect(strict.contains("< α = 0.5: the repaired groups still differ")) }
        #expect(run(repl, "expect ks.after < 3 * ks.floor and ks.before > 10 * ks.floor").passedExpectations == 1)
    }

    @Test("in-sample counts rows of the same file or table only: an imported file fitted and applied on all rows warns, another file does not")
    func inSampleAcrossFiles() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        for (name, offset) in [("a.csv", 0.0), ("b.csv", 0.37)] {
            var lines = ["id,g,s"]
            for i in 0..<120 { lines.append("\(i),\(i % 2 == 0 ? "F" : "M"),\(Double((i * 53) % 97) / 97 + offset)") }
            try directory.write(lines.joined(separator: "\n") + "\n", to: name)
        }
        let repl = makeInterpreter(directory: directory.path)
        run(repl, "import predictions a.csv --id id --group g --tasks s --as preds", "fit barycenter --on all")
        #expect(run(repl, "apply --to all").output.contains("warning: bary was fitted on all 120 rows it is evaluated on (in-sample)"))
        run(repl, "import predictions b.csv --id id --group g --tasks s --as preds")
        #expect(!run(repl, "apply --to all --as other").output.contains("in-sample"))
        #expect(!run(repl, "verify ks --repaired other").output.contains("in-sample"))
    }

    @Test("three groups: verify ks and compare name the pair attaining the maximum and give Holm's p")
    func threeGroups() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var lines = ["id,g,s,part"]
        for i in 0..<300 {
            let group = ["A", "B", "C"][i % 3]
            let shift = group == "C" ? 1.0 : 0.0
            lines.append("\(i),\(group),\(Double((i * 37) % 101) / 101 + shift),\(i % 2 == 0 ? "pool" : "test")")
        }
        try directory.write(lines.joined(separator: "\n") + "\n", to: "three.csv")
        let repl = makeInterpreter(directory: directory.path)
        run(repl, "import predictions three.csv --id id --group g --tasks s --part-column part", "fit barycenter", "apply")
        let output = run(repl, "verify ks").output
        #expect(output.contains("pair_before") && output.contains("pair_after") && output.contains("p_holm"))
        #expect(output.contains("A vs C") || output.contains("B vs C"))
        #expect(output.contains("Holm-adjusted over 3 pairs"))
        let repaired = try #require(repl.workspace.current(RepairedValue.self)?.value)
        let before = try PairwiseKolmogorovSmirnov(values: repaired.tasks[0].before, groups: repaired.groups)
        #expect(repl.workspace.number(named: "ks.p_before") == before.holmAdjustedPValues.min())
        let table = run(repl, "compare").output
        #expect(table.contains("pair") && table.contains("p_holm"))
        #expect(table.contains("y.before") || table.contains("s.before"))
        #expect(table.contains("\(before.maximum.first) vs \(before.maximum.second)"))
        let plot = run(repl, "plot cdf --before").output
        #expect(plot.contains("KS = \(NumberFormat.significant(before.statistic)) (\(before.maximum.first) vs \(before.maximum.second))"))
    }

    @Test("warnings: in-sample evaluation and a repair fitted on training rows (Remark 2), in apply, compare and verify ks")
    func provenanceWarnings() throws {
        let repl = DomainFixtures.session(DomainFixtures.scoresSetup + ["fit barycenter"])
        let inSample = run(repl, "apply --to pool --as own").output
        let warning = "warning: bary was fitted on all 1,050 rows it is evaluated on (in-sample)"
        #expect(inSample.contains(warning))
        #expect(run(repl, "verify ks --repaired own").output.contains(warning))
        #expect(run(repl, "compare --repaired own").output.contains(warning))
        // Held-out rows: no warning.
        let heldOut = run(repl, "apply").output
        #expect(!heldOut.contains("warning"))
        #expect(!run(repl, "verify ks").output.contains("warning"))
        // Applying to all rows: only the pool's share is in-sample.
        #expect(run(repl, "apply --to all --as everything").output.contains("warning: bary was fitted on 1,050 of the 3,000 rows it is evaluated on (in-sample)"))
        // Saved and opened, the repair and the repaired rows keep what they were fitted on.
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        run(repl, "save \(directory.file("session.fair"))")
        let reopened = makeInterpreter()
        run(reopened, "open \(directory.file("session.fair"))")
        #expect(reopened.workspace.value(RepairedValue.self, named: "own") == repl.workspace.value(RepairedValue.self, named: "own"))
        #expect(reopened.workspace.value(RepairValue.self, named: "bary") == repl.workspace.value(RepairValue.self, named: "bary"))
        #expect(run(reopened, "verify ks --repaired own").output.contains(warning))
        // Fitted on the training part.
        let fitted = run(repl, "fit barycenter --on train --as trained").output
        let remark = "warning: trained was fitted on 1,050 rows of the training part, the rows a model is trained on (Remark 2)"
        #expect(fitted.contains(remark))
        #expect(run(repl, "apply --repair trained --as t").output.contains(remark))
        #expect(run(repl, "verify ks").output.contains(remark))
        #expect(run(repl, "compare").output.contains(remark))
    }

    @Test("with several tasks, each task's numbers and the worst over tasks")
    func severalTasks() throws {
        let repl = DomainFixtures.session([
            "load synthetic --rows 2000 --seed 8", "split --seed 8", "import scores f_true,p_true --tasks y_regression,y_binary",
            "fit barycenter --jitter 0.000001", "apply",
        ])
        run(repl, "verify ks")
        let reg = try #require(repl.workspace.number(named: "ks.y_regression.after"))
        let bin = try #require(repl.workspace.number(named: "ks.y_binary.after"))
        #expect(repl.workspace.number(named: "ks.after") == max(reg, bin))
        run(repl, "verify risk")
        let change = try #require(repl.workspace.number(named: "risk.y_regression.change"))
        let other = try #require(repl.workspace.number(named: "risk.y_binary.change"))
        #expect(repl.workspace.number(named: "risk.change") == change + other)
        run(repl, "verify ks --task y_binary")
        #expect(repl.workspace.number(named: "ks.after") == bin)
    }

    @Test("verify ranks: no pair of one group changes order; counts as RankPreservation.byGroup")
    func ranks() throws {
        let repl = DomainFixtures.session(DomainFixtures.repairedSetup)
        let output = run(repl, "verify ranks").output
        let repaired = try #require(repl.workspace.value(RepairedValue.self, named: "fair"))
        let counts = try RankPreservation.byGroup(before: repaired.tasks[0].before, after: repaired.tasks[0].after, groups: repaired.groups)
        #expect(repl.workspace.number(named: "ranks.inversions") == 0)
        #expect(repl.workspace.number(named: "ranks.ties") == Double(counts.tiedByMap))
        #expect(repl.workspace.number(named: "ranks.max_violation") == 0)
        #expect(output.hasSuffix("no pair of rows of one group changes order: the repair is monotone within each group"))
        #expect(output.hasPrefix("order within each group on 900 test rows of fair (tolerance 0)"))
    }

    @Test("verify ranks with jitter: monotone in the jittered scores; raw swaps counted apart; --tolerance splits reversals")
    func ranksWithJitter() throws {
        let repl = DomainFixtures.session(DomainFixtures.scoresSetup + ["fit barycenter --jitter 0.5", "apply"])
        let output = run(repl, "verify ranks").output
        let repaired = try #require(repl.workspace.value(RepairedValue.self, named: "fair"))
        let task = repaired.tasks[0]
        let raw = try RankPreservation.byGroup(before: task.before, after: task.after, groups: repaired.groups)
        let jittered = task.before.indices.map { i in
            task.before[i] + KeyedNoise.symmetric(seed: 42, stream: KeyedNoise.stableHash("y"), key: repaired.rowIDs[i], halfWidth: 0.5)
        }
        let monotone = try RankPreservation.byGroup(before: jittered, after: task.after, groups: repaired.groups)
        #expect(raw.inversions > 0 && monotone.inversions == 0)
        #expect(repl.workspace.number(named: "ranks.inversions") == 0)
        #expect(repl.workspace.number(named: "ranks.swaps") == Double(raw.inversions))
        #expect(output.contains("y: ranked on the jittered scores (u = 0.5); \(NumberFormat.grouped(raw.inversions)) pairs closer than 2u swap in the raw scores"))

        // The tolerance is echoed as typed; a monotone repair has no reversal of any size.
        let plain = DomainFixtures.session(DomainFixtures.repairedSetup)
        #expect(run(plain, "verify ranks --tolerance 0.01").output.hasPrefix("order within each group on 900 test rows of fair (tolerance 0.01)"))
        #expect(plain.workspace.number(named: "ranks.small") == 0)
    }

    @Test("verify risk: the mean squared change and Σ π W2² of the repair, as RiskIdentity")
    func risk() throws {
        let repl = DomainFixtures.session(DomainFixtures.repairedSetup)
        let output = run(repl, "verify risk").output
        let repaired = try #require(repl.workspace.value(RepairedValue.self, named: "fair"))
        let identity = try repaired.repairs[0].riskIdentity(scores: repaired.tasks[0].before, groups: repaired.groups, rowIDs: repaired.rowIDs)
        #expect(repl.workspace.number(named: "risk.change") == identity.meanSquaredChange)
        #expect(repl.workspace.number(named: "risk.w2") == identity.barycenterCost)
        #expect(repl.workspace.number(named: "risk.difference") == identity.meanSquaredChange - identity.barycenterCost)
        #expect(output.contains("task  group  change"))
        // The Gaussian laws of the synthetic scores: Σ π [(m - m̄)² + (σ - σ̄)²] = 0.6825.
        #expect(abs(identity.barycenterCost - 0.6825) < 0.1)
    }

    @Test("every verify needs repaired predictions; --task names a repaired task")
    func errors() {
        let repl = makeInterpreter()
        for command in ["verify ks", "verify ranks", "verify risk"] {
            #expect(DomainFixtures.failure(repl, command) == "error: '\(command)' needs repaired predictions: run 'apply' first.")
        }
        #expect(DomainFixtures.failure(repl, "verify rank").hasPrefix("error: 'verify' has no subcommand 'rank'. Did you mean 'verify ranks'?"))
        run(repl, "load synthetic --mode gaussian-scores --rows 600", "split", "import scores score --tasks y", "fit barycenter", "apply")
        #expect(DomainFixtures.failure(repl, "verify ks --task x") == "error: no task named 'x'. Known: 'y'.")
        #expect(DomainFixtures.failure(repl, "verify ks --ci --resamples 5") == "error: --resamples: '5' is not allowed; expected an integer between 10 and 100000.")
        #expect(DomainFixtures.failure(repl, "verify ks --alpha 0.7").hasPrefix("error: --alpha: '0.7' is not allowed"))
        #expect(repl.completions(for: "verify ks --task ", cursor: 17) == ["y"])
    }
}
