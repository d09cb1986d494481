import FairCore
import FairData
import Foundation
import Testing
@testable import FairReplication

/// A reduced label-scarcity protocol on law school (2 seeds, 2 epochs, two levels): the table's
/// structure, the repair lowering the regression KS on every seed, the same numbers on a rerun.
@Suite("ScarcityProtocol (reduced)", .enabled(if: TestData.isAvailable, "needs the datasets (FAIR_DATA_DIR or ../shared/datasets)"))
struct ScarcityProtocolTests {
    static let dataset = Result { try LawSchoolRecipe.load(from: try TestData.required) }
    static let settings: ScarcitySettings = {
        var s = ScarcitySettings(seedCount: 2)
        s.epochs = 2
        s.fractions = [0, 0.75]
        return s
    }()
    static let runs = Result { try ScarcityProtocol.run(dataset: try dataset.get(), settings: settings) }

    static func numbers(_ run: ScarcityRunResult) -> ScarcityRunResult {
        var copy = run
        copy.seconds = 0
        return copy
    }

    @Test("one result per seed and level, nested masks, λ from the grid; a rerun of a seed gives the same numbers")
    func runs() throws {
        let runs = try Self.runs.get()
        #expect(runs.map(\.seed) == [42, 42, 49, 49])
        #expect(runs.map(\.fraction) == [0, 0.75, 0, 0.75])
        for run in runs {
            #expect(Self.settings.lambdaGrid.contains(run.lambdaUsed))
            // Bernoulli masking over ≥ 10,000 training rows: the realised share is within 4 binomial SEs.
            let n = 10_000.0
            #expect(abs(run.realisedFraction - run.fraction) <= 4 * (run.fraction * (1 - run.fraction) / n).squareRoot() + 1e-12)
        }
        #expect(runs[0].trainingLabels > runs[1].trainingLabels)
        // The single-task classifier never sees the mask: the same numbers at both levels.
        #expect(runs[0].stlClassification == runs[1].stlClassification)
        var events: [ReplicationProgress] = []
        var one = Self.settings
        one.seeds = [42]
        let again = try ScarcityProtocol.run(dataset: try Self.dataset.get(), settings: one) { events.append($0) }
        #expect(again.map(Self.numbers) == runs.prefix(2).map(Self.numbers))
        #expect(events.map(\.completed) == [1, 2] && events.allSatisfy { $0.total == 2 && $0.unit == "run" })
    }

    @Test("KS of the regression task after repair is below KS before, every seed, level and model")
    func repairLowersKS() throws {
        for run in try Self.runs.get() {
            for (name, m) in [("MTL", run.mtlRegression), ("STL", run.stlRegression)] {
                #expect(m.ksAfter.statistic < m.ks.statistic, "seed \(run.seed) level \(run.fraction) \(name)")
            }
        }
    }

    @Test("the report: Table 1 layout with the paper's rows labelled as other data, three checks, the plot")
    func report() throws {
        let summary = ScarcitySummary(runs: try Self.runs.get(), settings: Self.settings, datasetLabel: "law-school",
                                      regression: "ZFYA", classification: "first_pf")
        let text = ScarcityReport.document(summary).text()
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("MTL Perf.") && $0.contains("STL pp Unf.") })
        #expect(lines.contains { $0.hasPrefix("regression – all data") })
        #expect(lines.contains { $0.hasPrefix("regression – 75% missing") })
        #expect(lines.contains { $0.hasPrefix("classification – all data") })
        #expect(lines.filter { $0.hasPrefix("  paper (other data)") }.count == 3)
        #expect(text.contains("a different dataset"))
        let checks = ScarcityReport.checks(summary)
        #expect(checks.count == 3)
        for check in checks { #expect(text.contains("\(check.verdict.symbol) \(check.claim): \(check.verdict.rawValue) — ")) }
        // The first check's verdict follows its numbers: the paired STL − MTL rise against 2 SE.
        let first = summary.levels[0], last = summary.levels[1]
        let d = MeanSD(zip(first.runs, last.runs).map { base, run in
            (run.stlRegression.performance - base.stlRegression.performance) - (run.mtlRegression.performance - base.mtlRegression.performance)
        })
        let expected: ScarcityCheck.Verdict = d.mean > 2 * d.standardError ? .holds : (d.mean < -2 * d.standardError ? .doesNotHold : .notShown)
        #expect(checks[0].verdict == expected)
        #expect(ScarcityCheck.difference(MeanSD([0.5])) == .notShown)
        #expect(ScarcityCheck.difference(MeanSD([1, 1.1, 0.9])) == .holds)
        #expect(ScarcityCheck.difference(MeanSD([-1, -1.1, -0.9])) == .doesNotHold)
        #expect(ScarcityCheck.difference(MeanSD([-1, 1.2, 0.1])) == .notShown)
        let figure = ScarcityReport.figure(summary)
        #expect(figure.panels.first?.series.count == 4)
        #expect(figure.panels.first?.series.allSatisfy { $0.points.map(\.x) == [0, 0.75] } == true)
    }
}
