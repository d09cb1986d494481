import FairCore
import FairData
import FairNet

/// The settings of the COMPAS protocol (EXPERIMENTS.md §2), shared by every seed.
struct CompasProtocolSettings {
    /// The paper's 20 split seeds (EXPERIMENTS.md §1), used as run identifiers: FairMTL seeds its own
    /// generators from them, so the splits are equivalent in kind to scikit-learn's, not the same rows.
    static let paperSeeds: [UInt64] = [42, 49, 201, 49472, 928, 1, 7, 58, 222, 7505, 6085, 288, 1570, 2900, 3287, 1689, 5898, 4119, 666, 7693]
    /// Task 1 and task 2, in head order (also the order of λ).
    static let tasks = ["is_recid", "is_violent_recid"]

    var seeds: [UInt64]
    /// Share of all rows held out for testing (the paper's 80/20).
    var testFraction = 0.2
    /// Share of the non-test rows held out, unlabeled, as the calibration pool (Remark 2).
    var poolFraction = 0.2
    /// FiLM mode of the multi-task model: per-unit (FairMTL's default, D8) or scalar (the paper's code).
    var film: Conditioning.Mode = .perUnit
    /// Evaluation λ in task order (the code's (1, 6)).
    var lambda: [Double] = [1, 6]
    /// λ_t ~ U(0.25, 6) per row during training (the code's box).
    var lambdaRange = LambdaRange(0.25, 6)
    var hidden = [24, 24, 24]
    var dropout = 0.1
    var mtlEpochs = 75
    var stlEpochs = 50
    var batchSize = 128
    var learningRate = 1e-3
    /// Jitter half-width u of the repair (D1: 1e-3 by default, 0 as the code).
    var jitter = 1e-3
    var convention: RepairConvention = .generalizedInverse
    var outOfRange: OutOfRangePolicy = .clamp
    /// Threads per training step (`TrainingOptions.threads`); 1 keeps each product in one fixed order.
    var trainingThreads = 1

    var lambdaByTask: [String: Double] { Dictionary(uniqueKeysWithValues: zip(Self.tasks, lambda)) }

    func repairOptions(seed: UInt64) -> RepairOptions {
        RepairOptions(jitterHalfWidth: jitter, seed: seed, convention: convention, outOfRange: outOfRange)
    }
}

/// The metrics of one post-processing variant of one task on the test rows.
struct RepairedTaskMetrics {
    var auc: Double
    var ks: Double
    /// DP gap of `1{score ≥ 1/2}`.
    var dpGap: Double
    /// Test rows outside their group's calibration range (clamped).
    var outOfRange: Int
    /// Within-group pairs the repair reversed, and pairs it tied (`RankPreservation`, tolerance 0).
    /// With jitter u > 0 the map is monotone in the jittered score, so pairs of scores closer than
    /// 2u may be reversed; with u = 0 both counts of reversals must be 0.
    var inversions: Int
    var tiedByMap: Int
}

/// The test metrics of one task of one model family (MTL or STL) in one run.
struct TaskRunMetrics {
    var aucBefore: Double
    /// AUC of this task's score against task 1's labels (the reference code's D6 bug, for task 2 only).
    var aucAgainstTask1Labels: Double?
    var ksBefore: Double
    /// KS between the groups' predictions on the **training** rows: what the reference code reports
    /// as the unfairness before repair (`unfairness_1`, `unfairness_2` in `simulation_compas.py`).
    var ksBeforeOnTrainingRows: Double
    var dpGapBefore: Double
    /// Calibrated on the independent unlabeled pool (the paper's Remark 2).
    var pool: RepairedTaskMetrics
    /// Calibrated on the training rows' own predictions (the reference code).
    var train: RepairedTaskMetrics
}

/// Everything recorded for one seed (EXPERIMENTS.md §7).
struct CompasRunResult {
    var seed: UInt64
    /// Rows per group (in the dataset's group-name order) of train, pool and test.
    var trainCounts: [Int], poolCounts: [Int], testCounts: [Int]
    /// KS noise floor of the test groups.
    var noiseFloor: Double
    /// The KS expected after a repair calibrated on `poolCounts` / `trainCounts` (`calibratedFloor`).
    var poolFloor: Double, trainFloor: Double
    /// task name → metrics.
    var mtl: [String: TaskRunMetrics]
    var stl: [String: TaskRunMetrics]
    /// Seconds: multi-task training, both single-task trainings, the whole run.
    var mtlTrainSeconds: Double, stlTrainSeconds: Double, seconds: Double
}

