import FairCore
import FairData
import FairNet

/// The paper's COMPAS experiment (EXPERIMENTS.md §2, Table 2) end to end on the real file.
///
/// Per seed: a train / unlabeled pool / test split; a YOTO multi-task model ([24, 24, 24],
/// λ_t ~ U(0.25, 6)) trained 75 epochs and two single-task models trained 50 epochs; predictions
/// at λ = (1, 6); the barycenter repair of each task fitted on the pool (pp(pool), the paper's
/// Remark 2) and on the training predictions (pp(train), the reference code), applied to the test
/// rows; AUC (each task against its own labels, and task 2 against task-1 labels as the code did,
/// D6), KS with noise floor, p-value and bootstrap interval, DP gap at 1/2, and the joint
/// diagnostic per group. Every random stream derives from the seed, so a seed's result is the
/// same on every run (for a given machine and thread count).
public enum CompasProtocol {
    /// Runs every seed of `settings` on `dataset` (from `CompasRecipe.load`), calling `progress`
    /// after each seed.
    public static func run(dataset: Dataset, settings: CompasSettings,
                           progress: ReplicationProgressHandler = { _ in }) throws -> [CompasRunResult] {
        try settings.validate()
        for task in CompasSettings.tasks where !dataset.tasks.contains(where: { $0.name == task }) {
            throw ReplicationError.missingTask(dataset: dataset.name, needed: task)
        }
        var runs: [CompasRunResult] = []
        for (k, seed) in settings.seeds.enumerated() {
            let result = try run(dataset: dataset, seed: seed, settings: settings)
            runs.append(result)
            let t1 = CompasSettings.tasks[0], t2 = CompasSettings.tasks[1]
            let detail = "seed \(seed): MTL AUC \(Fixed.format(result.mtl[t1]?.aucBefore ?? .nan, 3)) / "
                + "\(Fixed.format(result.mtl[t2]?.aucBefore ?? .nan, 3)), KS \(Fixed.format(result.mtl[t1]?.ksBefore.statistic ?? .nan, 3))"
                + " → \(Fixed.format(result.mtl[t1]?.pool.ks.statistic ?? .nan, 3))"
            try progress(ReplicationProgress(unit: "seed", completed: k + 1, total: settings.seeds.count, detail: detail))
        }
        return runs
    }

