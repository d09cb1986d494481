import FairSupport
import Foundation

/// A performance metric of one task's predictions against its labels.
public enum TaskMetric: String, Sendable, Codable, CaseIterable {
    case meanSquaredError
    case meanAbsoluteError
    /// Area under the ROC curve of scores against 0/1 labels.
    case rocAUC
    /// Share of rows whose thresholded score equals the label.
    case accuracy
    /// Binary cross-entropy of probabilities.
    case logLoss
    /// Mean squared error of probabilities against 0/1 labels.
    case brierScore

    /// Whether larger values are better (AUC, accuracy) or worse (losses).
    public var higherIsBetter: Bool { self == .rocAUC || self == .accuracy }

    /// The metrics reported for a task of this kind (the first is the kind's primary metric).
    public static func defaults(for kind: TaskKind) -> [TaskMetric] {
        switch kind {
        case .regression: return [.meanSquaredError, .meanAbsoluteError]
        case .binaryClassification: return [.rocAUC, .logLoss, .brierScore, .accuracy]
        }
    }

    /// The metric on the rows whose label is present (see `Metrics`).
    public func evaluate(predictions: [Double], labels: [Double], threshold: Double = 0.5) throws(FairNetError) -> Double {
        switch self {
        case .meanSquaredError: return try Metrics.meanSquaredError(predictions: predictions, labels: labels)
        case .meanAbsoluteError: return try Metrics.meanAbsoluteError(predictions: predictions, labels: labels)
        case .rocAUC: return try Metrics.rocAUC(scores: predictions, labels: labels)
        case .accuracy: return try Metrics.accuracy(scores: predictions, labels: labels, threshold: threshold)
        case .logLoss: return try Metrics.logLoss(probabilities: predictions, labels: labels)
        case .brierScore: return try Metrics.brierScore(probabilities: predictions, labels: labels)
        }
    }
}

/// Performance metrics in Double precision.
///
/// ## Mathematical properties
/// - **Missing labels.** A label that is NaN is missing: its row is skipped by every metric (so
///   the metrics of a task with masked labels are over its labelled rows only). At least one row
///   must have a label, and every prediction on such a row must be finite.
/// - **MSE / MAE:** (1/n) Σ (ŷ − y)² and (1/n) Σ |ŷ − y| over labelled rows.
/// - **ROC-AUC:** the Mann–Whitney form P(score⁺ > score⁻) + ½·P(score⁺ = score⁻) over all
///   (positive, negative) pairs, computed exactly with mid-ranks of tied scores after one sort of
///   the scores: AUC = (R⁺ − n⁺(n⁺ + 1)/2)/(n⁺n⁻), where R⁺ is the sum of the positives'
///   mid-ranks (the order within a run of tied scores does not change it). Rank sums are
///   integers or halves below 2⁵³ for n < 10⁸, so the numerator is exact. Needs both classes;
///   labels must be 0 or 1.
/// - **Accuracy at threshold τ:** a row is predicted 1 when score ≥ τ (so τ = 0.5 classifies a
///   score of exactly 0.5 as 1, as the paper's c = 1{g ≥ 1/2}).
/// - **Log loss:** −(1/n) Σ [y log p + (1 − y) log(1 − p)] with p clipped to [10⁻¹⁵, 1 − 10⁻¹⁵]
///   so a confident wrong score costs about 34.5 instead of infinity. Probabilities must lie in [0, 1].
/// - **Brier score:** (1/n) Σ (p − y)², probabilities in [0, 1], labels 0 or 1.
public enum Metrics {
    /// Mean squared error over labelled rows.
    public static func meanSquaredError(predictions: [Double], labels: [Double]) throws(FairNetError) -> Double {
        let rows = try labelledRows("mean squared error", predictions, labels, binary: false)
        var sum = 0.0
        for i in rows { let r = predictions[i] - labels[i]; sum += r * r }
        return sum / Double(rows.count)
    }

    /// Mean absolute error over labelled rows.
    public static func meanAbsoluteError(predictions: [Double], labels: [Double]) throws(FairNetError) -> Double {
        let rows = try labelledRows("mean absolute error", predictions, labels, binary: false)
        var sum = 0.0
        for i in rows { sum += abs(predictions[i] - labels[i]) }
        return sum / Double(rows.count)
    }

    /// Exact ROC-AUC with ties (mid-ranks), O(n log n).
    public static func rocAUC(scores: [Double], labels: [Double]) throws(FairNetError) -> Double {
        let rows = try labelledRows("ROC-AUC", scores, labels, binary: true)
        let values = rows.map { scores[$0] }
        let positive = rows.map { labels[$0] == 1 }
        let nPositive = positive.reduce(0) { $0 + ($1 ? 1 : 0) }
        let nNegative = rows.count - nPositive
        guard nPositive > 0, nNegative > 0 else {
            throw .undefinedMetric(metric: "ROC-AUC", reason: "the labelled rows hold only class \(nPositive > 0 ? 1 : 0) (\(rows.count) rows); it needs both classes")
        }
        let order = values.indices.sorted { values[$0] < values[$1] }
        var rankSum = 0.0
        var start = 0
        let n = order.count
        while start < n {
            var end = start + 1
            let v = values[order[start]]
            while end < n, values[order[end]] == v { end += 1 }
            // Ranks start+1 ... end share the mid-rank (start + 1 + end) / 2.
            let midRank = Double(start + 1 + end) / 2
            var positivesInBlock = 0
            for k in start..<end where positive[order[k]] { positivesInBlock += 1 }
            rankSum += midRank * Double(positivesInBlock)
            start = end
        }
        let p = Double(nPositive), q = Double(nNegative)
        return (rankSum - p * (p + 1) / 2) / (p * q)
    }

