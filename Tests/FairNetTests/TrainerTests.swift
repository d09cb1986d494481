import FairSupport
import Foundation
import Synchronization
import Testing
@testable import FairNet

@Suite("Trainer: learning, determinism, task weights, progress, cancellation, early stopping")
struct TrainerTests {
    static func regressionData(rows: Int, seed: UInt64) -> TrainingData {
        let x = Fixtures.gaussianFeatures(rows: rows, columns: 4, seed: seed)
        return try! TrainingData(features: x, labels: ["y": Fixtures.linearTarget(x)])
    }

    @Test("a network learns a linear target to a low test MSE")
    func learnsLinearTarget() throws {
        let a = try NetworkArchitecture(inputs: 4, hidden: [16], tasks: [.regression("y")])
        var options = TrainingOptions(epochs: 40, batchSize: 32, learningRate: 1e-2, seed: 1)
        options.weightDecay = 0
        let model = try MultiTaskNetwork(architecture: a, seed: 1)
        let result = try Trainer(options: options).train(model, on: Self.regressionData(rows: 1000, seed: 1))
        let test = Self.regressionData(rows: 500, seed: 2)
        let predicted = try result.model.predict(test.features).values(for: "y")
        let mse = try Metrics.meanSquaredError(predictions: predicted, labels: test.labels["y"]!)
        let variance = try Metrics.meanSquaredError(predictions: Array(repeating: 0.3, count: 500), labels: test.labels["y"]!)
        #expect(mse < 0.01, "test MSE \(mse) (target variance \(variance))")
        #expect(result.history.count == 40)
        #expect(result.history.last!.trainingLoss[0] < result.history.first!.trainingLoss[0])
    }

    @Test("a network separates linearly separable classes (test AUC > 0.99)")
    func learnsSeparableClasses() throws {
        let a = try NetworkArchitecture(inputs: 4, hidden: [16, 8], tasks: [.binary("c")], dropout: 0.1)
        let x = Fixtures.gaussianFeatures(rows: 1000, columns: 4, seed: 3)
        let data = try TrainingData(features: x, labels: ["c": Fixtures.separableClass(x)])
        let model = try MultiTaskNetwork(architecture: a, seed: 2)
        let result = try Trainer(options: TrainingOptions(epochs: 20, batchSize: 32, learningRate: 1e-2, seed: 2)).train(model, on: data)
        let xt = Fixtures.gaussianFeatures(rows: 500, columns: 4, seed: 4)
        let scores = try result.model.predict(xt).values(for: "c")
        #expect(scores.allSatisfy { $0 >= 0 && $0 <= 1 })
        let auc = try Metrics.rocAUC(scores: scores, labels: Fixtures.separableClass(xt))
        #expect(auc > 0.99, "test AUC \(auc)")
    }

    /// Two tasks on the same rows: "a" (regression, linear) and "b" (binary, separable).
    static func twoTaskData(rows: Int, seed: UInt64, shuffleB: Bool = false) -> TrainingData {
        let x = Fixtures.gaussianFeatures(rows: rows, columns: 4, seed: seed)
        var b = Fixtures.separableClass(x)
        if shuffleB { b = b.reversed() }
        return try! TrainingData(features: x, labels: ["a": Fixtures.linearTarget(x), "b": b])
    }

    @Test("the same seed gives bit-identical weights and predictions; another seed does not",
          arguments: [Conditioning.Mode?.none, .perUnit, .scalar])
    func determinism(mode: Conditioning.Mode?) throws {
        let a = Fixtures.architecture(inputs: 4, hidden: [12, 6], tasks: [.regression("a"), .binary("b")], dropout: 0.2, mode: mode)
        let data = Self.twoTaskData(rows: 300, seed: 5)
        let model = try MultiTaskNetwork(architecture: a, seed: 7)
        let options = TrainingOptions(epochs: 3, batchSize: 64, seed: 11)
        let first = try Trainer(options: options).train(model, on: data).model
        let second = try Trainer(options: options).train(model, on: data).model
        #expect(first.parameters.map(\.bitPattern) == second.parameters.map(\.bitPattern))
        let lambda: [String: Double]? = mode == nil ? nil : ["a": 1, "b": 1.5]
        let p1 = try first.predict(data.features, lambda: lambda, threads: 1)
        let p2 = try second.predict(data.features, lambda: lambda, threads: 2)
        #expect(p1.values.map { $0.map(\.bitPattern) } == p2.values.map { $0.map(\.bitPattern) })
        var other = options
        other.seed = 12
        let third = try Trainer(options: other).train(model, on: data).model
        #expect(third.parameters != first.parameters)
    }