/// Repaired test scores and apply reports by task name.
struct RepairedScores {
    var outputs: [String: [Double]]
    var reports: [String: RepairApplyReport]
}

/// One seed of the COMPAS protocol: split, train MTL and 2 × STL, predict, repair, measure.
enum CompasProtocolRun {
    static func run(dataset: Dataset, seed: UInt64, settings: CompasProtocolSettings) throws -> CompasRunResult {
        let start = now()
        let data = try dataset.prepare(PreparationOptions(seed: seed, testFraction: settings.testFraction, poolFraction: settings.poolFraction))
        let tasks = CompasProtocolSettings.tasks
        let training = try TrainingData(features: try matrix(data.train.features),
                                        labels: Dictionary(uniqueKeysWithValues: try tasks.map { ($0, try data.train.labels(of: $0).values) }))
        let parts = [data.train, data.pool, data.test]
        let inputs = try parts.map { try matrix($0.features) }
        let specs = tasks.map(TaskSpec.binary)

        // Multi-task YOTO model: 75 epochs, λ drawn per row; predictions at the evaluation λ.
        let mtlArchitecture = try NetworkArchitecture(
            inputs: training.features.columns, hidden: settings.hidden, tasks: specs, dropout: settings.dropout,
            conditioning: Conditioning(mode: settings.film, ranges: tasks.map { _ in settings.lambdaRange }))
        let mtlSeed = derivedSeed(seed, "mtl")
        let mtlStart = now()
        let mtl = try trainer(settings, epochs: settings.mtlEpochs, seed: mtlSeed)
            .train(try MultiTaskNetwork(architecture: mtlArchitecture, seed: mtlSeed), on: training).model
        let mtlTrainSeconds = now() - mtlStart
        let mtlScores = try inputs.map { features in
            let p = try mtl.predict(features, lambda: settings.lambdaByTask, threads: 1)
            return Dictionary(uniqueKeysWithValues: try tasks.map { ($0, try p.values(for: $0)) })
        }

        // Two single-task models with the same trunk: 50 epochs each.
        let stlStart = now()
        var stlScores = [[String: [Double]]](repeating: [:], count: parts.count)
        for task in tasks {
            let stlSeed = derivedSeed(seed, "stl \(task)")
            let oneTask = try TrainingData(features: training.features, labels: [task: training.labels[task] ?? []])
            let model = try trainer(settings, epochs: settings.stlEpochs, seed: stlSeed)
                .train(try MultiTaskNetwork(architecture: try mtlArchitecture.singleTask(task), seed: stlSeed), on: oneTask).model
            for (k, features) in inputs.enumerated() { stlScores[k][task] = try model.predict(features, threads: 1).values(for: task) }
        }
        let stlTrainSeconds = now() - stlStart

        let ids = parts.map { $0.rows.map { UInt64($0) } }
        let repairSeed = derivedSeed(seed, "repair")
        let options = settings.repairOptions(seed: repairSeed)
        // MTL: one `MultiTaskRepair` per calibration set, fitted and applied at the evaluation λ.
        let mtlRepaired = try [0, 1].map { k in // 0: train rows (reference code), 1: pool (paper)
            let result = try MultiTaskRepair.fit(predictions: mtlScores[k], groups: parts[k].groups, lambda: settings.lambda,
                                    rowIDs: ids[k], defaultOptions: options)
                .apply(predictions: mtlScores[2], groups: data.test.groups, lambda: settings.lambda, rowIDs: ids[2])
            return RepairedScores(outputs: result.outputs, reports: result.reports)
        }
        // STL: one `BarycenterRepair` per single-task model (no λ: the models are not conditioned).
        let stlRepaired = try [0, 1].map { k in
            var outputs: [String: [Double]] = [:], reports: [String: RepairApplyReport] = [:]
            for task in tasks {
                let result = try BarycenterRepair.fit(scores: stlScores[k][task] ?? [], groups: parts[k].groups, rowIDs: ids[k],
                                                      taskName: task, options: options)
                    .apply(scores: stlScores[2][task] ?? [], groups: data.test.groups, rowIDs: ids[2])
                outputs[task] = result.outputs
                reports[task] = result.report
            }
            return RepairedScores(outputs: outputs, reports: reports)
        }

        let test = data.test
        let testLabels = try Dictionary(uniqueKeysWithValues: tasks.map { ($0, try test.labels(of: $0).values) })
        func measure(_ scores: [[String: [Double]]], _ repaired: [RepairedScores]) throws -> [String: TaskRunMetrics] {
            var out: [String: TaskRunMetrics] = [:]
            for task in tasks {
                let before = scores[2][task] ?? []
                let labels = testLabels[task] ?? []
                func after(_ result: RepairedScores) throws -> RepairedTaskMetrics {
                    let values = result.outputs[task] ?? []
                    let ranks = try RankPreservation.byGroup(before: before, after: values, groups: test.groups)
                    return RepairedTaskMetrics(
                        auc: try Metrics.rocAUC(scores: values, labels: labels),
                        ks: try PairwiseKolmogorovSmirnov(values: values, groups: test.groups).statistic,
                        dpGap: try DemographicParity.gap(values: values, groups: test.groups, threshold: 0.5).gap,
                        outOfRange: result.reports[task]?.outOfRangeCount ?? 0,
                        inversions: ranks.inversions, tiedByMap: ranks.tiedByMap)
                }
                out[task] = TaskRunMetrics(
                    aucBefore: try Metrics.rocAUC(scores: before, labels: labels),
                    aucAgainstTask1Labels: task == tasks[0] ? nil : try Metrics.rocAUC(scores: before, labels: testLabels[tasks[0]] ?? []),
                    ksBefore: try PairwiseKolmogorovSmirnov(values: before, groups: test.groups).statistic,
                    ksBeforeOnTrainingRows: try PairwiseKolmogorovSmirnov(values: scores[0][task] ?? [], groups: data.train.groups).statistic,
                    dpGapBefore: try DemographicParity.gap(values: before, groups: test.groups, threshold: 0.5).gap,
                    pool: try after(repaired[1]), train: try after(repaired[0]))
            }
            return out
        }
        let testCounts = test.groups.counts()
        return CompasRunResult(
            seed: seed, trainCounts: data.train.groups.counts(), poolCounts: data.pool.groups.counts(), testCounts: testCounts,
            noiseFloor: KolmogorovSmirnov.noiseFloor(n1: testCounts[0], n2: testCounts.count > 1 ? testCounts[1] : 0),
            poolFloor: calibratedFloor(test: testCounts, calibration: data.pool.groups.counts()),
            trainFloor: calibratedFloor(test: testCounts, calibration: data.train.groups.counts()),
            mtl: try measure(mtlScores, mtlRepaired), stl: try measure(stlScores, stlRepaired),
            mtlTrainSeconds: mtlTrainSeconds, stlTrainSeconds: stlTrainSeconds, seconds: now() - start)
    }

