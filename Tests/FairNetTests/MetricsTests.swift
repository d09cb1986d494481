import FairSupport
import Foundation
import Testing
@testable import FairNet

@Suite("Metrics: exact definitions, missing labels, groups, errors")
struct MetricsTests {
    /// ROC-AUC by brute force over all (positive, negative) pairs: P(s⁺ > s⁻) + ½ P(s⁺ = s⁻).
    static func bruteForceAUC(_ s: [Double], _ y: [Double]) -> Double {
        var wins = 0.0, pairs = 0.0
        for i in s.indices where y[i] == 1 {
            for j in s.indices where y[j] == 0 {
                pairs += 1
                if s[i] > s[j] { wins += 1 } else if s[i] == s[j] { wins += 0.5 }
            }
        }
        return wins / pairs
    }

    @Test("ROC-AUC equals the brute-force pair count, with many ties, over many seeds", arguments: Array(UInt64(0)..<25))
    func aucMatchesBruteForce(seed: UInt64) throws {
        var g = SeededGenerator(seed: seed)
        let n = 20 + g.nextInt(below: 700)   // crosses the radix sort's small-array cutoff
        let levels = 1 + g.nextInt(below: 12) // few distinct scores: heavy ties
        let scores = (0..<n).map { _ in Double(g.nextInt(below: levels)) / Double(levels) }
        var labels = scores.map { g.nextDouble() < 0.3 + 0.4 * $0 ? 1.0 : 0.0 }
        labels[0] = 0; labels[1] = 1
        let auc = try Metrics.rocAUC(scores: scores, labels: labels)
        #expect(auc == Self.bruteForceAUC(scores, labels))
    }

    @Test("ROC-AUC closed forms: perfect, reversed, constant scores")
    func aucClosedForms() throws {
        let y: [Double] = [0, 0, 1, 1, 0, 1]
        #expect(try Metrics.rocAUC(scores: [0.1, 0.2, 0.8, 0.9, 0.3, 0.7], labels: y) == 1)
        #expect(try Metrics.rocAUC(scores: [0.9, 0.8, 0.2, 0.1, 0.7, 0.3], labels: y) == 0)
        #expect(try Metrics.rocAUC(scores: Array(repeating: 0.4, count: 6), labels: y) == 0.5)
        #expect(try Metrics.rocAUC(scores: [-0.0, 0.0, 0.0, -0.0, 1, 1], labels: y) == Self.bruteForceAUC([0, 0, 0, 0, 1, 1], y))
    }

    @Test("MSE, MAE, accuracy, log loss and Brier score by their definitions, skipping missing labels")
    func definitions() throws {
        let p: [Double] = [0.2, 0.9, 0.5, 0.4, 0.7]
        let y: [Double] = [0, 1, .nan, 1, 0]
        let rows = [0, 1, 3, 4]
        #expect(try Metrics.meanSquaredError(predictions: p, labels: y) == rows.map { pow(p[$0] - y[$0], 2) }.reduce(0, +) / 4)
        #expect(try Metrics.meanAbsoluteError(predictions: p, labels: y) == rows.map { abs(p[$0] - y[$0]) }.reduce(0, +) / 4)
        #expect(try Metrics.brierScore(probabilities: p, labels: y) == rows.map { pow(p[$0] - y[$0], 2) }.reduce(0, +) / 4)
        let logLoss = -(log(0.8) + log(0.9) + log(0.4) + log(0.3)) / 4
        #expect(abs(try Metrics.logLoss(probabilities: p, labels: y) - logLoss) < 1e-15)
        #expect(try Metrics.accuracy(scores: p, labels: y) == 0.5)   // rows 0, 1 right; 3, 4 wrong
        #expect(try Metrics.accuracy(scores: [0.5, 0.49], labels: [1, 0]) == 1) // score = threshold counts as 1
        #expect(try Metrics.accuracy(scores: p, labels: y, threshold: 0.3) == 0.75) // predicted 0, 1, 1, 1: rows 0, 1, 3 right
        // Log loss clips probabilities 0 and 1 to [1e-15, 1 - 1e-15] instead of returning infinity.
        let clipped = try Metrics.logLoss(probabilities: [0, 1], labels: [1, 0])
        #expect(clipped == (-log(1e-15) - log(1 - (1 - 1e-15))) / 2)
        #expect(clipped.isFinite && clipped > 34)
    }

