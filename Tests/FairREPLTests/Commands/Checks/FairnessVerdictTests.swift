import FairCore
import FairPlot
import Testing
@testable import FairREPL

@Suite("FairnessVerdict: the words follow the test")
struct FairnessVerdictTests {
    static func format(_ x: Double) -> String { NumberFormat.significant(x, digits: 3) }

    static func reading(ks: Double, p: Double, floor: Double = 0.05) -> FairnessVerdict.Reading {
        FairnessVerdict.Reading(ks: ks, pair: ["A", "B"], floor: floor, p: p)
    }

    @Test("the issue's case: KS rose from 0.112 to 0.184 at 1.7× the floor, p = 0.0181: still differ, KS increased, never 'cannot be told apart'")
    func ksIncreased() {
        let verdict = FairnessVerdict(
            alpha: 0.05, before: Self.reading(ks: 0.112, p: 0.0004, floor: 0.108), after: Self.reading(ks: 0.184, p: 0.0181, floor: 0.108))
        let text = verdict.sentences(task: "credit", format: Self.format)
        #expect(verdict.stillDiffers && verdict.increased)
        #expect(text.contains("credit: KS increased after repair (0.112 → 0.184, +0.0720)"))
        #expect(text.contains { $0.hasPrefix("credit: KS after 0.184 is 1.7× the noise floor 0.108; exact p = 0.0181 < α = 0.05: the repaired groups still differ") })
        #expect(!text.joined().contains("told apart"))
        // No advice to enlarge the pool when the repair made things worse.
        #expect(!text.joined().contains("larger calibration pool"))
    }

    @Test("KS down to the floor with p ≥ α: cannot be told apart at this sample size")
    func downToTheFloor() {
        let verdict = FairnessVerdict(alpha: 0.05, before: Self.reading(ks: 0.633, p: 0), after: Self.reading(ks: 0.0256, p: 0.373, floor: 0.0244))
        let text = verdict.sentences(task: "y", format: Self.format)
        #expect(text == ["y: KS after 0.0256 is 1.0× the noise floor 0.0244; exact p = 0.373 ≥ α = 0.05: at this sample size the repaired groups cannot be told apart"])
    }

    @Test("p just below α: still differ, with the advice, even at 1.1× the floor; p = α exactly: cannot be told apart")
    func boundary() {
        let differ = FairnessVerdict(alpha: 0.05, before: Self.reading(ks: 0.5, p: 0), after: Self.reading(ks: 0.055, p: 0.0499))
        let differText = differ.sentences(task: "y", format: Self.format).joined(separator: "\n")
        #expect(differText.contains("exact p = 0.0499 < α = 0.05: the repaired groups still differ; a larger calibration pool"))
        let same = FairnessVerdict(alpha: 0.05, before: Self.reading(ks: 0.5, p: 0), after: Self.reading(ks: 0.2, p: 0.05))
        #expect(same.sentences(task: "y", format: Self.format).joined().contains("≥ α = 0.05: at this sample size the repaired groups cannot be told apart"))
        // A partial repair keeps part of the disparity by design: said, without advice.
        var partial = differ
        partial.epsilon = 0.5
        let partialText = partial.sentences(task: "y", format: Self.format).joined()
        #expect(partialText.contains("the repaired groups still differ (a partial repair, ε = 0.5, keeps part of the disparity by design)"))
        #expect(!partialText.contains("larger calibration pool"))
        // The level is the one stated.
        let strict = FairnessVerdict(alpha: 0.01, before: Self.reading(ks: 0.5, p: 0), after: Self.reading(ks: 0.055, p: 0.0499))
        #expect(strict.sentences(task: "y", format: Self.format).joined().contains("exact p = 0.0499 ≥ α = 0.01"))
    }

    @Test("no detectable disparity before repair: said with its p-value")
    func noDisparityBefore() {
        let verdict = FairnessVerdict(alpha: 0.05, before: Self.reading(ks: 0.04, p: 0.41), after: Self.reading(ks: 0.03, p: 0.8))
        let text = verdict.sentences(task: "y", format: Self.format)
        #expect(!verdict.differedBefore)
        #expect(text.first == "y: no detectable disparity before repair (KS 0.0400, exact p = 0.410 ≥ α = 0.05): the repair can mainly add the calibration pool's noise here")
        #expect(text.count == 2)
    }

    /// Groups of 5: `a = [0, 1, 2, 3, 4]`, `b = [10, 11, 12, 13, 14]` before (D = 1) and
    /// interleaved after (D = 0.2). scipy 1.17.1:
    /// `python3 -c "from scipy.stats import ks_2samp; print(ks_2samp([0,1,2,3,4],[10,11,12,13,14]).pvalue, ks_2samp([0,2,4,6,8],[1,3,5,7,9]).pvalue)"`
    /// → 0.007936507936507936 1.0: exact before (the asymptotic p would be 0); after, scipy's
    /// exact sum rounds just above 1 and it falls back to the asymptotic value ("Exact
    /// calculation unsuccessful"), as FairCore does.
    @Test("small samples: exact p-values (scipy's) decide")
    func smallSamples() throws {
        let groups = try GroupColumn(labels: Array(repeating: "A", count: 5) + Array(repeating: "B", count: 5))
        let before = try PairwiseKolmogorovSmirnov(values: [0, 1, 2, 3, 4, 10, 11, 12, 13, 14], groups: groups)
        let after = try PairwiseKolmogorovSmirnov(values: [0, 2, 4, 6, 8, 1, 3, 5, 7, 9], groups: groups)
        let verdict = FairnessVerdict(alpha: 0.05, before: .init(before, alpha: 0.05), after: .init(after, alpha: 0.05))
        #expect(abs(verdict.before.p - 0.007936507936507936) < 1e-17)
        #expect(verdict.after.p == 1)
        #expect(verdict.before.method == .exact && verdict.after.method == .asymptotic)
        #expect(verdict.differedBefore && !verdict.stillDiffers)
        #expect(verdict.sentences(task: "y", format: Self.format).joined().contains("asymptotic p = 1 ≥ α = 0.05"))
    }

    @Test("three groups: the pair attaining the maximum is named; Holm adjusts the p-value and counts the pairs that differ")
    func threeGroups() throws {
        // A and B share a law; C is shifted: two of three pairs differ.
        var values: [Double] = [], labels: [String] = []
        for i in 0..<60 {
            let u = Double(i) / 60
            values += [u, u + 0.004, u + 0.5]
            labels += ["A", "B", "C"]
        }
        let pairwise = try PairwiseKolmogorovSmirnov(values: values, groups: try GroupColumn(labels: labels))
        let reading = FairnessVerdict.Reading(pairwise, alpha: 0.05)
        #expect(reading.pairCount == 3 && reading.differingPairs == 2)
        #expect(reading.pair == ["A", "C"])
        let raw = pairwise.pairs.map(\.test.pValue)
        #expect(reading.p == min(1, 3 * raw.min()!))
        let verdict = FairnessVerdict(alpha: 0.05, before: reading, after: reading)
        let text = verdict.sentences(task: "y", format: Self.format).joined(separator: "\n")
        #expect(text.contains("KS after \(Self.format(pairwise.statistic)) (A vs C)"))
        #expect(text.contains("(Holm-adjusted over 3 pairs; smallest for A vs C)"))
        #expect(text.contains("the repaired groups still differ (2 of 3 pairs)"))
    }
}
