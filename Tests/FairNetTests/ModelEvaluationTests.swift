import FairSupport
import Testing
@testable import FairNet

@Suite("MultiTaskNetwork.evaluate")
struct ModelEvaluationTests {
    @Test("each task's default metrics equal the metrics of its predictions")
    func metricsOfPredictions() throws {
        let a = Fixtures.architecture(inputs: 4, hidden: [6], tasks: [.regression("r"), .binary("b")])
        let model = try MultiTaskNetwork(architecture: a, parameters: Fixtures.randomParameters(a, seed: 1))
        let x = Fixtures.gaussianFeatures(rows: 80, columns: 4, seed: 2)
        var r = Fixtures.linearTarget(x)
        r[3] = .nan
        let data = try TrainingData(features: x, labels: ["r": r, "b": Fixtures.separableClass(x)])
        let metrics = try model.evaluate(on: data, threshold: 0.4)
        let p = try model.predict(x)
        #expect(Set(metrics.keys) == ["r", "b"])
        #expect(metrics["r"]![.meanSquaredError] == (try Metrics.meanSquaredError(predictions: p.values[0], labels: r)))
        #expect(metrics["r"]![.meanAbsoluteError] == (try Metrics.meanAbsoluteError(predictions: p.values[0], labels: r)))
        #expect(metrics["b"]![.rocAUC] == (try Metrics.rocAUC(scores: p.values[1], labels: data.labels["b"]!)))
        #expect(metrics["b"]![.accuracy] == (try Metrics.accuracy(scores: p.values[1], labels: data.labels["b"]!, threshold: 0.4)))
        #expect(metrics["b"]!.count == 4 && metrics["r"]!.count == 2)
        #expect(caughtError { try model.evaluate(on: try TrainingData(features: x, labels: ["r": r])) } == .missingLabels(task: "b", provided: ["r"]))
    }

    @Test("a Double feature matrix is rounded to Float32")
    func doubleFeatures() throws {
        let m = try FeatureMatrix(rows: 1, columns: 2, doubleValues: [0.1, 1e300])
        #expect(m.values[0] == Float(0.1) && m.values[1] == .infinity)
        #expect(caughtError { try m.validateFinite() } == .nonFiniteFeature(row: 0, column: 1, value: .infinity))
    }
}
