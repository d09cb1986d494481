import FairCore
import FairPlot
import Foundation
import Testing
@testable import FairREPL

@Suite("compare")
struct CompareCommandTests {
    @Test("KS, floor and p of the worst pair, DP gap at the median before, W2 to the π-barycenter: FairCore's numbers")
    func compare() throws {
        let repl = DomainFixtures.session(DomainFixtures.repairedSetup)
        run(repl, "compare")
        let repaired = try #require(repl.workspace.value(RepairedValue.self, named: "fair"))
        let task = repaired.tasks[0]
        let weights = repaired.repairs[0].weights
        let sortedBefore = task.before.sorted()
        let tau = sortedBefore[(sortedBefore.count - 1) / 2]
        for (stage, values) in [("before", task.before), ("after", task.after)] {
            let pairwise = try PairwiseKolmogorovSmirnov(values: values, groups: repaired.groups)
            let sorted = try SortedGroups(values: values, groups: repaired.groups)
            let barycenter = try Barycenter(sorted.samples.map { try EmpiricalDistribution(sortedValues: $0) }, weights: weights)
            #expect(repl.workspace.number(named: "comparison.y_\(stage).KS") == pairwise.statistic)
            #expect(repl.workspace.number(named: "comparison.y_\(stage).floor") == pairwise.maximum.test.noiseFloor)
            #expect(repl.workspace.number(named: "comparison.y_\(stage).p") == pairwise.maximum.test.pValue)
            #expect(repl.workspace.number(named: "comparison.y_\(stage).DP_gap") == (try DemographicParity.gap(values: values, groups: repaired.groups, threshold: tau).gap))
            #expect(repl.workspace.number(named: "comparison.y_\(stage).tau") == tau)
            let w2 = try #require(repl.workspace.number(named: "comparison.y_\(stage).W2_bary"))
            #expect(abs(w2 - barycenter.cost().squareRoot()) <= 1e-12 * max(1, w2))
        }
        #expect(repl.workspace.number(named: "comparison.y_after.KS")! < repl.workspace.number(named: "comparison.y_before.KS")! / 5)
        run(repl, "compare --threshold 0 --as at0")
        #expect(repl.workspace.number(named: "at0.y_after.tau") == 0)
    }

    @Test("--ci adds seeded bootstrap intervals of KS before and after; the verdict follows the p beside it")
    func intervals() throws {
        let repl = DomainFixtures.session(DomainFixtures.repairedSetup)
        let output = run(repl, "compare --ci --resamples 40 --level 0.9").output
        let repaired = try #require(repl.workspace.value(RepairedValue.self, named: "fair"))
        for (stage, values) in [("before", repaired.tasks[0].before), ("after", repaired.tasks[0].after)] {
            let interval = try KolmogorovSmirnovBootstrap(values: values, groups: repaired.groups, replicates: 40, level: 0.9, seed: 42)
            #expect(repl.workspace.number(named: "comparison.y_\(stage).KS_lo") == interval.lower)
            #expect(repl.workspace.number(named: "comparison.y_\(stage).KS_hi") == interval.upper)
        }
        #expect(output.contains("90% percentile bootstrap intervals of KS (40 resamples within each group, seed 42)"))
        let p = try #require(repl.workspace.number(named: "comparison.y_after.p"))
        #expect(output.contains("exact p = \(NumberFormat.significant(p)) \(p >= 0.05 ? "≥" : "<") α = 0.05"))
        // Seeded: the same command gives the same intervals.
        run(repl, "compare --ci --resamples 40 --level 0.9 --as again")
        #expect(repl.workspace.number(named: "again.y_after.KS_hi") == repl.workspace.number(named: "comparison.y_after.KS_hi"))
    }

    @Test("needs repaired predictions")
    func prerequisite() {
        #expect(DomainFixtures.failure(makeInterpreter(), "compare") == "error: 'compare' needs repaired predictions: run 'apply' first.")
    }
}
