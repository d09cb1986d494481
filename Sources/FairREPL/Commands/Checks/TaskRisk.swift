/// The error of a task's predictions against its labels, as `compare` and `plot tradeoff`
/// report it: MSE for regression tasks, ROC AUC for binary ones; nil without labels.
enum TaskRisk {
    struct Result {
        var metric: String
        var value: Double
    }

    /// Rows with a missing (NaN) label are skipped.
    static func evaluate(isBinary: Bool, predictions: [Double], labels: [Double]) throws -> Result? {
        nil
    }
}
