import FairCore
import FairNet
import FairPlot

/// Warns when a task's predictions are no better than a constant, after `predict` and
/// `import predictions`: a repair of useless scores is fair and useless.
///
/// ## Mathematical properties
/// - Rows: the test rows with a label when there are some, else every row with a label (a
///   model's own training rows then flatter it, so the warning errs towards silence).
/// - Binary tasks: the ROC AUC A against its standard error under "no better than a constant",
///   SE₀ = √((n₀ + n₁ + 1) / (12 n₀ n₁)) (the null variance of the Mann–Whitney statistic divided
///   by n₀n₁; n₀, n₁ the numbers of negative and positive labels). The warning is given when
///   A < 0.5 + 2·SE₀, i.e. when a two-sided 5 % test cannot tell A from 0.5 or finds it below.
/// - Regression tasks: the MSE against the population variance of the labels on the same rows
///   (the MSE of predicting their mean); the warning is given when MSE ≥ variance.
enum PredictionQuality {
    /// One warning per task that is no better than a constant.
    static func warnings(_ predictions: PredictionsValue) -> [String] {
        warnings(tasks: predictions.tasks, testRows: predictions.rows(in: "test"))
    }

    /// One warning per task that is no better than a constant, on `testRows` when some of them
    /// have labels, else on every labelled row (called `scope` in the text when given).
    static func warnings(tasks: [PredictionsValue.Task], testRows: [Int], scope named: String? = nil) -> [String] {
        var lines: [String] = []
        for task in tasks where !task.labels.isEmpty {
            let labelledTest = testRows.filter { !task.labels[$0].isNaN }
            let rows = labelledTest.isEmpty ? task.labels.indices.filter { !task.labels[$0].isNaN } : labelledTest
            let scope = named ?? (labelledTest.isEmpty ? "labelled rows" : "labelled test rows")
            guard rows.count >= 2 else { continue }
            let values = rows.map { task.values[$0] }
            let labels = rows.map { task.labels[$0] }
            if task.isBinary {
                let positives = labels.reduce(0) { $0 + ($1 == 1 ? 1 : 0) }
                let negatives = labels.count - positives
                guard positives > 0, negatives > 0, let auc = try? Metrics.rocAUC(scores: values, labels: labels) else { continue }
                let n0 = Double(negatives), n1 = Double(positives)
                let se = nullStandardError(negatives: negatives, positives: positives)
                guard auc < 0.5 + 2 * se else { continue }
                let position = auc < 0.5 - 2 * se ? "below 0.5 by more than 2 standard errors (inverted scores?)" : "within 2 standard errors of 0.5"
                lines.append(
                    "warning: \(task.name) is no better than a constant: AUC \(NumberFormat.significant(auc, digits: 3)) on "
                        + "\(NumberFormat.grouped(rows.count)) \(scope) is \(position) (standard error \(NumberFormat.significant(se, digits: 2)) "
                        + "for \(NumberFormat.grouped(Int(n1))) positive and \(NumberFormat.grouped(Int(n0))) negative labels); "
                        + "a repair makes such scores fair, not useful: check the model (for 'train': more epochs, other features)")
            } else {
                let mean = labels.reduce(0, +) / Double(labels.count)
                let variance = labels.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(labels.count)
                let mse = zip(values, labels).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(labels.count)
                guard mse.isFinite, mse >= variance else { continue }
                lines.append(
                    "warning: \(task.name) is no better than a constant: MSE \(NumberFormat.significant(mse, digits: 3)) on "
                        + "\(NumberFormat.grouped(rows.count)) \(scope) is at or above the variance of their labels "
                        + "(\(NumberFormat.significant(variance, digits: 3)), the MSE of predicting their mean): check the model (for 'train': more epochs, other features)")
            }
        }
        return lines
    }

    /// SE₀ of the AUC when scores carry no information (see the type's doc).
    static func nullStandardError(negatives: Int, positives: Int) -> Double {
        let n0 = Double(negatives), n1 = Double(positives)
        return ((n0 + n1 + 1) / (12 * n0 * n1)).squareRoot()
    }

    /// Prints the warnings of `predictions`.
    static func report(_ predictions: PredictionsValue, context: inout CommandContext) {
        for line in warnings(predictions) { context.print(line) }
    }
}