    @Test("task weights (1, 0) train only the first task: the second head never moves and its labels do not matter")
    func zeroWeightTrainsOnlyFirstTask() throws {
        let a = try NetworkArchitecture(inputs: 4, hidden: [8], tasks: [.regression("a"), .binary("b")], dropout: 0.1)
        let model = try MultiTaskNetwork(architecture: a, seed: 3)
        var options = TrainingOptions(epochs: 3, batchSize: 50, seed: 4)
        options.taskWeights = ["a": 1, "b": 0]
        let trained = try Trainer(options: options).train(model, on: Self.twoTaskData(rows: 200, seed: 6)).model
        let relabelled = try Trainer(options: options).train(model, on: Self.twoTaskData(rows: 200, seed: 6, shuffleB: true)).model
        let l = ParameterLayout(a)
        let secondHead = (0..<8).map { l.headWeights + $0 * 2 + 1 } + [l.headBiases + 1]
        for i in secondHead { #expect(trained.parameters[i].bitPattern == model.parameters[i].bitPattern) }
        #expect(trained.parameters.map(\.bitPattern) == relabelled.parameters.map(\.bitPattern))
        #expect(trained.parameters != model.parameters)
        #expect(trained.provenance?.taskWeights == [1, 0])
    }

    @Test("each epoch is reported with per-task losses, elapsed time and an estimate of the time left")
    func progressReports() throws {
        let a = Fixtures.architecture(inputs: 4, hidden: [8], tasks: [.regression("a"), .binary("b")], mode: .perUnit)
        let model = try MultiTaskNetwork(architecture: a, seed: 1)
        let data = Self.twoTaskData(rows: 200, seed: 1)
        let (training, validation) = try data.split(validationFraction: 0.25, seed: 1)
        var reports: [EpochReport] = []
        let result = try Trainer(options: TrainingOptions(epochs: 4, batchSize: 32, seed: 1))
            .train(model, on: training, validation: validation) { reports.append($0) }
        #expect(reports == result.history)
        #expect(reports.map(\.epoch) == [1, 2, 3, 4])
        #expect(reports.allSatisfy { $0.tasks == ["a", "b"] && $0.trainingLoss.count == 2 && $0.validationLoss?.count == 2 })
        #expect(reports.allSatisfy { $0.trainingLoss.allSatisfy { $0.isFinite && $0 > 0 } && $0.validationObjective!.isFinite })
        #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.elapsed <= $1.elapsed })
        #expect(reports.last!.estimatedRemaining == 0)
        #expect(abs(reports[0].estimatedRemaining - 3 * reports[0].elapsed) < 1e-12)
    }

    @Test("cancelling stops between batches, throws, and leaves the given model untouched")
    func cancellation() throws {
        let a = Fixtures.architecture(inputs: 4, hidden: [8], tasks: [.regression("a"), .binary("b")])
        let model = try MultiTaskNetwork(architecture: a, seed: 1)
        let before = model
        let token = CancellationToken()
        let error = caughtError {
            try Trainer(options: TrainingOptions(epochs: 5, batchSize: 32, seed: 1))
                .train(model, on: Self.twoTaskData(rows: 100, seed: 1), cancellation: token) { report in
                    if report.epoch == 2 { token.cancel() }
                }
        }
        #expect(error == .cancelled(epochsCompleted: 2))
        #expect(error?.description.contains("the previous model is unchanged") == true)
        #expect(model == before)
        #expect(token.isCancelled)
        // A token cancelled from another thread before training starts stops it before the first batch.
        let early = CancellationToken()
        let thread = Thread { early.cancel() }
        thread.start()
        while !early.isCancelled { usleep(100) }
        #expect(caughtError { try Trainer(options: TrainingOptions(epochs: 1)).train(model, on: Self.twoTaskData(rows: 50, seed: 1), cancellation: early) }
                == .cancelled(epochsCompleted: 0))
    }

