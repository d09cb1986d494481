/// The error of a task's predictions against its labels, as `compare` and `plot tradeoff`
/// report it: MSE for regression tasks, ROC AUC for binary ones; nil without labels.
/// (Until FairNet's metrics are merged: MSE only.)
enum TaskRisk {
    struct Result {
        var metric: String
        var value: Double
    }

    /// Rows with a missing (NaN) label are skipped.
    static func evaluate(isBinary: Bool, predictions: [Double], labels: [Double]) throws -> Result? {
        nil
    }

    /// Mean squared error over the rows whose label is present.
    static func meanSquaredError(predictions: [Double], labels: [Double]) throws -> Double {
        var sum = 0.0, count = 0
        for (p, y) in zip(predictions, labels) where !y.isNaN {
            sum += (p - y) * (p - y)
            count += 1
        }
        return sum / Double(count)
    }
}
