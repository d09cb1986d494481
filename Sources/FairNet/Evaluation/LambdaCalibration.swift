/// How `LambdaCalibration` picks one task-weight vector from the grid.
public enum CalibrationCriterion: Sendable, Hashable {
    /// The best value of one task's metric (smallest for losses, largest for ROC-AUC and accuracy),
    /// e.g. `.metric(task: "income", .meanSquaredError)` to calibrate for the regression task as the
    /// paper does for folktables.
    case metric(task: String, TaskMetric)
    /// The smallest `Σ_t w_t · loss_t` of the tasks' validation losses (mean squared error for
    /// regression, log loss for binary tasks), with non-negative weights by task name (tasks not named
    /// get weight 0), e.g. to "maximise performance in both" tasks as the paper does for COMPAS.
    case weightedLoss([String: Double])
}

/// One grid point of a calibration: the task weights and every task's validation metrics there.
public struct CalibrationPoint: Sendable, Equatable {
    /// Task weights by task name.
    public let lambda: [String: Double]
    /// `metrics[task][metric]`: the task's default metrics (`TaskMetric.defaults(for:)`).
    public let metrics: [String: [TaskMetric: Double]]
    /// The criterion's value at this point.
    public let score: Double
}

/// The outcome of a calibration: the whole grid of task-wise metrics and the chosen point.
public struct CalibrationReport: Sendable, Equatable {
    public let criterion: CalibrationCriterion
    /// Grid points in the order they were given.
    public let points: [CalibrationPoint]
    /// Index of the chosen point: the best score, the first one on ties.
    public let bestIndex: Int
    /// The chosen point.
    public var best: CalibrationPoint { points[bestIndex] }
}

/// Algorithm 2 of the paper (λ-calibrated multi-task learning), calibration part: predict a
/// validation set at every λ of a grid with one trained YOTO network, report each task's metrics per
/// λ, and choose λ by a stated criterion. Use validation rows, never the test set (the reference
/// notebook chose λ on the test loader; EXPERIMENTS.md D14).
///
/// ## Mathematical properties
/// - Every grid point is evaluated with the same network and rows; metrics skip missing labels
///   (`Metrics`); a point's score is the criterion's value there.
/// - The chosen index minimises the score (maximises it for ROC-AUC and accuracy); ties go to the
///   first point in grid order, so the choice is deterministic.
public enum LambdaCalibration {
    /// The Cartesian product of per-task value lists, the first axis varying slowest.
    /// - Throws: `FairNetError.emptyGrid` when there is no axis or an axis has no value;
    ///   `FairNetError.invalidOption` when a task is named twice.
    public static func grid(_ axes: [(task: String, values: [Double])]) throws(FairNetError) -> [[String: Double]] {
        guard !axes.isEmpty, axes.allSatisfy({ !$0.values.isEmpty }) else { throw .emptyGrid }
        var seen = Set<String>()
        for axis in axes where !seen.insert(axis.task).inserted {
            throw .invalidOption(name: "grid axis", value: "\"\(axis.task)\"", allowed: "name each task once")
        }
        var points: [[String: Double]] = [[:]]
        for axis in axes {
            var next: [[String: Double]] = []
            for point in points {
                for v in axis.values {
                    var p = point
                    p[axis.task] = v
                    next.append(p)
                }
            }
            points = next
        }
        return points
    }

    /// Evaluates `model` on `validation` at every grid point and picks one by `criterion`.
    /// - Parameters:
    ///   - model: the trained network, conditioned on λ.
    ///   - validation: held-out training rows with labels (not the pool, not the test rows).
    ///   - grid: the λ points to evaluate, each a task name → weight.
    ///   - criterion: the metric (and task weights) that picks the point.
    ///   - threshold: the score threshold of accuracy.
    ///   - threads: prediction threads (results do not depend on it).
    /// - Throws: `emptyGrid`; `invalidOption` for a criterion that names an unknown task, a metric of
    ///   the other task kind, or bad weights; the errors of `predict` (e.g. `lambdaNotUsed` for an
    ///   unconditioned network) and of the metrics; `noLabels` for a task without validation labels.
    public static func run(model: MultiTaskNetwork, validation: TrainingData, grid: [[String: Double]],
                           criterion: CalibrationCriterion, threshold: Double = 0.5,
                           threads: Int? = nil) throws(FairNetError) -> CalibrationReport {
        guard !grid.isEmpty else { throw .emptyGrid }
        let tasks = model.architecture.tasks
        try check(criterion, tasks: tasks)
        for task in tasks {
            guard let column = validation.labels[task.name] else {
                throw .missingLabels(task: task.name, provided: validation.labels.keys.sorted())
            }
            guard column.contains(where: { !$0.isNaN }) else { throw .noLabels(task: task.name, context: "validation data") }
        }
        var points: [CalibrationPoint] = []
        var bestIndex = 0
        for (index, lambda) in grid.enumerated() {
            let metrics = try model.evaluate(on: validation, lambda: lambda, threshold: threshold, threads: threads)
            let score = score(criterion, metrics: metrics, tasks: tasks)
            points.append(CalibrationPoint(lambda: lambda, metrics: metrics, score: score))
            if index > 0, better(score, than: points[bestIndex].score, criterion: criterion) { bestIndex = index }
        }
        return CalibrationReport(criterion: criterion, points: points, bestIndex: bestIndex)
    }

    private static func check(_ criterion: CalibrationCriterion, tasks: [TaskSpec]) throws(FairNetError) {
        let names = tasks.map(\.name)
        switch criterion {
        case let .metric(task, metric):
            guard let spec = tasks.first(where: { $0.name == task }) else {
                throw .invalidOption(name: "criterion task", value: "\"\(task)\"", allowed: "name one of the network's tasks (\(FairNetError.list(names)))")
            }
            guard TaskMetric.defaults(for: spec.kind).contains(metric) else {
                throw .invalidOption(name: "criterion metric", value: metric.rawValue,
                                     allowed: "task \"\(task)\" is \(spec.kind.rawValue); use one of \(TaskMetric.defaults(for: spec.kind).map(\.rawValue).joined(separator: ", "))")
            }
        case let .weightedLoss(weights):
            for name in weights.keys.sorted() where !names.contains(name) {
                throw .invalidOption(name: "criterion weight", value: "\"\(name)\"", allowed: "name one of the network's tasks (\(FairNetError.list(names)))")
            }
            guard weights.values.allSatisfy({ $0.isFinite && $0 >= 0 }), weights.values.contains(where: { $0 > 0 }) else {
                throw .invalidOption(name: "criterion weights", value: "\(weights.keys.sorted().map { "\($0): \(weights[$0]!)" })",
                                     allowed: "use finite weights >= 0, at least one > 0")
            }
        }
    }

    private static func score(_ criterion: CalibrationCriterion, metrics: [String: [TaskMetric: Double]], tasks: [TaskSpec]) -> Double {
        switch criterion {
        case let .metric(task, metric):
            return metrics[task]![metric]!
        case let .weightedLoss(weights):
            var total = 0.0
            for task in tasks {
                let w = weights[task.name] ?? 0
                if w == 0 { continue }
                let loss = task.kind == .regression ? metrics[task.name]![.meanSquaredError]! : metrics[task.name]![.logLoss]!
                total += w * loss
            }
            return total
        }
    }

    private static func better(_ a: Double, than b: Double, criterion: CalibrationCriterion) -> Bool {
        if case let .metric(_, metric) = criterion, metric.higherIsBetter { return a > b }
        return a < b
    }
}
