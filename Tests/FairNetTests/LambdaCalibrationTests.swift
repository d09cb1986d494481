import FairSupport
import Testing
@testable import FairNet

@Suite("LambdaCalibration: Algorithm 2 on a validation set")
struct LambdaCalibrationTests {
    @Test("the grid is the Cartesian product, first axis slowest")
    func gridProduct() throws {
        let grid = try LambdaCalibration.grid([("a", [1, 2]), ("b", [0.5, 1, 4])])
        #expect(grid.count == 6)
        #expect(grid[0] == ["a": 1, "b": 0.5] && grid[2] == ["a": 1, "b": 4] && grid[3] == ["a": 2, "b": 0.5])
        #expect(caughtError { try LambdaCalibration.grid([("a", [])]) } == .emptyGrid)
        #expect(caughtError { try LambdaCalibration.grid([]) } == .emptyGrid)
        #expect(caughtError { try LambdaCalibration.grid([("a", [1]), ("a", [2])]) }?.description.contains("name each task once") == true)
    }

    /// A trained YOTO model on the competing tasks of `ConditioningTests`.
    static let model: MultiTaskNetwork = {
        let tasks: [TaskSpec] = [.regression("a"), .binary("b")]
        let x = Fixtures.gaussianFeatures(rows: 300, columns: 4, seed: 1)
        let data = try! TrainingData(features: x, labels: ["a": Fixtures.column(x, 0), "b": Fixtures.separableClass(x)])
        let ranges = [LambdaRange(0.25, 4, .logUniform), LambdaRange(0.25, 4, .logUniform)]
        let a = try! NetworkArchitecture(inputs: 4, hidden: [16, 2], tasks: tasks, conditioning: Conditioning(hiddenUnits: 8, ranges: ranges))
        return try! Trainer(options: TrainingOptions(epochs: 10, batchSize: 32, learningRate: 1e-2, seed: 1))
            .train(try! MultiTaskNetwork(architecture: a, seed: 1), on: data).model
    }()

    static let validation: TrainingData = {
        let x = Fixtures.gaussianFeatures(rows: 200, columns: 4, seed: 2)
        return try! TrainingData(features: x, labels: ["a": Fixtures.column(x, 0), "b": Fixtures.separableClass(x)])
    }()

    @Test("every grid point reports each task's metrics; the chosen point is the best by the criterion")
    func picksBest() throws {
        let grid = try LambdaCalibration.grid([("a", [0.25, 1, 4]), ("b", [0.25, 4])])
        for criterion: CalibrationCriterion in [.metric(task: "a", .meanSquaredError), .metric(task: "b", .rocAUC),
                                                .weightedLoss(["a": 1, "b": 2])] {
            let report = try LambdaCalibration.run(model: Self.model, validation: Self.validation, grid: grid, criterion: criterion)
            #expect(report.points.count == 6)
            #expect(report.points.map(\.lambda) == grid)
            for (point, lambda) in zip(report.points, grid) {
                let p = try Self.model.predict(Self.validation.features, lambda: lambda)
                let mse = try Metrics.meanSquaredError(predictions: p.values(for: "a"), labels: Self.validation.labels["a"]!)
                let auc = try Metrics.rocAUC(scores: p.values(for: "b"), labels: Self.validation.labels["b"]!)
                let logLoss = try Metrics.logLoss(probabilities: p.values(for: "b"), labels: Self.validation.labels["b"]!)
                #expect(point.metrics["a"]![.meanSquaredError] == mse)
                #expect(point.metrics["b"]![.rocAUC] == auc)
                #expect(Set(point.metrics["b"]!.keys) == [.rocAUC, .logLoss, .brierScore, .accuracy])
                switch criterion {
                case .metric(_, .meanSquaredError): #expect(point.score == mse)
                case .metric: #expect(point.score == auc)
                case .weightedLoss: #expect(abs(point.score - (mse + 2 * logLoss)) < 1e-12)
                }
            }
            let scores = report.points.map(\.score)
            let expected = criterion == .metric(task: "b", .rocAUC) ? scores.firstIndex(of: scores.max()!)! : scores.firstIndex(of: scores.min()!)!
            #expect(report.bestIndex == expected)
            #expect(report.best == report.points[expected])
        }
    }

    @Test("calibration errors: empty grid, bad criterion, unconditioned model, missing validation labels")
    func errors() throws {
        let grid = [["a": 1.0, "b": 1.0]]
        func run(_ criterion: CalibrationCriterion, model: MultiTaskNetwork = Self.model, validation: TrainingData = Self.validation,
                 grid: [[String: Double]] = grid) -> FairNetError? {
            caughtError { try LambdaCalibration.run(model: model, validation: validation, grid: grid, criterion: criterion) }
        }
        #expect(run(.metric(task: "a", .meanSquaredError), grid: []) == .emptyGrid)
        #expect(run(.metric(task: "c", .meanSquaredError))?.description.contains("name one of the network's tasks") == true)
        #expect(run(.metric(task: "a", .rocAUC))?.description.contains("task \"a\" is regression; use one of meanSquaredError, meanAbsoluteError") == true)
        #expect(run(.weightedLoss(["a": -1]))?.description.contains("use finite weights >= 0, at least one > 0") == true)
        #expect(run(.weightedLoss(["zz": 1]))?.description.contains("\"zz\"") == true)
        let plain = try MultiTaskNetwork(architecture: try NetworkArchitecture(inputs: 4, hidden: [2], tasks: [.regression("a"), .binary("b")]), seed: 1)
        #expect(run(.metric(task: "a", .meanSquaredError), model: plain) == .lambdaNotUsed)
        let noA = try TrainingData(features: Self.validation.features, labels: ["a": Array(repeating: .nan, count: 200), "b": Self.validation.labels["b"]!])
        #expect(run(.metric(task: "a", .meanSquaredError), validation: noA) == .noLabels(task: "a", context: "validation data"))
        let onlyB = try TrainingData(features: Self.validation.features, labels: ["b": Self.validation.labels["b"]!])
        #expect(run(.metric(task: "a", .meanSquaredError), validation: onlyB) == .missingLabels(task: "a", provided: ["b"]))
        #expect(run(.metric(task: "a", .meanSquaredError), grid: [["a": 1]]) == .lambdaTaskMismatch(missing: ["b"], extra: []))
    }
}
