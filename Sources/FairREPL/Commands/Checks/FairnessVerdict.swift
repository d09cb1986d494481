import FairCore
import FairPlot

/// What the KS tests between groups say about a repair, in words that follow the test at a
/// stated level α and never contradict the numbers printed beside them. `compare`, `verify ks`
/// and `report` print its sentences.
///
/// ## Rules
/// - The groups "cannot be told apart at α" only when the p-value is at least α; otherwise they
///   "still differ". With more than two groups the p-value is the smallest Holm-adjusted one
///   over the `k(k−1)/2` pairs (`HolmAdjustment`; at least α exactly when no pair differs at α
///   after Holm's adjustment), named by its pair,
///   and the sentence says how many pairs Holm's step-down method rejects.
/// - "KS increased after repair (before → after, +difference)" whenever KS after exceeds KS
///   before.
/// - "no detectable disparity before repair" when the test before the repair does not reject
///   at α: the repair can then mainly add the calibration pool's noise.
/// - The ratio of KS to its noise floor is reported as a number, never as the decision.
/// - When the groups still differ, advice follows only for a full repair (ε = 0) that reduced
///   KS; a partial repair (ε > 0) is said to keep part of the disparity by design.
struct FairnessVerdict: Equatable {
    /// The numbers one side (before or after) of a verdict rests on.
    struct Reading: Equatable {
        /// The unfairness: the largest pairwise KS, and the pair attaining it.
        var ks: Double
        var pair: [String]
        /// The noise floor of that pair.
        var floor: Double
        /// The decision p-value: the pair's p with two groups, else the smallest Holm-adjusted p.
        var p: Double
        /// The pair of `p` (the pair with the smallest raw p-value).
        var pPair: [String]
        /// Number of pairs of groups, and how many Holm rejects at the verdict's level.
        var pairCount: Int
        var differingPairs: Int
        /// Whether the p-values are exact (small samples) or asymptotic.
        var method: KolmogorovSmirnov.PValueMethod

        init(ks: Double, pair: [String], floor: Double, p: Double, pPair: [String]? = nil, pairCount: Int = 1,
             differingPairs: Int? = nil, method: KolmogorovSmirnov.PValueMethod = .exact, alpha: Double = 0.05) {
            self.ks = ks
            self.pair = pair
            self.floor = floor
            self.p = p
            self.pPair = pPair ?? pair
            self.pairCount = pairCount
            self.differingPairs = differingPairs ?? (p < alpha ? 1 : 0)
            self.method = method
        }

        /// The reading of a pairwise table at level `alpha`.
        init(_ pairwise: PairwiseKolmogorovSmirnov, alpha: Double) {
            let results = pairwise.pairs.map(\.test.pValueAndMethod)
            let adjusted = HolmAdjustment.adjusted(results.map(\.p))
            var best = 0
            for i in adjusted.indices where adjusted[i] < adjusted[best] { best = i }
            let family = pairwise.pairs[best]
            self.init(
                ks: pairwise.statistic, pair: [pairwise.maximum.first, pairwise.maximum.second], floor: pairwise.maximum.test.noiseFloor,
                p: adjusted[best], pPair: [family.first, family.second], pairCount: pairwise.pairs.count,
                differingPairs: adjusted.filter { $0 < alpha }.count,
                method: results.allSatisfy { $0.method == .exact } ? .exact : .asymptotic, alpha: alpha)
        }

        /// "exact p = 0.373" or, with several pairs, "exact p = 0.012 (Holm, 3 pairs; A vs C)".
        func pText(_ format: (Double) -> String) -> String {
            let base = "\(method.rawValue) p = \(format(p))"
            guard pairCount > 1 else { return base }
            return base + " (Holm-adjusted over \(pairCount) pairs; smallest for \(pPair.joined(separator: " vs ")))"
        }

        /// `A vs C` when there are more than two groups, else nothing.
        var pairSuffix: String { pairCount > 1 ? " (\(pair.joined(separator: " vs ")))" : "" }
    }

    /// The level of the tests, e.g. 0.05.
    var alpha: Double
    var before: Reading
    var after: Reading
    /// The repair's ε: above 0 the repair is partial by design, so a remaining difference is
    /// expected and no advice is given.
    var epsilon: Double = 0

    /// The default level.
    static let defaultAlpha = 0.05

    /// Whether the test after the repair rejects one common law at `alpha`.
    var stillDiffers: Bool { after.p < alpha }
    /// Whether the test before the repair rejects one common law at `alpha`.
    var differedBefore: Bool { before.p < alpha }
    /// Whether KS rose.
    var increased: Bool { after.ks > before.ks }

    /// The verdict as sentences for `task`, numbers formatted by `format`.
    func sentences(task: String, format: (Double) -> String) -> [String] {
        var lines: [String] = []
        let level = "α = \(NumberFormat.compact(alpha))"
        if !differedBefore {
            lines.append(
                "\(task): no detectable disparity before repair (KS \(format(before.ks))\(before.pairSuffix), \(before.pText(format)) ≥ \(level)): the repair can mainly add the calibration pool's noise here")
        }
        if increased {
            lines.append(
                "\(task): KS increased after repair (\(format(before.ks)) → \(format(after.ks)), +\(format(after.ks - before.ks)))")
        }
        let ratio = NumberFormat.significant(after.ks / after.floor, digits: 2)
        let measured = "\(task): KS after \(format(after.ks))\(after.pairSuffix) is \(ratio)× the noise floor \(format(after.floor)); \(after.pText(format))"
        if stillDiffers {
            let count = after.pairCount > 1 ? " (\(after.differingPairs) of \(after.pairCount) pairs)" : ""
            var advice = ""
            if epsilon > 0 {
                advice = " (a partial repair, ε = \(NumberFormat.compact(epsilon, digits: 3)), keeps part of the disparity by design)"
            } else if differedBefore && !increased {
                advice = "; a larger calibration pool, jitter for tied scores, or pool and test rows from one population help"
            }
            lines.append("\(measured) < \(level): the repaired groups still differ\(count)\(advice)")
        } else {
            lines.append("\(measured) ≥ \(level): at this sample size the repaired groups cannot be told apart")
        }
        return lines
    }
}
