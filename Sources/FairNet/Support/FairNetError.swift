/// Every error FairNet throws. Each message names what is wrong (row, column, task, file) and says
/// what to do. FairNet never prints and never exits: callers decide how to show these.
public enum FairNetError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The network description is not usable (`reason` says which part).
    case invalidArchitecture(reason: String)
    /// A training or evaluation option outside its allowed range.
    case invalidOption(name: String, value: String, allowed: String)
    /// An input whose size does not fit (`what` names it).
    case shapeMismatch(what: String, expected: Int, actual: Int)
    /// A NaN or infinite feature value.
    case nonFiniteFeature(row: Int, column: Int, value: Float)
    /// The network has a task for which the data give no label column.
    case missingLabels(task: String, provided: [String])
    /// The data give a label column for a task the network does not have.
    case unknownTask(name: String, known: [String])
    /// A label value that the task's kind does not accept.
    case invalidLabel(task: String, row: Int, value: Double, allowed: String)
    /// A task whose labels are all missing where at least one is needed.
    case noLabels(task: String, context: String)
    /// A lambda-conditioned network was asked to predict without task weights.
    case lambdaRequired(tasks: [String])
    /// Task weights were given to a network that is not conditioned on them.
    case lambdaNotUsed
    /// Task weights that do not name exactly the network's tasks.
    case lambdaTaskMismatch(missing: [String], extra: [String])
    /// A task weight outside what the network accepts.
    case invalidLambda(task: String, value: Double, allowed: String)
    /// Early stopping needs validation data.
    case validationRequired
    /// Training was cancelled through its cancellation token.
    case cancelled(epochsCompleted: Int)
    /// The loss became NaN or infinite.
    case diverged(epoch: Int, task: String)
    /// A metric that is not defined on the given data (e.g. ROC-AUC with one class).
    case undefinedMetric(metric: String, reason: String)
    /// A prediction that is NaN or infinite where a metric needs a finite value.
    case nonFinitePrediction(what: String, row: Int, value: Double)
    /// A lambda calibration grid with no point.
    case emptyGrid
    /// A file that cannot be read or written.
    case fileAccess(path: String, reason: String)
    /// A file that is not a FairNet model file at all.
    case foreignFile(path: String, reason: String)
    /// A FairNet model file of a format version this build cannot read.
    case unsupportedVersion(path: String, found: Int, supported: Int)
    /// A FairNet model file whose content is damaged or inconsistent.
    case corruptFile(path: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidArchitecture(reason):
            return "invalid network architecture: \(reason). Fix the architecture and build the network again."
        case let .invalidOption(name, value, allowed):
            return "\(name) = \(value) is not allowed: \(allowed)."
        case let .shapeMismatch(what, expected, actual):
            return "\(what): expected \(expected), got \(actual). Pass data shaped as the network expects."
        case let .nonFiniteFeature(row, column, value):
            return "feature matrix has a non-finite value (\(value)) at row \(row), column \(column) (0-based). Impute or drop that row before training or predicting."
        case let .missingLabels(task, provided):
            return "no label column for task \"\(task)\" (the data provide \(Self.list(provided))). Give one label column per task; use NaN for a missing label."
        case let .unknownTask(name, known):
            return "unknown task \"\(name)\" (the network has \(Self.list(known))). Use one of those task names."
        case let .invalidLabel(task, row, value, allowed):
            return "task \"\(task)\" has label \(value) at row \(row) (0-based), but \(allowed). Fix that label, or mark it missing with NaN."
        case let .noLabels(task, context):
            return "task \"\(task)\" has no label in the \(context) (every value is NaN). Provide at least one label for it, or remove the task."
        case let .lambdaRequired(tasks):
            return "this network is conditioned on task weights: pass lambda with one weight per task (\(Self.list(tasks)))."
        case .lambdaNotUsed:
            return "this network is not conditioned on task weights: predict without lambda (its task weights were fixed at training)."
        case let .lambdaTaskMismatch(missing, extra):
            var parts: [String] = []
            if !missing.isEmpty { parts.append("no weight for \(Self.list(missing))") }
            if !extra.isEmpty { parts.append("weights for unknown \(Self.list(extra))") }
            return "task weights do not match the tasks: \(parts.joined(separator: "; ")). Give exactly one weight per task, by task name."
        case let .invalidLambda(task, value, allowed):
            return "task weight \(value) for task \"\(task)\" is not allowed: \(allowed)."
        case .validationRequired:
            return "early stopping needs validation data: pass a validation set (e.g. from TrainingData.split), or turn early stopping off."
        case let .cancelled(epochsCompleted):
            return "training was cancelled after \(epochsCompleted) complete epoch\(epochsCompleted == 1 ? "" : "s"); the previous model is unchanged. Start training again to get a new model."
        case let .diverged(epoch, task):
            return "training diverged in epoch \(epoch): the loss of task \"\(task)\" is not finite. Lower the learning rate, or standardise the features and regression targets."
        case let .undefinedMetric(metric, reason):
            return "\(metric) is not defined here: \(reason)."
        case let .nonFinitePrediction(what, row, value):
            return "\(what) has a non-finite value (\(value)) at row \(row) (0-based). Check the model and its inputs."
        case .emptyGrid:
            return "the lambda grid has no point: give at least one value for every task."
        case let .fileAccess(path, reason):
            return "cannot access \(path): \(reason). Check the path and its permissions."
        case let .foreignFile(path, reason):
            return "\(path) is not a FairNet model file (\(reason)). Pass a file written by MultiTaskNetwork.save(to:)."
        case let .unsupportedVersion(path, found, supported):
            return "\(path) has model format version \(found), but this build reads version \(supported). Re-create the file with this version of FairMTL."
        case let .corruptFile(path, reason):
            return "\(path) is a damaged FairNet model file: \(reason). Save the model again."
        }
    }

    static func list(_ names: [String]) -> String {
        names.isEmpty ? "none" : names.map { "\"\($0)\"" }.joined(separator: ", ")
    }
}
