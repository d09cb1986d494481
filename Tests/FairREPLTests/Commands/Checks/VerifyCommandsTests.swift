import FairCore
import FairPlot
import Foundation
import Testing
@testable import FairREPL

@Suite("verify ks, verify ranks, verify risk")
struct VerifyCommandsTests {
    @Test("verify ks stores KS before and after, the noise floor and the p-value, as FairCore computes them")
    func ks() throws {
        let repl = DomainFixtures.session(DomainFixtures.repairedSetup)
        let output = run(repl, "verify ks --bootstrap 50").output
        let repaired = try #require(repl.workspace.value(RepairedValue.self, named: "fair"))
        let before = try PairwiseKolmogorovSmirnov(values: repaired.tasks[0].before, groups: repaired.groups)
        let after = try PairwiseKolmogorovSmirnov(values: repaired.tasks[0].after, groups: repaired.groups)
        #expect(repl.workspace.number(named: "ks.before") == before.statistic)
        #expect(repl.workspace.number(named: "ks.after") == after.statistic)
        #expect(repl.workspace.number(named: "ks.floor") == after.maximum.test.noiseFloor)
        #expect(repl.workspace.number(named: "ks.p") == after.maximum.test.pValue)
        let interval = try KolmogorovSmirnovBootstrap(values: repaired.tasks[0].after, groups: repaired.groups, replicates: 50, seed: 42)
        #expect(repl.workspace.number(named: "ks.after_low") == interval.lower)
        #expect(repl.workspace.number(named: "ks.after_high") == interval.upper)
        #expect(after.statistic <= 3 * after.maximum.test.noiseFloor)
        #expect(output.contains("y: KS after is") && output.contains("at the noise floor, so at this sample size the repaired groups cannot be told apart"))
        #expect(run(repl, "expect ks.after < 3 * ks.floor and ks.before > 10 * ks.floor").passedExpectations == 1)
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
        #expect(DomainFixtures.failure(repl, "verify ks --bootstrap 5") == "error: --bootstrap: '5' is not allowed; expected an integer between 10 and 100000.")
        #expect(repl.completions(for: "verify ks --task ", cursor: 17) == ["y"])
    }
}