    @Test("early stopping stops after `patience` epochs without improvement and keeps the best epoch's weights")
    func earlyStopping() throws {
        // A wide network on few noisy rows overfits quickly.
        let a = try NetworkArchitecture(inputs: 4, hidden: [64, 64], tasks: [.regression("y")])
        let x = Fixtures.gaussianFeatures(rows: 60, columns: 4, seed: 9)
        var g = SeededGenerator(seed: 10)
        let y = (0..<60).map { _ in g.nextNormal() }
        let data = try TrainingData(features: x, labels: ["y": y])
        let (training, validation) = try data.split(validationFraction: 0.5, seed: 2)
        var options = TrainingOptions(epochs: 200, batchSize: 10, learningRate: 1e-2, seed: 3)
        options.earlyStopping = EarlyStopping(patience: 3)
        let model = try MultiTaskNetwork(architecture: a, seed: 3)
        let result = try Trainer(options: options).train(model, on: training, validation: validation)
        #expect(result.stoppedEarly)
        let objectives = result.history.map { $0.validationObjective! }
        let bestEpoch = objectives.indices.min { objectives[$0] < objectives[$1] }! + 1
        #expect(result.history.count == bestEpoch + 3)
        #expect(result.model.provenance?.keptEpoch == bestEpoch)
        #expect(result.model.provenance?.epochsCompleted == bestEpoch + 3)
        #expect(result.history[bestEpoch - 1].isBest)
        // The kept weights reproduce the best validation objective (MSE at weight 1; training rounds
        // labels to Float32, hence the tolerance).
        let predicted = try result.model.predict(validation.features).values(for: "y")
        let mse = try Metrics.meanSquaredError(predictions: predicted, labels: validation.labels["y"]!)
        #expect(abs(mse - objectives[bestEpoch - 1]) < 1e-6 * max(1, mse))
        // Without restoring, the run stops at the same epoch and keeps the last weights.
        options.earlyStopping = EarlyStopping(patience: 3, restoreBest: false)
        let last = try Trainer(options: options).train(model, on: training, validation: validation)
        #expect(last.stoppedEarly && last.history.count == result.history.count)
        #expect(last.history.map(\.validationObjective) == result.history.map(\.validationObjective))
        #expect(last.model.provenance?.keptEpoch == bestEpoch + 3)
        let lastMSE = try Metrics.meanSquaredError(predictions: try last.model.predict(validation.features).values(for: "y"), labels: validation.labels["y"]!)
        #expect(abs(lastMSE - objectives.last!) < 1e-6 * max(1, lastMSE))
    }

    @Test("a diverging run is an error naming the epoch and the task")
    func divergence() throws {
        let a = try NetworkArchitecture(inputs: 4, hidden: [8], tasks: [.regression("y")])
        let x = Fixtures.gaussianFeatures(rows: 64, columns: 4, seed: 1)
        let data = try TrainingData(features: x, labels: ["y": Fixtures.linearTarget(x)])
        let error = caughtError { try Trainer(options: TrainingOptions(epochs: 2, batchSize: 16, learningRate: 1e30, seed: 1)).train(try! MultiTaskNetwork(architecture: a, seed: 1), on: data) }
        #expect(error == .diverged(epoch: 1, task: "y"))
        #expect(error?.description.contains("Lower the learning rate") == true)
    }

