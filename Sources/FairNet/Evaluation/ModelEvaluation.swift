extension MultiTaskNetwork {
    /// Every task's default metrics (`TaskMetric.defaults(for:)`) on labelled data, at the given task
    /// weights (nil for an unconditioned network).
    ///
    /// ## Mathematical properties
    /// Predictions as `predict(_:lambda:threads:)`; each metric over the rows where that task's label
    /// is present (see `Metrics`); accuracy thresholds the score at `threshold`.
    /// - Throws: the errors of `predict` and of the metrics; `missingLabels` when the data lack a task.
    public func evaluate(on data: TrainingData, lambda: [String: Double]? = nil, threshold: Double = 0.5,
                         threads: Int? = nil) throws(FairNetError) -> [String: [TaskMetric: Double]] {
        for task in architecture.tasks where data.labels[task.name] == nil {
            throw .missingLabels(task: task.name, provided: data.labels.keys.sorted())
        }
        let predictions = try predict(data.features, lambda: lambda, threads: threads)
        var metrics: [String: [TaskMetric: Double]] = [:]
        for (t, task) in architecture.tasks.enumerated() {
            var values: [TaskMetric: Double] = [:]
            for metric in TaskMetric.defaults(for: task.kind) {
                values[metric] = try metric.evaluate(predictions: predictions.values[t], labels: data.labels[task.name]!, threshold: threshold)
            }
            metrics[task.name] = values
        }
        return metrics
    }
}