    /// The mean KS to expect on the test rows after a repair calibrated on groups of sizes `c_s`,
    /// for two groups: `0.87 · sqrt(1/n_1 + 1/n_2 + 1/c_1 + 1/c_2)` ([Inference], FairMTL's
    /// derivation, asymptotic). The repaired score of group s is `H(F̂_s(x))` with one nondecreasing
    /// `H = Σ_b π_b Q̂_b` shared by all groups, and KS is invariant under a common monotone map; so
    /// the between-group discrepancy is the test rows' sampling bridge (variance `1/n_1 + 1/n_2`)
    /// plus each group's calibration ECDF error `F̂_s − F_s` (variance `1/c_s`), all independent.
    /// With `c → ∞` it is the test noise floor.
    static func calibratedFloor(test: [Int], calibration: [Int]) -> Double {
        guard test.count == 2, calibration.count == 2, (test + calibration).allSatisfy({ $0 > 0 }) else { return .nan }
        let variance = (test + calibration).reduce(0) { $0 + 1 / Double($1) }
        return KolmogorovSmirnov.meanOfKolmogorov * variance.squareRoot()
    }

    static func matrix(_ features: EncodedFeatures) throws -> FeatureMatrix {
        try FeatureMatrix(rows: features.rows, columns: features.columns, values: features.values)
    }

    static func trainer(_ settings: CompasProtocolSettings, epochs: Int, seed: UInt64) -> Trainer {
        var options = TrainingOptions(epochs: epochs, batchSize: settings.batchSize, learningRate: settings.learningRate, seed: seed)
        options.threads = settings.trainingThreads
        return Trainer(options: options)
    }

    /// A seed for one purpose of one run (weight initialisation and training streams of a model, the
    /// repair's jitter), so that no two models of a run share a stream.
    static func derivedSeed(_ seed: UInt64, _ purpose: String) -> UInt64 {
        var generator = SeededGenerator(seed: seed, purpose: "compas-protocol " + purpose)
        return generator.next()
    }
}