    @Test("metrics by group equal the metric on each group's rows; undefined groups are nil")
    func byGroup() throws {
        let scores: [Double] = [0.1, 0.8, 0.4, 0.6, 0.3, 0.9, 0.2]
        let labels: [Double] = [0, 1, 1, 0, 1, 1, .nan]
        let groups = GroupColumn(labels: ["x", "x", "x", "x", "y", "y", "z"])
        let auc = try Metrics.byGroup(.rocAUC, predictions: scores, labels: labels, groups: groups)
        #expect(auc.groups == ["x", "y", "z"])
        #expect(auc.overall == (try Metrics.rocAUC(scores: scores, labels: labels)))
        #expect(auc.values[0] == (try Metrics.rocAUC(scores: [0.1, 0.8, 0.4, 0.6], labels: [0, 1, 1, 0])))
        #expect(auc.values[1] == nil) // only class 1
        #expect(auc.values[2] == nil) // no labelled row
        #expect(auc.labelledCounts == [4, 2, 0])
        let brier = try Metrics.byGroup(.brierScore, predictions: scores, labels: labels, groups: groups)
        #expect(brier.values[1] == ((0.3 - 1) * (0.3 - 1) + (0.9 - 1) * (0.9 - 1)) / 2)
        for metric in TaskMetric.allCases {
            #expect(metric.higherIsBetter == (metric == .rocAUC || metric == .accuracy))
        }
        #expect(caughtError { try Metrics.byGroup(.rocAUC, predictions: scores, labels: labels, groups: GroupColumn(labels: ["x"])) }
                == .shapeMismatch(what: "group column (one group per prediction)", expected: 7, actual: 1))
    }

    @Test("bad metric inputs are errors naming the row and what to do")
    func errors() {
        let e1 = caughtError { try Metrics.meanSquaredError(predictions: [1, 2], labels: [1]) }
        #expect(e1 == .shapeMismatch(what: "mean squared error: predictions (one per label)", expected: 1, actual: 2))
        let e2 = caughtError { try Metrics.rocAUC(scores: [0.1, 0.2], labels: [1, 1]) }
        #expect(e2?.description.contains("only class 1") == true && e2?.description.contains("needs both classes") == true)
        let e3 = caughtError { try Metrics.rocAUC(scores: [0.1, 0.2], labels: [1, 0.5]) }
        #expect(e3?.description.contains("label 0.5 at row 1 is not 0 or 1") == true)
        let e4 = caughtError { try Metrics.meanAbsoluteError(predictions: [.nan, 1], labels: [1, 1]) }
        #expect(e4 == .nonFinitePrediction(what: "mean absolute error: predictions", row: 0, value: .nan) || e4?.description.contains("row 0") == true)
        let e5 = caughtError { try Metrics.brierScore(probabilities: [1.5], labels: [1]) }
        #expect(e5?.description.contains("pass scores (sigmoid of the logits)") == true)
        let e6 = caughtError { try Metrics.meanSquaredError(predictions: [1, 2], labels: [.nan, .nan]) }
        #expect(e6?.description.contains("no row has a label") == true)
        let e7 = caughtError { try Metrics.meanSquaredError(predictions: [1], labels: [.infinity]) }
        #expect(e7?.description.contains("is infinite") == true)
        let e8 = caughtError { try Metrics.accuracy(scores: [1], labels: [1], threshold: .nan) }
        #expect(e8?.description.contains("use a finite threshold") == true)
    }
}