    /// Share of labelled rows with `(score >= threshold) == (label == 1)`.
    public static func accuracy(scores: [Double], labels: [Double], threshold: Double = 0.5) throws(FairNetError) -> Double {
        guard threshold.isFinite else {
            throw .invalidOption(name: "threshold", value: "\(threshold)", allowed: "use a finite threshold, e.g. 0.5 for probabilities")
        }
        let rows = try labelledRows("accuracy", scores, labels, binary: true)
        var correct = 0
        for i in rows where (scores[i] >= threshold) == (labels[i] == 1) { correct += 1 }
        return Double(correct) / Double(rows.count)
    }

    /// Binary cross-entropy of probabilities (clipped to [1e-15, 1 − 1e-15]).
    public static func logLoss(probabilities: [Double], labels: [Double]) throws(FairNetError) -> Double {
        let rows = try labelledRows("log loss", probabilities, labels, binary: true, probabilities: true)
        let eps = 1e-15
        var sum = 0.0
        for i in rows {
            let p = min(max(probabilities[i], eps), 1 - eps)
            sum -= labels[i] == 1 ? Foundation.log(p) : Foundation.log(1 - p)
        }
        return sum / Double(rows.count)
    }

    /// Mean squared error of probabilities against 0/1 labels.
    public static func brierScore(probabilities: [Double], labels: [Double]) throws(FairNetError) -> Double {
        let rows = try labelledRows("Brier score", probabilities, labels, binary: true, probabilities: true)
        var sum = 0.0
        for i in rows { let r = probabilities[i] - labels[i]; sum += r * r }
        return sum / Double(rows.count)
    }

    /// The metric overall and within each group.
    ///
    /// A group whose labelled rows make the metric undefined (no labelled row, or one class for
    /// ROC-AUC) gets `nil`; the overall value must be defined.
    /// - Throws: as the metric; `FairNetError.shapeMismatch` when the group column has another length.
    public static func byGroup(_ metric: TaskMetric, predictions: [Double], labels: [Double], groups: GroupColumn,
                               threshold: Double = 0.5) throws(FairNetError) -> GroupedMetric {
        guard groups.count == predictions.count else {
            throw .shapeMismatch(what: "group column (one group per prediction)", expected: predictions.count, actual: groups.count)
        }
        let overall = try metric.evaluate(predictions: predictions, labels: labels, threshold: threshold)
        var values: [Double?] = []
        var counts: [Int] = []
        for rows in groups.rowsByGroup() {
            let p = rows.map { predictions[$0] }
            let y = rows.map { labels[$0] }
            counts.append(y.reduce(0) { $0 + ($1.isNaN ? 0 : 1) })
            do {
                values.append(try metric.evaluate(predictions: p, labels: y, threshold: threshold))
            } catch {
                if case .undefinedMetric = error { values.append(nil) } else { throw error }
            }
        }
        return GroupedMetric(metric: metric, overall: overall, groups: groups.names, values: values, labelledCounts: counts)
    }

    /// Indices of rows with a label, after checking lengths, labels and predictions.
    static func labelledRows(_ metric: String, _ predictions: [Double], _ labels: [Double], binary: Bool,
                             probabilities: Bool = false) throws(FairNetError) -> [Int] {
        guard predictions.count == labels.count else {
            throw .shapeMismatch(what: "\(metric): predictions (one per label)", expected: labels.count, actual: predictions.count)
        }
        var rows: [Int] = []
        rows.reserveCapacity(labels.count)
        for i in 0..<labels.count {
            let y = labels[i]
            if y.isNaN { continue }
            if binary, y != 0, y != 1 {
                throw .undefinedMetric(metric: metric, reason: "label \(y) at row \(i) is not 0 or 1; binary metrics need labels 0 or 1 (NaN = missing)")
            }
            if !binary, !y.isFinite {
                throw .undefinedMetric(metric: metric, reason: "label \(y) at row \(i) is infinite; use finite labels (NaN = missing)")
            }
            let p = predictions[i]
            guard p.isFinite else { throw .nonFinitePrediction(what: "\(metric): predictions", row: i, value: p) }
            if probabilities, p < 0 || p > 1 {
                throw .undefinedMetric(metric: metric, reason: "prediction \(p) at row \(i) is not a probability in [0, 1]; pass scores (sigmoid of the logits)")
            }
            rows.append(i)
        }
        guard !rows.isEmpty else {
            throw .undefinedMetric(metric: metric, reason: "no row has a label (all \(labels.count) labels are NaN)")
        }
        return rows
    }
}

/// A metric overall and per group (groups in the `GroupColumn`'s sorted name order).
public struct GroupedMetric: Sendable, Equatable {
    public let metric: TaskMetric
    public let overall: Double
    /// Group names.
    public let groups: [String]
    /// The metric within each group; nil where it is undefined (no labelled row, or one class for ROC-AUC).
    public let values: [Double?]
    /// Labelled rows per group.
    public let labelledCounts: [Int]
}
