import FairNet
import Foundation

/// W3: the paper's folktables multi-task MLP (87 inputs, hidden [128, 256, 64], ReLU, dropout 0.1,
/// regression + binary heads, batch 128, Adam 1e-3) on the peers' 100,000-row tabular file: seconds
/// per training epoch (1 warm-up epoch, then `--epochs` timed epochs), then prediction of the
/// 1e6-row predict file at λ = (regression 2.75, classification 1) as in the peers.
///
///     fair-bench mlp --input tab_train_n100000_d87.bin [--predict-input tab_predict_n1000000_d87.bin]
///                    [--epochs 5] [--predict-reps 5] [--configs yoto_scalar,yoto_perunit,plain]
///                    [--threads N (prediction, default: cores)] [--train-threads N (default 2)]
///
/// `--train-threads k` trains with `TrainingOptions.threads = k` (batch shards in parallel on a
/// `WorkerTeam`; impl name suffix `_t<k>` when k > 1). The default is 2, the fastest setting on the
/// project's 2-core machine for this network (0.21 against 0.38 s/epoch for `yoto_scalar`); use
/// `--train-threads 1` for the single-thread figure. Prediction uses `--threads` (default: all cores). The JSON lines carry the OpenBLAS
/// kernel set (`openblas`), so runs with `OPENBLAS_CORETYPE=SkylakeX` can be told apart.
///
/// Configs: `yoto_scalar` = the paper's conditioning (one scale and shift per layer, λ_reg ~ U(0.25, 15),
/// λ_cls ~ U(0.25, 4.25)); `yoto_perunit` = FairNet's default per-unit FiLM, same ranges; `plain` =
/// unconditioned shared trunk, fixed weights (1, 1). Losses are FairNet's (per-task means), the same
/// arithmetic cost as the peers' sum/mean mix.
enum MLPWorkload {
    static func run(_ arguments: ArraySlice<String>) throws {
        let options = try BenchOptions(arguments)
        let input = options.string("input", "")
        guard !input.isEmpty else { throw BenchError("--input FILE (tab_train_n100000_d87.bin) is required") }
        let epochs = try options.int("epochs", 5)
        guard epochs >= 1 else { throw BenchError("--epochs must be at least 1 (one more warm-up epoch is always run)") }
        let reps = try options.int("predict-reps", 5)
        let threads = try options.int("threads", ProcessInfo.processInfo.activeProcessorCount)
        let trainThreads = try options.int("train-threads", 2)
        let configs = options.string("configs", "yoto_scalar,yoto_perunit,plain").split(separator: ",").map(String.init)
        let seed = UInt64(try options.int("seed", 20230501))

        let table = try TabularFile(path: input)
        log("read \(input): n=\(table.n), d=\(table.d)")
        let features = try FeatureMatrix(rows: table.n, columns: table.d, values: table.x)
        let data = try TrainingData(features: features, labels: ["income": table.yRegression.map(Double.init),
                                                                  "mobility": table.yClass.map(Double.init)])
        let predictTable = options.has("predict-input") ? try TabularFile(path: options.string("predict-input", "")) : nil
        let predictFeatures = try predictTable.map { try FeatureMatrix(rows: $0.n, columns: $0.d, values: $0.x) }

        for config in configs {
            let architecture = try makeArchitecture(config, inputs: table.d)
            let model = try MultiTaskNetwork(architecture: architecture, seed: seed)
            var trainOptions = TrainingOptions(epochs: epochs + 1, batchSize: 128, learningRate: 1e-3, seed: seed)
            trainOptions.taskWeights = architecture.conditioning == nil ? ["income": 1, "mobility": 1] : nil
            trainOptions.threads = trainThreads
            var epochEnds: [Double] = []
            log("W3 fairmtl train \(config) ...")
            let result = try Trainer(options: trainOptions).train(model, on: data) { report in
                epochEnds.append(report.elapsed)
            }
            let times = (1..<epochEnds.count).map { epochEnds[$0] - epochEnds[$0 - 1] }
            let last = result.history.last!
            emit(workload: "W3_train_epoch", impl: "fairmtl_\(config)" + (trainThreads > 1 ? "_t\(trainThreads)" : ""), n: table.n, times: times, extra: [
                "framework": "FairNet (Swift, OpenBLAS)", "batch": 128,
                "steps_per_epoch": (table.n + 127) / 128, "d": table.d, "hidden": [128, 256, 64],
                "params": result.model.parameters.count, "last_loss": last.trainingObjective,
                "first_epoch_seconds": epochEnds[0], "openblas": BLASThreads.configuration, "unit": "seconds per epoch", "blas_threads": BLASThreads.count, "threads": trainThreads,
                "weights_fnv1a": weightsHash(result.model.parameters),
            ])
            guard let predictFeatures else { continue }
            let lambda: [String: Double]? = architecture.conditioning == nil ? nil : ["income": 2.75, "mobility": 1]
            log("W3 fairmtl predict \(config) ...")
            var times2: [Double] = []
            var checksum = 0.0
            for rep in 0...reps {
                let t0 = now()
                let predictions = try result.model.predict(predictFeatures, lambda: lambda, threads: threads)
                let elapsed = now() - t0
                if rep > 0 { times2.append(elapsed) }
                checksum = predictions.values[0].reduce(0, +)
            }
            emit(workload: "W3_predict", impl: "fairmtl_\(config)", n: predictFeatures.rows, times: times2, extra: [
                "framework": "FairNet (Swift, OpenBLAS)", "chunk": predictFeatures.rows, "internal_chunk": MultiTaskNetwork.chunkRows, "threads": threads,
                "d": table.d, "hidden": [128, 256, 64], "checksum_reg": checksum,
            ])
        }
    }

    static func makeArchitecture(_ config: String, inputs: Int) throws -> NetworkArchitecture {
        let tasks: [TaskSpec] = [.regression("income"), .binary("mobility")]
        let ranges = [LambdaRange(0.25, 15), LambdaRange(0.25, 4.25)]
        switch config {
        case "yoto_scalar":
            return try NetworkArchitecture(inputs: inputs, hidden: [128, 256, 64], tasks: tasks, dropout: 0.1,
                                           conditioning: Conditioning(mode: .scalar, hiddenUnits: 20, ranges: ranges))
        case "yoto_perunit":
            return try NetworkArchitecture(inputs: inputs, hidden: [128, 256, 64], tasks: tasks, dropout: 0.1,
                                           conditioning: Conditioning(mode: .perUnit, hiddenUnits: 20, ranges: ranges))
        case "plain":
            return try NetworkArchitecture(inputs: inputs, hidden: [128, 256, 64], tasks: tasks, dropout: 0.1)
        default:
            throw BenchError("unknown config \(config); use yoto_scalar, yoto_perunit or plain")
        }
    }
}

/// FNV-1a 64 of the parameters' bit patterns, to compare runs bit for bit.
func weightsHash(_ parameters: [Float]) -> String {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for p in parameters {
        var bits = p.bitPattern
        for _ in 0..<4 {
            hash ^= UInt64(bits & 0xFF)
            hash &*= 0x0000_0100_0000_01B3
            bits >>= 8
        }
    }
    return String(hash, radix: 16)
}
