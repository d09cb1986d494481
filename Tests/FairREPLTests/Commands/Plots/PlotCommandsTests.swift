import FairCore
import FairPlot
import Foundation
import Testing
@testable import FairREPL

@Suite("plot cdf, map, hist, tradeoff")
struct PlotCommandsTests {
    @Test("plot cdf: a panel before and after, with each group's n, KS and W2 to the barycenter; ASCII and deterministic")
    func cdf() throws {
        let repl = DomainFixtures.session(DomainFixtures.repairedSetup + ["set width 64"])
        let output = run(repl, "plot cdf").output
        let repaired = try #require(repl.workspace.value(RepairedValue.self, named: "fair"))
        let before = try GroupStatistics(values: repaired.tasks[0].before, groups: repaired.groups, weights: repaired.weights["y"])
        let counts = repaired.groups.counts()
        #expect(output.contains("CDF of y by group — before repair"))
        #expect(output.contains("CDF of y by group — after repair (ε = 0)"))
        #expect(output.contains("a = A (n=\(counts[0]))"))
        #expect(output.contains("* = barycenter"))
        #expect(output.contains("KS = \(NumberFormat.significant(before.ks, digits: 3))"))
        #expect(output.split(separator: "\n").allSatisfy { $0.count <= 64 }, "the width is respected")
        #expect(output.allSatisfy { $0.isASCII || "─┤│└┬—·→ε".contains($0) }, "ASCII canvas")
        #expect(run(repl, "plot cdf").output == output, "the same plot twice")
        let after = run(repl, "plot cdf --after").output
        #expect(!after.contains("before repair") && after.contains("after repair"))
        #expect(!run(repl, "plot cdf --before").output.contains("after repair"))
    }

    @Test("--before or --after alone keeps the axis of both panels; the result carries the chart next to its text")
    func sharedAxis() throws {
        let repl = DomainFixtures.session(DomainFixtures.repairedSetup + ["set width 64"])
        let both = run(repl, "plot cdf")
        let after = run(repl, "plot cdf --after"), before = run(repl, "plot cdf --before")
        let panels = try #require(both.figures.first?.figure.panels)
        #expect(panels.count == 2 && panels[0].xAxis == panels[1].xAxis)
        #expect(after.figures.first?.figure.panels.first?.xAxis == panels[1].xAxis)
        #expect(before.figures.first?.figure.panels.first?.xAxis == panels[0].xAxis)
        #expect(after.figures.count == 1 && after.output.contains(after.figures[0].text))
        #expect(run(repl, "let x = 1").figures.isEmpty)
    }

    @Test("plot tradeoff labels each point with its eps, on the terminal and in the chart")
    func tradeoffLabels() throws {
        let repl = DomainFixtures.session(DomainFixtures.repairedSetup + ["set width 64"])
        let result = run(repl, "plot tradeoff --eps 0,0.5,1")
        #expect(result.figures.first?.figure.panels.first?.series.first?.labels == ["ε=0", "ε=0.5", "ε=1"])
        #expect(result.output.contains("o ε=0") || result.output.contains("ε=0 o"))
    }

