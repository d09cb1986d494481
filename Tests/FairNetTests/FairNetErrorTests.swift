import Testing
@testable import FairNet

@Suite("FairNetError messages")
struct FairNetErrorTests {
    /// Every case, with the fragments its message must contain: the specifics, then what to do.
    static let cases: [(FairNetError, [String])] = [
        (.invalidArchitecture(reason: "no task"), ["invalid network architecture: no task", "Fix the architecture"]),
        (.invalidOption(name: "epochs", value: "0", allowed: "use at least 1 epoch"), ["epochs = 0", "use at least 1 epoch"]),
        (.shapeMismatch(what: "feature columns", expected: 87, actual: 86), ["feature columns: expected 87, got 86", "Pass data shaped"]),
        (.nonFiniteFeature(row: 4, column: 2, value: .nan), ["row 4, column 2", "Impute or drop that row"]),
        (.missingLabels(task: "income", provided: ["mobility"]), ["\"income\"", "\"mobility\"", "use NaN for a missing label"]),
        (.unknownTask(name: "incom", known: ["income"]), ["\"incom\"", "\"income\"", "Use one of those task names"]),
        (.invalidLabel(task: "mobility", row: 9, value: 2, allowed: "a binary label must be 0 or 1"), ["row 9", "must be 0 or 1", "mark it missing with NaN"]),
        (.noLabels(task: "income", context: "training data"), ["\"income\"", "training data", "Provide at least one label"]),
        (.lambdaRequired(tasks: ["a", "b"]), ["pass lambda with one weight per task", "\"a\", \"b\""]),
        (.lambdaNotUsed, ["not conditioned", "predict without lambda"]),
        (.lambdaTaskMismatch(missing: ["b"], extra: ["c"]), ["no weight for \"b\"", "weights for unknown \"c\"", "Give exactly one weight per task"]),
        (.invalidLambda(task: "a", value: -1, allowed: "a task weight must be finite and >= 0"), ["-1.0", "\"a\"", "finite and >= 0"]),
        (.validationRequired, ["early stopping needs validation data", "pass a validation set"]),
        (.cancelled(epochsCompleted: 1), ["after 1 complete epoch;", "previous model is unchanged", "Start training again"]),
        (.diverged(epoch: 3, task: "income"), ["epoch 3", "\"income\"", "Lower the learning rate"]),
        (.undefinedMetric(metric: "ROC-AUC", reason: "only one class"), ["ROC-AUC is not defined here: only one class"]),
        (.nonFinitePrediction(what: "scores", row: 2, value: .infinity), ["scores", "row 2", "Check the model and its inputs"]),
        (.emptyGrid, ["no point", "give at least one value for every task"]),
        (.fileAccess(path: "/x/m.json", reason: "it cannot be read"), ["/x/m.json", "Check the path"]),
        (.foreignFile(path: "/x/a.csv", reason: "it is not a JSON object"), ["/x/a.csv", "not a FairNet model file", "MultiTaskNetwork.save(to:)"]),
        (.unsupportedVersion(path: "/x/m.json", found: 2, supported: 1), ["version 2", "reads version 1", "Re-create the file"]),
        (.corruptFile(path: "/x/m.json", reason: "bad checksum"), ["/x/m.json", "bad checksum", "Save the model again"]),
    ]

    @Test("each message names the specifics and says what to do", arguments: cases.indices)
    func message(index: Int) {
        let (error, fragments) = Self.cases[index]
        for fragment in fragments {
            #expect(error.description.contains(fragment), "\(error.description) should contain \(fragment)")
        }
    }

    /// An exhaustive switch: adding a case to `FairNetError` breaks compilation here until the table
    /// above gets an entry for it.
    static func caseName(_ e: FairNetError) -> String {
        switch e {
        case .invalidArchitecture: "invalidArchitecture"
        case .invalidOption: "invalidOption"
        case .shapeMismatch: "shapeMismatch"
        case .nonFiniteFeature: "nonFiniteFeature"
        case .missingLabels: "missingLabels"
        case .unknownTask: "unknownTask"
        case .invalidLabel: "invalidLabel"
        case .noLabels: "noLabels"
        case .lambdaRequired: "lambdaRequired"
        case .lambdaNotUsed: "lambdaNotUsed"
        case .lambdaTaskMismatch: "lambdaTaskMismatch"
        case .invalidLambda: "invalidLambda"
        case .validationRequired: "validationRequired"
        case .cancelled: "cancelled"
        case .diverged: "diverged"
        case .undefinedMetric: "undefinedMetric"
        case .nonFinitePrediction: "nonFinitePrediction"
        case .emptyGrid: "emptyGrid"
        case .fileAccess: "fileAccess"
        case .foreignFile: "foreignFile"
        case .unsupportedVersion: "unsupportedVersion"
        case .corruptFile: "corruptFile"
        }
    }

    @Test("the table covers every case exactly once")
    func coverage() {
        let names = Self.cases.map { Self.caseName($0.0) }
        #expect(Set(names).count == names.count)
        #expect(names.count == 22)
    }
}