    @Test("invalid options and data are errors that say what to do")
    func invalidInputs() throws {
        let plain = try NetworkArchitecture(inputs: 4, hidden: [4], tasks: [.regression("a"), .binary("b")])
        let model = try MultiTaskNetwork(architecture: plain, seed: 1)
        let data = Self.twoTaskData(rows: 20, seed: 1)
        func trainError(_ options: TrainingOptions, _ d: TrainingData = data, validation: TrainingData? = nil,
                        model m: MultiTaskNetwork? = nil) -> FairNetError? {
            caughtError { try Trainer(options: options).train(m ?? model, on: d, validation: validation) }
        }
        #expect(trainError(TrainingOptions(epochs: 0)) == .invalidOption(name: "epochs", value: "0", allowed: "use at least 1 epoch"))
        #expect(trainError(TrainingOptions(batchSize: 0))?.description.contains("batchSize = 0") == true)
        #expect(trainError(TrainingOptions(learningRate: -1))?.description.contains("use a finite value > 0") == true)
        var o = TrainingOptions()
        o.beta1 = 1
        #expect(trainError(o)?.description.contains("beta1 = 1.0") == true)
        o = TrainingOptions(); o.beta2 = -0.1
        #expect(trainError(o)?.description.contains("beta2") == true)
        o = TrainingOptions(); o.epsilon = 0
        #expect(trainError(o)?.description.contains("epsilon") == true)
        o = TrainingOptions(); o.weightDecay = -1
        #expect(trainError(o)?.description.contains("weightDecay") == true)
        o = TrainingOptions(); o.earlyStopping = EarlyStopping(patience: 0)
        #expect(trainError(o)?.description.contains("earlyStopping.patience") == true)
        o = TrainingOptions(); o.earlyStopping = EarlyStopping(patience: 1, minImprovement: -1)
        #expect(trainError(o)?.description.contains("earlyStopping.minImprovement") == true)
        o = TrainingOptions(); o.earlyStopping = EarlyStopping()
        #expect(trainError(o) == .validationRequired)
        #expect(FairNetError.validationRequired.description.contains("pass a validation set"))
        o = TrainingOptions(); o.taskWeights = ["a": 1]
        #expect(trainError(o) == .lambdaTaskMismatch(missing: ["b"], extra: []))
        // Task weights for a conditioned network.
        let yoto = Fixtures.architecture(inputs: 4, hidden: [4], tasks: [.regression("a"), .binary("b")], mode: .perUnit)
        o = TrainingOptions(); o.taskWeights = ["a": 1, "b": 1]
        #expect(trainError(o, model: try MultiTaskNetwork(architecture: yoto, seed: 1))?.description.contains("remove taskWeights") == true)
        // Data problems.
        let wrongWidth = try TrainingData(features: Fixtures.gaussianFeatures(rows: 5, columns: 3, seed: 1), labels: ["a": [1, 2, 3, 4, 5], "b": [0, 1, 0, 1, 0]])
        #expect(trainError(TrainingOptions(), wrongWidth) == .shapeMismatch(what: "feature columns of the training data", expected: 4, actual: 3))
        let x = data.features
        #expect(trainError(TrainingOptions(), try TrainingData(features: x, labels: ["a": data.labels["a"]!]))
                == .missingLabels(task: "b", provided: ["a"]))
        #expect(trainError(TrainingOptions(), try TrainingData(features: x, labels: data.labels.merging(["c": data.labels["a"]!]) { a, _ in a }))
                == .unknownTask(name: "c", known: ["a", "b"]))
        var badB = data.labels["b"]!
        badB[3] = 0.5
        #expect(trainError(TrainingOptions(), try TrainingData(features: x, labels: ["a": data.labels["a"]!, "b": badB]))
                == .invalidLabel(task: "b", row: 3, value: 0.5, allowed: "a binary label must be 0 or 1"))
        var badA = data.labels["a"]!
        badA[7] = .infinity
        #expect(trainError(TrainingOptions(), try TrainingData(features: x, labels: ["a": badA, "b": data.labels["b"]!]))?
                .description.contains("row 7") == true)
        let allMissing = [Double](repeating: .nan, count: 20)
        #expect(trainError(TrainingOptions(), try TrainingData(features: x, labels: ["a": allMissing, "b": data.labels["b"]!]))
                == .noLabels(task: "a", context: "training data"))
        var values = x.values
        values[4 * 2 + 3] = .nan
        let nonFinite = try TrainingData(features: try FeatureMatrix(rows: 20, columns: 4, values: values), labels: data.labels)
        #expect(trainError(TrainingOptions(), nonFinite) == .nonFiniteFeature(row: 2, column: 3, value: .nan) || trainError(TrainingOptions(), nonFinite)?.description.contains("row 2, column 3") == true)
        #expect(trainError(TrainingOptions(), data, validation: try TrainingData(features: x, labels: ["a": allMissing, "b": data.labels["b"]!]))
                == .noLabels(task: "a", context: "validation data"))
    }
}