    @Test("plot cdf without a repair plots the predictions of the chosen rows")
    func cdfBeforeRepair() {
        let repl = DomainFixtures.session(DomainFixtures.scoresSetup)
        #expect(run(repl, "plot cdf").output.contains("CDF of y by group — test rows of scores"))
        #expect(run(repl, "plot cdf --on pool").output.contains("CDF of y by group — pool rows of scores"))
        #expect(DomainFixtures.failure(repl, "plot cdf --after")
            == "error: nothing is repaired yet, so there is no 'after': run 'fit barycenter' and 'apply' first")
        let bare = DomainFixtures.session(["load synthetic --mode gaussian-scores --rows 300", "import scores score --tasks y"])
        #expect(run(bare, "plot hist").output.contains("y by group — all rows of scores"))
        #expect(DomainFixtures.failure(bare, "plot cdf --on pool") == "error: scores has no pool rows: choose --on pool, test, train or all")
    }

    @Test("plot map draws each group's map; plot hist the groups' histograms")
    func mapAndHist() {
        let repl = DomainFixtures.session(DomainFixtures.repairedSetup)
        let map = run(repl, "plot map").output
        #expect(map.contains("repair map of y by group") && map.contains("rms change") && map.contains(". = identity (y = x)"))
        let hist = run(repl, "plot hist --bins 10").output
        #expect(hist.contains("y by group — before repair") && hist.contains("y by group — after repair"))
        #expect(DomainFixtures.failure(repl, "plot map --task z") == "error: no task named 'z'. Known: 'y'.")
        #expect(DomainFixtures.failure(repl, "plot hist --bins 1") == "error: --bins: '1' is not allowed; expected an integer between 2 and 200.")
    }

    @Test("plot tradeoff: KS and error at each eps; eps 1 is the original scores")
    func tradeoff() throws {
        let repl = DomainFixtures.session(DomainFixtures.repairedSetup)
        let output = run(repl, "plot tradeoff --eps 0,0.5,1").output
        #expect(output.contains("y: MSE against KS over eps"))
        let repaired = try #require(repl.workspace.value(RepairedValue.self, named: "fair"))
        let original = try PairwiseKolmogorovSmirnov(values: repaired.tasks[0].before, groups: repaired.groups).statistic
        #expect(repl.workspace.number(named: "tradeoff.1.KS") == original)
        let fair = try #require(repl.workspace.number(named: "tradeoff.0.KS"))
        #expect(fair < original / 5)
        #expect(repl.workspace.number(named: "tradeoff.1.risk")! < repl.workspace.number(named: "tradeoff.0.risk")!)
    }

    @Test("plot tradeoff --over lambda: refits the repair at each λ; at the predictions' λ it is the repair already applied")
    func tradeoffOverLambda() throws {
        let repl = DomainFixtures.session(PredictCommandsTests.trained + [
            "predict --lambda 0.5,0.5", "fit barycenter --jitter 1e-6", "apply", "verify ks",
        ])
        let output = run(repl, "plot tradeoff --over lambda --task y_regression --grid 0.1,0.5,1").output
        #expect(output.contains("y_regression: MSE against KS over λ") && output.contains("b = before repair") && output.contains("a = after repair"))
        #expect(repl.workspace.number(named: "tradeoff.0_5.KS_after") == repl.workspace.number(named: "ks.y_regression.after"))
        #expect(repl.workspace.number(named: "tradeoff.0_5.KS_before") == repl.workspace.number(named: "ks.y_regression.before"))
        for key in ["0_1", "0_5", "1"] {
            #expect(repl.workspace.number(named: "tradeoff.\(key).KS_after")! < repl.workspace.number(named: "tradeoff.\(key).KS_before")!)
        }
        run(repl, "import scores f_true --tasks truth", "fit barycenter --jitter 1e-6 --as oracle", "apply --as fair_oracle")
        #expect(DomainFixtures.failure(repl, "plot tradeoff --over lambda --model mtl")
            == "error: mtl has no task 'truth' (its tasks: y_regression, y_binary)")
        run(repl, "split --pool 0 --as nopool", "train mtl --epochs 1 --hidden 4 --split nopool --as nopool_mtl")
        #expect(DomainFixtures.failure(repl, "plot tradeoff --over lambda --repaired fair --model nopool_mtl")
            == "error: --over lambda fits on the pool and measures on the test rows, and the split lacks one: split with --pool and --test above 0")
        run(repl, "train plain --epochs 1 --hidden 4")
        #expect(DomainFixtures.failure(repl, "plot tradeoff --over lambda")
            == "error: --over lambda needs a YOTO model (train mtl); plain was trained at fixed task weights: use --over eps")
    }

    @Test("plots need predictions (cdf, hist) or repaired predictions (map, tradeoff)")
    func prerequisites() {
        let repl = makeInterpreter()
        #expect(DomainFixtures.failure(repl, "plot cdf")
            == "error: 'plot cdf' needs predictions: run 'import scores COL (or predict, import predictions FILE)' first.")
        #expect(DomainFixtures.failure(repl, "plot map") == "error: 'plot map' needs repaired predictions: run 'apply' first.")
        #expect(DomainFixtures.failure(repl, "plot tradeoff") == "error: 'plot tradeoff' needs repaired predictions: run 'apply' first.")
        #expect(DomainFixtures.failure(repl, "plot") == "error: 'plot' needs a subcommand: 'plot cdf', 'plot hist', 'plot map', 'plot stages', 'plot tradeoff'.")
    }
}
