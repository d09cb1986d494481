import FairNet

/// The error of a task's predictions against its labels, as `compare` and `plot tradeoff`
/// report it, with FairNet's metrics: MSE for regression tasks, ROC AUC for binary ones
/// (rows with a missing label skipped).
enum TaskRisk {
    struct Result {
        var metric: String
        var value: Double
    }

    /// nil when there are no labels, or when the metric is undefined on them (no labelled row,
    /// or a binary task whose labelled rows hold one class).
    static func evaluate(isBinary: Bool, predictions: [Double], labels: [Double]) throws -> Result? {
        guard labels.contains(where: { !$0.isNaN }) else { return nil }
        guard isBinary else {
            return Result(metric: "MSE", value: try Metrics.meanSquaredError(predictions: predictions, labels: labels))
        }
        let labelled = labels.filter { !$0.isNaN }
        guard labelled.contains(0), labelled.contains(1) else { return nil }
        return Result(metric: "AUC", value: try Metrics.rocAUC(scores: predictions, labels: labels))
    }

    /// Mean squared error over the rows whose label is present (a binary task's Brier score).
    static func meanSquaredError(predictions: [Double], labels: [Double]) throws -> Double {
        try Metrics.meanSquaredError(predictions: predictions, labels: labels)
    }
}
