import FairCore
import FairNet
import Foundation

/// The COMPAS protocol of EXPERIMENTS.md §2.3 at its real shape, on synthetic data (the dataset recipe
/// lives in FairData): 6,172 rows × 27 features (13 one-hot columns for sex, age category, race and
/// charge degree, 14 standardised numerics), two binary tasks (violent recidivism ⊂ recidivism, rates
/// ≈ 0.48 and ≈ 0.11). Per seed: an 80/20 split; a YOTO multi-task model ([24, 24, 24], scalar FiLM as
/// in the paper's code, λ_t ~ U(0.25, 6), dropout 0.1, Adam 1e-3, batch 128) trained 75 epochs; two
/// single-task models trained 50 epochs each; test predictions (λ = (1, 6)) and ROC-AUCs. Prints one
/// JSON line with the wall time of the whole protocol (all seeds) and the mean test AUCs.
///
///     fair-bench compas-shape [--seeds 20] [--mode scalar|perUnit]
enum CompasShapeWorkload {
    static let splitSeeds: [UInt64] = [42, 49, 201, 49472, 928, 1, 7, 58, 222, 7505, 6085, 288, 1570, 2900, 3287, 1689, 5898, 4119, 666, 7693]

    static func run(_ arguments: ArraySlice<String>) throws {
        let options = try BenchOptions(arguments)
        let seeds = try options.int("seeds", 20)
        let mode = Conditioning.Mode(rawValue: options.string("mode", "scalar")) ?? .scalar
        guard (1...splitSeeds.count).contains(seeds) else { throw BenchError("--seeds must be in 1...\(splitSeeds.count)") }
        let data = try makeData(rows: 6172, seed: 2023)
        let t0 = now()
        var aucMTL: [[Double]] = [], aucSTL: [[Double]] = []
        for seed in splitSeeds.prefix(seeds) {
            let (train, test) = try data.split(validationFraction: 0.2, seed: seed)
            let tasks: [TaskSpec] = [.binary("recid"), .binary("violent")]
            let mtl = try NetworkArchitecture(inputs: 27, hidden: [24, 24, 24], tasks: tasks, dropout: 0.1,
                                              conditioning: Conditioning(mode: mode, hiddenUnits: 20, ranges: [LambdaRange(0.25, 6), LambdaRange(0.25, 6)]))
            let model = try Trainer(options: TrainingOptions(epochs: 75, batchSize: 128, learningRate: 1e-3, seed: seed))
                .train(try MultiTaskNetwork(architecture: mtl, seed: seed), on: train).model
            let p = try model.predict(test.features, lambda: ["recid": 1, "violent": 6])
            aucMTL.append(try tasks.map { try Metrics.rocAUC(scores: p.values(for: $0.name), labels: test.labels[$0.name]!) })
            var stl: [Double] = []
            for task in tasks {
                let single = try mtl.singleTask(task.name)
                let trainOne = try TrainingData(features: train.features, labels: [task.name: train.labels[task.name]!])
                let m = try Trainer(options: TrainingOptions(epochs: 50, batchSize: 128, learningRate: 1e-3, seed: seed))
                    .train(try MultiTaskNetwork(architecture: single, seed: seed &+ 1), on: trainOne).model
                let q = try m.predict(test.features)
                stl.append(try Metrics.rocAUC(scores: q.values(for: task.name), labels: test.labels[task.name]!))
            }
            aucSTL.append(stl)
        }
        let elapsed = now() - t0
        func mean(_ rows: [[Double]], _ k: Int) -> Double { rows.map { $0[k] }.reduce(0, +) / Double(rows.count) }
        emit(workload: "compas_protocol", impl: "fairmtl_yoto_\(mode.rawValue)", n: data.rows, times: [elapsed], extra: [
            "seeds": seeds, "train_rows": Int((Double(data.rows) * 0.8).rounded(.down)), "d": 27, "hidden": [24, 24, 24],
            "epochs": "MTL 75 + 2 x STL 50", "unit": "seconds for the whole protocol",
            "auc_mtl": [mean(aucMTL, 0), mean(aucMTL, 1)], "auc_stl": [mean(aucSTL, 0), mean(aucSTL, 1)],
            "data": "synthetic, COMPAS shape",
        ])
    }

    /// Synthetic rows with COMPAS's encoded layout and label rates.
    static func makeData(rows n: Int, seed: UInt64) throws -> TrainingData {
        var g = SeededGenerator(seed: seed, purpose: "compas-shape")
        var x = [Float](repeating: 0, count: n * 27)
        var recid = [Double](repeating: 0, count: n), violent = [Double](repeating: 0, count: n)
        let blocks = [(0, 2), (2, 3), (5, 6), (11, 2)] // sex, age category, race, charge degree
        for i in 0..<n {
            let row = i * 27
            var score = -0.1
            for (b, (start, size)) in blocks.enumerated() {
                let level = g.nextInt(below: size)
                x[row + start + level] = 1
                score += (b == 2 && level == 0 ? 0.6 : 0) + (b == 1 ? [0.0, -0.5, 0.6][level] : 0)
            }
            for j in 13..<27 {
                let v = g.nextNormal()
                x[row + j] = Float(v)
                score += j < 17 ? 0.35 * v : 0.05 * v
            }
            let p1 = 1 / (1 + exp(-score))
            recid[i] = g.nextDouble() < p1 ? 1 : 0
            let p2 = 1 / (1 + exp(-(score - 0.3 * Double(x[row + 17]) - 0.2)))
            violent[i] = recid[i] == 1 && g.nextDouble() < 0.45 * p2 ? 1 : 0
        }
        return try TrainingData(features: try FeatureMatrix(rows: n, columns: 27, values: x), labels: ["recid": recid, "violent": violent])
    }
}
