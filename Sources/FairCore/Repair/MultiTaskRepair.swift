import FairSupport

/// The barycenter repairs of every task of a multi-task model, for one trade-off weight
/// vector λ (METHOD.md §3.2: the fair multi-task problem decouples into one barycenter
/// problem per task, and the maps are specific to λ).
///
/// Fit it on a calibration pool's prediction table (one score column per task name, plus the
/// group column); apply it to predictions of the same tasks made at the same λ.
///
/// ## Mathematical properties
/// - Each task is repaired by its own `BarycenterRepair` (its own weights, jitter stream,
///   convention and policies), so each head is made DP-fair marginally; nothing is claimed
///   about the joint law of the heads (METHOD.md §2.6).
/// - λ is recorded at fit time and compared **exactly** (`==` on every component) at apply
///   time: predictions made at another λ are refused, because the barycenter map of one λ does
///   not repair the predictions of another.
/// - Task names are matched exactly; unknown and missing tasks are errors.
public struct MultiTaskRepair: Sendable, Equatable {
    /// The task weights λ at which the calibration predictions were made.
    public let lambda: [Double]
    /// The tasks, sorted by name.
    public let taskNames: [String]
    /// One repair per task, parallel to `taskNames`.
    public let repairs: [BarycenterRepair]

    /// Assembles a multi-task repair from fitted single-task repairs (one per task name).
    /// - Throws: `.emptyInput` for no repairs, `.invalidParameter` for a task name given twice
    ///   or an invalid λ.
    public init(repairs: [BarycenterRepair], lambda: [Double]) throws(FairCoreError) {
        if repairs.isEmpty { throw .emptyInput(what: "task repairs") }
        try Self.validateLambda(lambda)
        let sorted = repairs.sorted { $0.taskName < $1.taskName }
        for i in 1..<sorted.count where sorted[i].taskName == sorted[i - 1].taskName {
            throw .invalidParameter(name: "task name", value: "\"\(sorted[i].taskName)\"",
                                    allowed: "each task must appear once; give every task a distinct name")
        }
        self.repairs = sorted
        self.taskNames = sorted.map(\.taskName)
        self.lambda = lambda.map { $0 + 0.0 }
    }

    /// Fits one repair per task on a calibration pool.
    /// - Parameters:
    ///   - predictions: task name → the task's predictions on the pool rows (all the same length).
    ///   - groups: the pool rows' sensitive attribute.
    ///   - lambda: the task weights at which the predictions were made.
    ///   - rowIDs: stable row keys (default: row index).
    ///   - options: per-task options (tasks not listed use `defaultOptions`).
    ///   - defaultOptions: the options of every task that `options` does not list.
    ///   - weights: per-task group weights (tasks not listed use the pool frequencies).
    /// - Throws: `.emptyInput` for no tasks, `.unknownTask` for options or weights of a task
    ///   that has no predictions, `.invalidParameter` for a bad λ, and every error of
    ///   `BarycenterRepair.fit`.
    public static func fit(
        predictions: [String: [Double]],
        groups: GroupColumn,
        lambda: [Double],
        rowIDs: [UInt64]? = nil,
        options: [String: RepairOptions] = [:],
        defaultOptions: RepairOptions = RepairOptions(),
        weights: [String: [String: Double]] = [:]
    ) throws(FairCoreError) -> MultiTaskRepair {
        if predictions.isEmpty { throw .emptyInput(what: "predictions (one column per task)") }
        try validateLambda(lambda)
        let tasks = predictions.keys.sorted()
        for name in options.keys.sorted() where predictions[name] == nil { throw .unknownTask(name: name, known: tasks) }
        for name in weights.keys.sorted() where predictions[name] == nil { throw .unknownTask(name: name, known: tasks) }
        var repairs: [BarycenterRepair] = []
        for task in tasks {
            repairs.append(try BarycenterRepair.fit(
                scores: predictions[task] ?? [], groups: groups, rowIDs: rowIDs, taskName: task,
                weights: weights[task], options: options[task] ?? defaultOptions))
        }
        return try MultiTaskRepair(repairs: repairs, lambda: lambda)
    }

    /// The repair of one task.
    /// - Throws: `.unknownTask`.
    public func repair(forTask name: String) throws(FairCoreError) -> BarycenterRepair {
        guard let i = taskNames.firstIndex(of: name) else { throw .unknownTask(name: name, known: taskNames) }
        return repairs[i]
    }

    /// The fit reports of all tasks, in task order.
    public var fitReports: [RepairFitReport] { repairs.map(\.fitReport) }

    /// Repairs every task's predictions.
    /// - Parameters:
    ///   - predictions: task name → predictions (exactly the repair's tasks).
    ///   - groups: the rows' groups.
    ///   - lambda: the task weights at which these predictions were made (must equal `lambda`).
    ///   - rowIDs: stable row keys (default: row index).
    ///   - epsilon: per-task ε (tasks not listed use 0, fully fair).
    /// - Throws: `.lambdaMismatch`, `.unknownTask`, `.missingTask`, and every error of
    ///   `BarycenterRepair.apply`.
    public func apply(
        predictions: [String: [Double]],
        groups: GroupColumn,
        lambda: [Double],
        rowIDs: [UInt64]? = nil,
        epsilon: [String: Double] = [:]
    ) throws(FairCoreError) -> MultiTaskRepairResult {
        if lambda != self.lambda { throw .lambdaMismatch(fitted: self.lambda, given: lambda) }
        for name in predictions.keys.sorted() where !taskNames.contains(name) { throw .unknownTask(name: name, known: taskNames) }
        for name in epsilon.keys.sorted() where !taskNames.contains(name) { throw .unknownTask(name: name, known: taskNames) }
        var outputs: [String: [Double]] = [:]
        var reports: [String: RepairApplyReport] = [:]
        for (task, repair) in zip(taskNames, repairs) {
            guard let scores = predictions[task] else {
                throw .missingTask(name: task, provided: predictions.keys.sorted())
            }
            let result = try repair.apply(scores: scores, groups: groups, rowIDs: rowIDs, epsilon: epsilon[task] ?? 0)
            outputs[task] = result.outputs
            reports[task] = result.report
        }
        return MultiTaskRepairResult(outputs: outputs, reports: reports)
    }

    static func validateLambda(_ lambda: [Double]) throws(FairCoreError) {
        if lambda.isEmpty || lambda.contains(where: { !$0.isFinite || $0 < 0 }) {
            throw .invalidParameter(name: "lambda", value: MultiTaskRepair.describe(lambda),
                                    allowed: "one finite, non-negative weight per task of the network, as used when predicting")
        }
    }

    static func describe(_ values: [Double]) -> String {
        "(" + values.map { "\($0)" }.joined(separator: ", ") + ")"
    }
}

/// The repaired predictions of every task, with one apply report per task.
public struct MultiTaskRepairResult: Sendable, Hashable {
    /// Task name → repaired predictions, in input row order.
    public let outputs: [String: [Double]]
    /// Task name → what happened to the rows of that task.
    public let reports: [String: RepairApplyReport]
}
