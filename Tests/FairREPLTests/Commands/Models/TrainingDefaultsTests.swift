import FairCore
import FairData
import FairNet
import Foundation
import Testing
@testable import FairREPL

@Suite("train: defaults that learn on small data")
struct TrainingDefaultsTests {
    /// 1,000 rows like a credit file: six standardised-scale features, a weak logistic signal, and
    /// the label coded 1/2 (so read as regression, the case where 30 epochs left the model at AUC ≈ 0.5).
    static func creditCSV() -> String {
        var generator = SeededGenerator(seed: 7)
        var lines = ["x1,x2,x3,x4,x5,x6,sex,risk"]
        for _ in 0..<1_000 {
            // Box–Muller: a standard normal from two uniforms.
            let x = (0..<6).map { _ in (-2 * log(1 - generator.nextDouble())).squareRoot() * cos(2 * .pi * generator.nextDouble()) }
            let p = 1 / (1 + exp(-(0.8 * x[0] - 0.6 * x[1] + 0.4 * x[2] - 0.8)))
            let risk = generator.nextDouble() < p ? 2 : 1
            lines.append(x.map { String(format: "%.6f", $0) }.joined(separator: ",") + ",\(generator.nextDouble() < 0.5 ? "F" : "M"),\(risk)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("default epochs: about 4,000 steps, 30 to 500; the validation share holds about 100 rows on small data")
    func defaults() {
        #expect(TrainingSupport.defaultEpochs(rows: 300, batch: 128) == 500)
        #expect(TrainingSupport.defaultEpochs(rows: 3_600, batch: 128) == 138)
        #expect(TrainingSupport.defaultEpochs(rows: 1_000_000, batch: 128) == 30)
        #expect(TrainingSupport.defaultValidationShare(rows: 400) == 0.25)
        #expect(TrainingSupport.defaultValidationShare(rows: 700) == 100.0 / 700)
        #expect(TrainingSupport.defaultValidationShare(rows: 5_000) == 0.1)
    }

    @Test("the default learns on 1,000 rows: test AUC well above 0.5, predictions in the label's units, early stopping said")
    func learnsOnSmallData() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try directory.write(Self.creditCSV(), to: "credit.csv")
        let repl = DomainFixtures.session(["load credit.csv --label risk --group sex", "split --seed 1"], directory: directory.path)
        let trained = run(repl, "train plain").output
        #expect(trained.contains("(at most 500, chosen from the data size; "))
        let model = try #require(repl.workspace.value(ModelValue.self, named: "plain"))
        let provenance = try #require(model.networks[0].provenance)
        #expect(provenance.epochsCompleted < 500 ? trained.contains("stopped after 20 without a better validation loss, weights of epoch \(provenance.keptEpoch))")
            : trained.contains("weights of epoch \(provenance.keptEpoch), the best on validation)"))
        #expect(trained.contains("(100 held out for validation)"))
        run(repl, "predict")
        let value = try #require(repl.workspace.value(PredictionsValue.self, named: "pred"))
        let test = value.rows(in: "test")
        let scores = test.map { value.tasks[0].values[$0] }
        let positive = test.map { value.tasks[0].labels[$0] == 2 ? 1.0 : 0.0 }
        let auc = try Metrics.rocAUC(scores: scores, labels: positive)
        let n1 = positive.reduce(0, +), n0 = Double(test.count) - n1
        let se = PredictionQuality.nullStandardError(negatives: Int(n0), positives: Int(n1))
        #expect(auc > 0.5 + 3 * se, "AUC \(auc), null SE \(se)")
        // Trained on standardised labels, predicting in the label's units (1 and 2).
        let mean = scores.reduce(0, +) / Double(scores.count)
        #expect(mean > 1.1 && mean < 1.6)
    }

    @Test("train with no split is an error, not a silent success")
    func noSplit() {
        let repl = DomainFixtures.session(["load synthetic --rows 200"])
        #expect(DomainFixtures.failure(repl, "train mtl") == "error: 'train' needs a split: run 'split' first.")
        run(repl, "split")
        #expect(DomainFixtures.failure(repl, "train mtl --split nope").hasPrefix("error: "))
    }

    @Test("standardised regression: the rescaled head predicts sd · h + mean")
    func rescaling() throws {
        let architecture = try NetworkArchitecture(inputs: 3, hidden: [5, 4], tasks: [.regression("a"), .binary("b")])
        let network = try MultiTaskNetwork(architecture: architecture, seed: 4)
        let features = try FeatureMatrix(rows: 2, columns: 3, values: [0.1, -0.2, 0.3, 1, 2, -1])
        let before = try network.predict(features)
        let after = try network.rescalingHead(of: "a", scale: 7.5, shift: -3).predict(features)
        for i in 0..<2 {
            let expected = 7.5 * before.values[0][i] - 3
            #expect(abs(after.values[0][i] - expected) <= 1e-5 * max(1, abs(expected)))
        }
        #expect(after.values[1] == before.values[1], "the other head is unchanged")
        #expect(throws: FairNetError.self) { try network.rescalingHead(of: "a", scale: 0, shift: 0) }
    }
}
