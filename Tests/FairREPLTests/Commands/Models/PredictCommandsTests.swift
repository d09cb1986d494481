import FairCore
import FairData
import FairNet
import Foundation
import Testing
@testable import FairREPL

@Suite("predict and lambda sweep")
struct PredictCommandsTests {
    static let trained = TrainCommandTests.setup + ["train mtl --epochs 2 --hidden 8"]

    @Test("predict: the network's predictions of every part, at λ, with the parts' labels and groups")
    func predict() throws {
        let repl = DomainFixtures.session(Self.trained)
        let output = run(repl, "predict --lambda 0.5,1").output
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.first == "predicted y_regression, y_binary with mtl at λ = (0.5, 1) on train 240 · pool 240 · test 120 → pred")
        // Two epochs of a width-8 network learn next to nothing, and predict says so.
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("warning: ") && $0.contains("no better than a constant") })
        let model = try #require(repl.workspace.value(ModelValue.self, named: "mtl"))
        let (_, _, prepared) = try TrainCommandTests.trainingData(repl)
        let value = try #require(repl.workspace.value(PredictionsValue.self, named: "pred"))
        let test = try model.networks[0].predict(try prepared.test.featureMatrix(), lambda: ["y_regression": 0.5, "y_binary": 1])
        let rows = value.rows(in: "test")
        #expect(rows.map { value.tasks[1].values[$0] } == test.values[1])
        #expect(rows.map { value.rowIDs[$0] } == prepared.test.rows.map { UInt64($0) })
        #expect(rows.map { value.tasks[0].labels[$0] } == (try prepared.test.labels(of: "y_regression")).values)
        #expect(value.rows(in: "pool").allSatisfy { value.tasks[0].labels[$0].isNaN }, "pool labels are never used")
        #expect(value.lambda == [0.5, 1] && value.tasks[1].isBinary)
        #expect(run(repl, "predict --lambda 0.5,1 --on test --as t").output.contains("on test 120 → t"))
    }

    @Test("a repair fitted at one λ refuses predictions made at another (the whole pipeline)")
    func lambdaThroughRepair() {
        let repl = DomainFixtures.session(Self.trained + ["predict --lambda 0.5,1", "fit barycenter", "apply", "predict --lambda 1,1"])
        #expect(DomainFixtures.failure(repl, "apply")
            == "error: the repair was fitted on predictions made at lambda = (0.5, 1.0), but these were made at lambda = (1.0, 1.0). Refit the repair at this lambda (the barycenter map is specific to lambda). To measure how unfair that would be, add --allow-lambda-mismatch.")
        #expect(DomainFixtures.failure(repl, "fit barycenter --lambda 0.5,1")
            == "error: pred were made at (1, 1), not at λ = (0.5, 1): predict at that lambda first, or drop --lambda")
    }

    @Test("lambda sweep: Algorithm 2's table from LambdaCalibration, and predict uses the best λ")
    func sweep() throws {
        let repl = DomainFixtures.session(Self.trained)
        let output = run(repl, "lambda sweep --grid 0.1,1").output
        let model = try #require(repl.workspace.value(ModelValue.self, named: "mtl"))
        let (_, validation, _) = try TrainCommandTests.trainingData(repl)
        let grid = try LambdaCalibration.grid([("y_regression", [0.1, 1]), ("y_binary", [0.1, 1])])
        let report = try LambdaCalibration.run(
            model: model.networks[0], validation: validation, grid: grid, criterion: .weightedLoss(["y_regression": 1, "y_binary": 1]))
        let best = [report.best.lambda["y_regression"]!, report.best.lambda["y_binary"]!]
        #expect(model.calibratedLambda == best)
        #expect(repl.workspace.number(named: "lambda.y_binary") == best[1])
        #expect(repl.workspace.number(named: "sweep.3.score") == report.points[2].score)
        #expect(repl.workspace.number(named: "sweep.1.y_regression_MSE") == report.points[0].metrics["y_regression"]?[.meanSquaredError])
        #expect(output.hasSuffix("best: λ = \(PredictionsValue.describe(best)) (point \(report.bestIndex + 1)); 'predict' now uses it"))
        #expect(run(repl, "predict").output.contains("at λ = \(PredictionsValue.describe(best)) (from 'lambda sweep')"))
        run(repl, "lambda sweep --criterion y_binary --grid 0.5")
        #expect(repl.workspace.value(ModelValue.self, named: "mtl")?.calibratedLambda == [0.5, 0.5])
    }

    @Test("errors: no model, λ missing or of the wrong size, λ for a fixed-weight model, a sweep without a YOTO model or held-out rows")
    func errors() {
        let repl = makeInterpreter()
        #expect(DomainFixtures.failure(repl, "predict") == "error: 'predict' needs a model: run 'train mtl|plain|stl' first.")
        #expect(DomainFixtures.failure(repl, "lambda sweep") == "error: 'lambda sweep' needs a model: run 'train mtl' first.")
        for line in Self.trained + ["train plain --epochs 1 --hidden 4 --validation 0"] { run(repl, line) }
        let cases: [(String, String)] = [
            ("predict --model mtl", "error: mtl is conditioned on λ: give --lambda with one weight per task (y_regression, y_binary), or run 'lambda sweep' to choose one"),
            ("predict --model mtl --lambda 1", "error: --lambda has 1 weight for 2 tasks (y_regression, y_binary); give one per task, in that order"),
            ("predict --lambda 1,1", "error: plain was trained at fixed task weights (train plain), so it takes no --lambda; 'train mtl' learns a model for every λ"),
            ("predict --model mlt --lambda 1,1", "error: no model named 'mlt'. Did you mean 'mtl'?"),
            ("lambda sweep", "error: plain was trained at fixed task weights (train plain): there is no λ to choose; 'train mtl' learns a model for every λ"),
            ("lambda sweep --model mtl --criterion y", "error: no criterion named 'y'. Known: 'weighted', 'y_regression', 'y_binary'."),
        ]
        for (line, expected) in cases {
            #expect(DomainFixtures.failure(repl, line) == expected, "\(line)")
        }
        run(repl, "train mtl --epochs 1 --hidden 4 --validation 0 --as noheld")
        #expect(DomainFixtures.failure(repl, "lambda sweep --model noheld")
            == "error: noheld kept no training rows aside (train --validation 0), and λ is never chosen on the test rows: train again with --validation 0.1")
        run(repl, "split --test 0 --as notest", "train plain --epochs 1 --hidden 4 --split notest --as p2")
        #expect(DomainFixtures.failure(repl, "predict --on test") == "error: the split has no test rows: predict --on another part (train, pool, test, all)")
        #expect(repl.completions(for: "lambda sweep --criterion y_", cursor: 27) == ["y_binary", "y_regression"])
    }

    @Test("a model and its predictions survive save/open; export writes FairNet's model file")
    func persistence() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let repl = DomainFixtures.session(Self.trained + ["lambda sweep --grid 0.5", "save m.fairws", "export mtl model.json"], directory: directory.path)
        let reopened = DomainFixtures.session(["open m.fairws"], directory: directory.path)
        #expect(reopened.workspace.value(ModelValue.self, named: "mtl") == repl.workspace.value(ModelValue.self, named: "mtl"))
        #expect(run(reopened, "predict").output == run(repl, "predict").output)
        #expect(reopened.workspace.value(PredictionsValue.self, named: "pred") == repl.workspace.value(PredictionsValue.self, named: "pred"))
        let loaded = try MultiTaskNetwork.load(from: URL(fileURLWithPath: directory.file("model.json")))
        #expect(loaded == repl.workspace.value(ModelValue.self, named: "mtl")?.networks.first)
        run(repl, "train stl --epochs 1 --hidden 4")
        #expect(DomainFixtures.failure(repl, "export stl s.json")
            == "error: single-task baselines are one network per task, and a FairNet model file holds one network: export a 'train mtl' or 'train plain' model")
    }

    @Test("without its table (a hand-edited workspace file) a model says what to load")
    func missingTable() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        _ = DomainFixtures.session(Self.trained + ["save m.fairws"], directory: directory.path)
        let data = try Data(contentsOf: URL(fileURLWithPath: directory.file("m.fairws")))
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        object["values"] = (object["values"] as? [[String: Any]])?.filter { $0["kind"] as? String != "table" }
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: directory.file("m.fairws")))
        let repl = DomainFixtures.session(["open m.fairws"], directory: directory.path)
        #expect(DomainFixtures.failure(repl, "predict --lambda 1,1")
            == "error: the table 'synthetic' this model was trained on is not in the workspace: load it again")
        #expect(DomainFixtures.failure(repl, "train mtl")
            == "error: the table 'synthetic' of split 'split' is not in the workspace: load it again")
    }
}