    /// One seed of the protocol: split, train MTL and 2 × STL, predict, repair, measure.
    public static func run(dataset: Dataset, seed: UInt64, settings: CompasSettings) throws -> CompasRunResult {
        let start = ProtocolSupport.now()
        let data = try dataset.prepare(PreparationOptions(seed: seed, testFraction: settings.testFraction, poolFraction: settings.poolFraction))
        let tasks = CompasSettings.tasks
        let training = try TrainingData(features: try ProtocolSupport.matrix(data.train.features),
                                        labels: Dictionary(uniqueKeysWithValues: try tasks.map { ($0, try data.train.labels(of: $0).values) }))
        let parts = [data.train, data.pool, data.test]
        let inputs = try parts.map { try ProtocolSupport.matrix($0.features) }
        let specs = tasks.map(TaskSpec.binary)

        // Multi-task YOTO model: λ drawn per row; predictions at the evaluation λ.
        let mtlArchitecture = try NetworkArchitecture(
            inputs: training.features.columns, hidden: settings.hidden, tasks: specs, dropout: settings.dropout,
            conditioning: Conditioning(mode: settings.film, ranges: tasks.map { _ in settings.lambdaRange }))
        let mtlSeed = derivedSeed(seed, "mtl")
        let mtlStart = ProtocolSupport.now()
        let mtl = try trainer(settings, epochs: settings.mtlEpochs, seed: mtlSeed)
            .train(try MultiTaskNetwork(architecture: mtlArchitecture, seed: mtlSeed), on: training).model
        let mtlTrainSeconds = ProtocolSupport.now() - mtlStart
        let mtlScores = try inputs.map { features in
            let p = try mtl.predict(features, lambda: settings.lambdaByTask, threads: 1)
            return Dictionary(uniqueKeysWithValues: try tasks.map { ($0, try p.values(for: $0)) })
        }

        // Two single-task models with the same trunk.
        let stlStart = ProtocolSupport.now()
        var stlScores = [[String: [Double]]](repeating: [:], count: parts.count)
        for task in tasks {
            let stlSeed = derivedSeed(seed, "stl \(task)")
            let oneTask = try TrainingData(features: training.features, labels: [task: training.labels[task] ?? []])
            let model = try trainer(settings, epochs: settings.stlEpochs, seed: stlSeed)
                .train(try MultiTaskNetwork(architecture: try mtlArchitecture.singleTask(task), seed: stlSeed), on: oneTask).model
            for (k, features) in inputs.enumerated() { stlScores[k][task] = try model.predict(features, threads: 1).values(for: task) }
        }
        let stlTrainSeconds = ProtocolSupport.now() - stlStart

        let ids = parts.map { $0.rows.map { UInt64($0) } }
        let options = settings.repairOptions(seed: derivedSeed(seed, "repair"))
        // MTL: one `MultiTaskRepair` per calibration set, fitted and applied at the evaluation λ.
        let mtlRepaired = try [0, 1].map { k in // 0: train rows (reference code), 1: pool (paper)
            try MultiTaskRepair.fit(predictions: mtlScores[k], groups: parts[k].groups, lambda: settings.lambda,
                                    rowIDs: ids[k], defaultOptions: options)
                .apply(predictions: mtlScores[2], groups: data.test.groups, lambda: settings.lambda, rowIDs: ids[2])
        }.map { RepairedScores(outputs: $0.outputs, outOfRange: $0.reports.mapValues(\.outOfRangeCount)) }
        // STL: one `BarycenterRepair` per single-task model (no λ: the models are not conditioned).
        let stlRepaired = try [0, 1].map { k in
            var repaired = RepairedScores(outputs: [:], outOfRange: [:])
            for task in tasks {
                let result = try BarycenterRepair.fit(scores: stlScores[k][task] ?? [], groups: parts[k].groups, rowIDs: ids[k],
                                                      taskName: task, options: options)
                    .apply(scores: stlScores[2][task] ?? [], groups: data.test.groups, rowIDs: ids[2])
                repaired.outputs[task] = result.outputs
                repaired.outOfRange[task] = result.report.outOfRangeCount
            }
            return repaired
        }

        let test = data.test
        let testLabels = try Dictionary(uniqueKeysWithValues: tasks.map { ($0, try test.labels(of: $0).values) })
        let replicates = settings.bootstrapReplicates
        func ks(_ values: [Double], _ purpose: String) throws -> KSMeasurement {
            try KSMeasurement(values: values, groups: test.groups, replicates: replicates, seed: derivedSeed(seed, "bootstrap " + purpose))
        }
        func measure(_ family: String, _ scores: [[String: [Double]]], _ repaired: [RepairedScores]) throws -> [String: TaskRunMetrics] {
            var out: [String: TaskRunMetrics] = [:]
            for task in tasks {
                let before = scores[2][task] ?? []
                let labels = testLabels[task] ?? []
                func after(_ result: RepairedScores, _ variant: String) throws -> RepairedTaskMetrics {
                    let values = result.outputs[task] ?? []
                    let ranks = try RankPreservation.byGroup(before: before, after: values, groups: test.groups)
                    return RepairedTaskMetrics(
                        auc: try Metrics.rocAUC(scores: values, labels: labels),
                        ks: try ks(values, "\(family) \(task) \(variant)"),
                        dpGap: try DemographicParity.gap(values: values, groups: test.groups, threshold: 0.5).gap,
                        outOfRange: result.outOfRange[task] ?? 0,
                        inversions: ranks.inversions, tiedByMap: ranks.tiedByMap)
                }
                out[task] = TaskRunMetrics(
                    aucBefore: try Metrics.rocAUC(scores: before, labels: labels),
                    aucAgainstTask1Labels: task == tasks[0] ? nil : try Metrics.rocAUC(scores: before, labels: testLabels[tasks[0]] ?? []),
                    ksBefore: try ks(before, "\(family) \(task) before"),
                    ksBeforeOnTrainingRows: try PairwiseKolmogorovSmirnov(values: scores[0][task] ?? [], groups: data.train.groups).statistic,
                    dpGapBefore: try DemographicParity.gap(values: before, groups: test.groups, threshold: 0.5).gap,
                    pool: try after(repaired[1], "pool"), train: try after(repaired[0], "train"))
            }
            return out
        }
        func joint(_ scores: [[String: [Double]]], _ repaired: [RepairedScores]) -> JointRunDiagnostic {
            func diagnostic(_ outputs: [String: [Double]]) -> JointDiagnostic {
                JointDiagnostic(first: outputs[tasks[0]] ?? [], second: outputs[tasks[1]] ?? [], groups: test.groups)
            }
            return JointRunDiagnostic(before: diagnostic(scores[2]), pool: diagnostic(repaired[1].outputs), train: diagnostic(repaired[0].outputs))
        }
        let testCounts = test.groups.counts()
        return CompasRunResult(
            seed: seed, trainCounts: data.train.groups.counts(), poolCounts: data.pool.groups.counts(), testCounts: testCounts,
            noiseFloor: KolmogorovSmirnov.noiseFloor(n1: testCounts[0], n2: testCounts.count > 1 ? testCounts[1] : 0),
            poolFloor: ProtocolSupport.calibratedFloor(test: testCounts, calibration: data.pool.groups.counts()),
            trainFloor: ProtocolSupport.calibratedFloor(test: testCounts, calibration: data.train.groups.counts()),
            mtl: try measure("mtl", mtlScores, mtlRepaired), stl: try measure("stl", stlScores, stlRepaired),
            mtlJoint: joint(mtlScores, mtlRepaired), stlJoint: joint(stlScores, stlRepaired),
            mtlTrainSeconds: mtlTrainSeconds, stlTrainSeconds: stlTrainSeconds, seconds: ProtocolSupport.now() - start)
    }

    /// Repaired test scores and out-of-range counts by task name.
    struct RepairedScores {
        var outputs: [String: [Double]]
        var outOfRange: [String: Int]
    }

    static func trainer(_ settings: CompasSettings, epochs: Int, seed: UInt64) -> Trainer {
        var options = TrainingOptions(epochs: epochs, batchSize: settings.batchSize, learningRate: settings.learningRate, seed: seed)
        options.threads = settings.trainingThreads
        return Trainer(options: options)
    }

    static func derivedSeed(_ seed: UInt64, _ purpose: String) -> UInt64 {
        ProtocolSupport.derivedSeed(seed, "compas-protocol", purpose)
    }
}
