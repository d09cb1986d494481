import FairCore
import FairData
import FairNet
import Foundation
import Synchronization
import Testing
@testable import FairREPL

@Suite("train")
struct TrainCommandTests {
    static let setup = ["load synthetic --rows 600 --seed 3", "split --seed 3"]

    /// The training rows of the current split, as `train` hands them to FairNet.
    static func trainingData(_ repl: Interpreter, validation: Double = 0.1, seed: UInt64 = 42) throws -> (TrainingData, TrainingData, PreparedData) {
        let split = try #require(repl.workspace.value(SplitValue.self, named: "split"))
        let dataset = try #require(repl.workspace.value(TableValue.self, named: "synthetic")?.dataset)
        let prepared = try split.prepare(dataset)
        let all = try prepared.train.trainingData()
        let (kept, held) = try TrainingSupport.holdOut(fraction: validation, rows: all.rows, seed: seed)
        return (all.selecting(rows: kept), all.selecting(rows: held), prepared)
    }

    @Test("train mtl: FairNet's YOTO network on the training rows minus the held-out ones, bit for bit")
    func mtl() throws {
        let repl = DomainFixtures.session(Self.setup)
        let output = run(repl, "train mtl --epochs 2 --hidden 8 --lambda-range 0.1:1,1:6").output
        let (data, _, prepared) = try Self.trainingData(repl)
        let architecture = try NetworkArchitecture(
            inputs: 7, hidden: [8], tasks: [.regression("y_regression"), .binary("y_binary")],
            conditioning: Conditioning(ranges: [LambdaRange(0.1, 1), LambdaRange(1, 6)]))
        var network = try MultiTaskNetwork(architecture: architecture, seed: 42)
        try network.setFeatureNames(prepared.train.features.names)
        // Regression labels are standardised on the rows trained on, and the head rescaled after.
        let scaling = TargetScaling(data: data, regressionTasks: ["y_regression"])
        let expected = try Trainer(options: TrainingOptions(epochs: 2, batchSize: 128, learningRate: 1e-3, seed: 42))
            .train(network, on: try scaling.standardising(data))
        let model = try #require(repl.workspace.value(ModelValue.self, named: "mtl"))
        #expect(model.networks == [try scaling.restoringUnits(expected.model)])
        #expect(model.validationRows.count == 24 && model.mode == .mtl && model.epochs == 2)
        #expect(output.hasPrefix(
            "trained mtl: YOTO multi-task (FiLM per unit), λ ~ y_regression U[0.1, 1], y_binary U[1, 6]; hidden 8; 2 epochs on 216 rows (24 held out for 'lambda sweep'); final loss y_regression "))
        #expect(repl.workspace.number(named: "mtl.loss.y_binary") == expected.history.last?.trainingLoss[1])
    }

    @Test("train plain and stl: fixed weights; one network per task")
    func plainAndSTL() throws {
        let repl = DomainFixtures.session(Self.setup)
        run(repl, "train plain --epochs 1 --hidden 4 --weights 1,3 --validation 0")
        let (data, _, _) = try Self.trainingData(repl, validation: 0)
        let plain = try #require(repl.workspace.value(ModelValue.self, named: "plain"))
        #expect(plain.networks.count == 1 && plain.networks[0].isConditioned == false)
        #expect(plain.networks[0].provenance?.taskWeights == [1, 3])
        #expect(plain.validationRows.isEmpty && data.rows == 240)
        #expect(run(repl, "train stl --epochs 1 --hidden 4 --seed 2 --as base").output.hasPrefix(
            "trained base: single-task baselines; hidden 4; 1 epoch on 216 rows (24 held out for validation); final loss y_regression "))
        let stl = try #require(repl.workspace.value(ModelValue.self, named: "base"))
        #expect(stl.networks.map(\.architecture.tasks.count) == [1, 1])
        #expect(stl.taskNames == ["y_regression", "y_binary"])
        run(repl, "train mtl --epochs 3 --hidden 4 --patience 1 --film scalar --log-uniform --lambda-range 0.5:2")
        #expect(repl.workspace.value(ModelValue.self, named: "mtl")?.networks[0].architecture.conditioning?.mode == .scalar)
    }

    @Test("progress: one event per epoch; Ctrl-C stops training and keeps the previous model")
    func progressAndCancellation() throws {
        let repl = DomainFixtures.session(Self.setup + ["train mtl --epochs 1 --hidden 4"])
        let previous = try #require(repl.workspace.value(ModelValue.self, named: "mtl"))
        let events = Mutex<[ProgressEvent]>([])
        let collected = repl.execute("train stl --epochs 2 --hidden 4", progress: ProgressSink { event in events.withLock { $0.append(event) } })
        #expect(collected.status == .success)
        #expect(events.withLock { $0.map(\.completed) } == [1, 2, 3, 4])
        #expect(events.withLock { $0.allSatisfy { $0.unit == "epoch" && $0.total == 4 } })
        #expect(events.withLock { $0.first?.detail.hasPrefix("y_regression: loss y_regression ") == true })

        let token = CancellationToken()
        let result = repl.execute("train mtl --epochs 10000 --hidden 4 --batch 8", cancellation: token, progress: ProgressSink { event in
            if event.completed >= 1 { token.cancel() }
        })
        #expect(result.status == .interrupted)
        #expect(result.output.hasPrefix("train: interrupted at epoch "))
        #expect(result.output.hasSuffix(" (workspace unchanged)"))
        #expect(repl.workspace.value(ModelValue.self, named: "mtl") == previous)
    }

    @Test("errors: options of another mode, counts that do not match the tasks, bad ranges, no split")
    func errors() {
        let repl = makeInterpreter()
        #expect(DomainFixtures.failure(repl, "train mtl") == "error: 'train' needs a split: run 'split' first.")
        run(repl, "load synthetic --rows 300", "split")
        let cases: [(String, String)] = [
            ("train", "error: 'train' needs MODE: mtl (YOTO), plain (fixed weights) or stl (one network per task). Usage: train MODE [--hidden N,…] [--epochs N] [--batch N] [--lr X] [--dropout X] [--weight-decay X] [--lambda-range TEXT,…] [--log-uniform] [--film per-unit|scalar] [--weights X,…] [--validation X] [--patience N] [--seed N] [--threads N] [--split SPLIT] [--as TEXT]"),
            ("train deep", "error: MODE: 'deep' is not allowed; expected one of mtl, plain, stl."),
            ("train plain --lambda-range 1:2", "error: --lambda-range is for 'train mtl' (λ-conditioned); a plain model has no λ ranges"),
            ("train stl --film scalar", "error: --film is for 'train mtl' (λ-conditioned); a stl model has no λ ranges"),
            ("train mtl --weights 1,1", "error: --weights is for 'train plain'; 'train mtl' draws the weights from --lambda-range, 'train stl' has one task per network"),
            ("train plain --weights 1", "error: --weights has 1 value for 2 tasks (y_regression, y_binary); give one weight per task, in that order"),
            ("train mtl --lambda-range 0:1,0:1,0:1", "error: --lambda-range has 3 ranges for 2 tasks (y_regression, y_binary); give one LOW:HIGH per task, or one for all"),
            ("train mtl --lambda-range 2:1", "error: --lambda-range: '2:1' is not allowed; expected LOW:HIGH with 0 ≤ LOW ≤ HIGH, e.g. 0.1:1."),
            ("train mtl --lambda-range 0:1 --log-uniform", "error: --lambda-range: '0:1' is not allowed; expected LOW:HIGH with 0 < LOW ≤ HIGH, e.g. 0.1:1."),
            ("train mtl --patience 3 --validation 0", "error: --patience watches the validation loss: give --validation a share above 0 (e.g. 0.1)"),
            ("train mtl --validation 0.001", "error: --validation 0.001 of 120 training rows leaves an empty part: use another share, or --validation 0"),
            ("train mtl --hidden 0", "error: --hidden: '0' is not allowed; expected an integer between 1 and 4096."),
        ]
        for (line, expected) in cases {
            #expect(DomainFixtures.failure(repl, line) == expected, "\(line)")
        }
        #expect(!repl.workspace.contains(kind: .model))
        #expect(repl.completions(for: "train ", cursor: 6).filter { !$0.hasPrefix("--") } == ["mtl", "plain", "stl"])
        #expect(repl.completions(for: "train p", cursor: 7) == ["plain"])
        #expect(repl.completions(for: "train mtl --fi", cursor: 14) == ["--film"])
    }
}
