/// One network's predictions for a set of rows: one Double column per task, in task order.
///
/// Regression tasks hold the head's output; binary tasks hold the score sigmoid(logit) ∈ [0, 1]
/// (the probability of label 1); the logits are kept too. `lambda` records the task weights the
/// predictions were made at (nil for an unconditioned network), so a repair fitted on them can check
/// it is applied at the same weights.
public struct Predictions: Sendable, Equatable {
    /// The network's tasks, in column order.
    public let tasks: [TaskSpec]
    /// `values[t][i]`: prediction of task `t` for row `i` (score for binary tasks).
    public let values: [[Double]]
    /// `logits[t][i]` for binary tasks; equal to `values[t]` for regression tasks.
    public let logits: [[Double]]
    /// The task weights, in task order, or nil for an unconditioned network.
    public let lambda: [Double]?

    /// Number of rows.
    public var rows: Int { values.first?.count ?? 0 }

    /// The prediction column of a task.
    /// - Throws: `FairNetError.unknownTask`.
    public func values(for task: String) throws(FairNetError) -> [Double] {
        guard let t = tasks.firstIndex(where: { $0.name == task }) else { throw .unknownTask(name: task, known: tasks.map(\.name)) }
        return values[t]
    }
}
