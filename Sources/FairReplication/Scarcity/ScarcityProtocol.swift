import FairCore
import FairData
import FairNet

/// The paper's label-scarcity study (Table 1's protocol, EXPERIMENTS.md §3) on a dataset with one
/// regression and one binary task.
///
/// Per seed: one train / unlabeled pool / test split (the same at every level) and a validation
/// part of the training rows; per level p, each training row's regression label is removed with
/// probability p (nested levels). Then:
/// - a multi-task YOTO model (λ_t ~ U(0.25, 6) per row) whose evaluation λ is chosen by Algorithm 2:
///   the regression weight on a grid (classification weight 1) that minimises the regression MSE on
///   the validation rows that kept their label;
/// - a single-task regression model on the same rows (missing labels skipped) and a single-task
///   classifier on every classification label (trained once per seed: it never sees the mask);
/// - the barycenter repair of every task of both, calibrated on the pool and applied to the test rows;
/// - MSE (regression), ROC-AUC (classification) and KS with its floor, before and after.
///
/// A category absent from a seed's training rows is encoded as all zeros (small samples such as
/// the ACS Alabama file have rare categories). Regression targets are standardised with the mean and SD of the training labels that are
/// present (FairNet does not scale targets); predictions are mapped back, so MSE is in the
/// target's own units. Every random stream derives from the seed.
public enum ScarcityProtocol {
    /// Runs every seed and level; `progress` after each (seed, level).
    public static func run(dataset: Dataset, settings: ScarcitySettings,
                           progress: ReplicationProgressHandler = { _ in }) throws -> [ScarcityRunResult] {
        try settings.validate()
        let (regression, classification) = try tasks(of: dataset)
        var results: [ScarcityRunResult] = []
        let total = settings.seeds.count * settings.fractions.count
        for seed in settings.seeds {
            try runSeed(dataset: dataset, seed: seed, settings: settings, regression: regression, classification: classification) { result in
                results.append(result)
                let detail = "seed \(seed), \(Fixed.percent(result.fraction)) removed: MSE MTL \(Fixed.format(result.mtlRegression.performance, 3)), "
                    + "STL \(Fixed.format(result.stlRegression.performance, 3)); KS \(Fixed.format(result.mtlRegression.ks.statistic, 3)) → "
                    + "\(Fixed.format(result.mtlRegression.ksAfter.statistic, 3))"
                try progress(ReplicationProgress(unit: "run", completed: results.count, total: total, detail: detail))
            }
        }
        return results
    }

    /// The dataset's regression and binary task names.
    public static func tasks(of dataset: Dataset) throws -> (regression: String, classification: String) {
        guard let regression = dataset.tasks.first(where: { $0.kind == .regression })?.name else {
            throw ReplicationError.missingTask(dataset: dataset.name, needed: "regression")
        }
        guard let classification = dataset.tasks.first(where: { $0.kind == .binary })?.name else {
            throw ReplicationError.missingTask(dataset: dataset.name, needed: "binary")
        }
        return (regression, classification)
    }

    static func runSeed(dataset: Dataset, seed: UInt64, settings: ScarcitySettings, regression: String, classification: String,
                        emit: (ScarcityRunResult) throws -> Void) throws {
        let taskOrder = dataset.tasks.map(\.name).filter { $0 == regression || $0 == classification }
        var stlClassifier: StlClassifier?
        for fraction in settings.fractions {
            let start = ProtocolSupport.now()
            let data = try dataset.prepare(PreparationOptions(
                seed: seed, testFraction: settings.testFraction, poolFraction: settings.poolFraction,
                missingLabelFractions: [regression: fraction], unseenCategories: .ignore))
            let all = try TrainingData(
                features: try ProtocolSupport.matrix(data.train.features),
                labels: [regression: try data.train.labels(of: regression).values, classification: try data.train.labels(of: classification).values])
            let (fitRows, validationRows) = holdOut(fraction: settings.validationFraction, rows: all.rows, seed: derivedSeed(seed, "validation"))
            let fit = all.selecting(rows: fitRows), validation = all.selecting(rows: validationRows)

            // Standardise the regression target on the labels present for fitting.
            let present = (fit.labels[regression] ?? []).filter { !$0.isNaN }
            guard present.count >= 2 else {
                throw ReplicationError.invalidSetting(name: "--fractions", value: Fixed.percent(fraction),
                                                      allowed: "leaves \(present.count) regression label\(present.count == 1 ? "" : "s") to train on at seed \(seed); use a lower share or a larger dataset")
            }
            let mean = present.reduce(0, +) / Double(present.count)
            let sd = max((present.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(present.count - 1)).squareRoot(), 1e-12)
            func scaled(_ data: TrainingData) throws -> TrainingData {
                var labels = data.labels
                labels[regression] = (labels[regression] ?? []).map { ($0 - mean) / sd }
                return try TrainingData(features: data.features, labels: labels)
            }
            let fitScaled = try scaled(fit), validationScaled = try scaled(validation)

            let specs = taskOrder.map { $0 == regression ? TaskSpec.regression($0) : TaskSpec.binary($0) }
            let architecture = try NetworkArchitecture(
                inputs: all.features.columns, hidden: settings.hidden, tasks: specs, dropout: settings.dropout,
                conditioning: Conditioning(mode: .perUnit, ranges: specs.map { _ in settings.lambdaRange }))

            // Multi-task YOTO, λ by Algorithm 2 on the validation rows.
            let mtlSeed = derivedSeed(seed, "mtl \(fraction)")
            let mtl = try trainer(settings, seed: mtlSeed).train(try MultiTaskNetwork(architecture: architecture, seed: mtlSeed), on: fitScaled).model
            let validationLabels = (validation.labels[regression] ?? []).filter { !$0.isNaN }.count
            var chosen: Double?
            if validationLabels > 0 {
                let grid = try LambdaCalibration.grid([(task: regression, values: settings.lambdaGrid), (task: classification, values: [1])])
                let report = try LambdaCalibration.run(model: mtl, validation: validationScaled, grid: grid,
                                                       criterion: .metric(task: regression, .meanSquaredError), threads: 1)
                chosen = report.best.lambda[regression]
            }
            let lambdaUsed = chosen ?? lambdaFallback(settings)
            let lambda = [regression: lambdaUsed, classification: 1.0]
            let lambdaVector = taskOrder.map { lambda[$0] ?? 1 }

            let parts = [data.pool, data.test]
            let inputs = try parts.map { try ProtocolSupport.matrix($0.features) }
            func unscale(_ p: Predictions) throws -> [String: [Double]] {
                [regression: try p.values(for: regression).map { $0 * sd + mean }, classification: try p.values(for: classification)]
            }
            let mtlScores = try inputs.map { try unscale(try mtl.predict($0, lambda: lambda, threads: 1)) }

            // Single-task regression on the same rows; the classifier once per seed.
            let stlSeed = derivedSeed(seed, "stl \(regression) \(fraction)")
            let stlRegression = try trainer(settings, seed: stlSeed).train(
                try MultiTaskNetwork(architecture: try architecture.singleTask(regression), seed: stlSeed),
                on: try TrainingData(features: fitScaled.features, labels: [regression: fitScaled.labels[regression] ?? []])).model
            let stlRegressionScores = try inputs.map { try stlRegression.predict($0, threads: 1).values(for: regression).map { $0 * sd + mean } }
            if stlClassifier == nil {
                let clfSeed = derivedSeed(seed, "stl \(classification)")
                let model = try trainer(settings, seed: clfSeed).train(
                    try MultiTaskNetwork(architecture: try architecture.singleTask(classification), seed: clfSeed),
                    on: try TrainingData(features: fit.features, labels: [classification: fit.labels[classification] ?? []])).model
                stlClassifier = StlClassifier(scores: try inputs.map { try model.predict($0, threads: 1).values(for: classification) })
            }
            let stlClassificationScores = stlClassifier?.scores ?? []

            // Repairs calibrated on the pool, applied to the test rows.
            let pool = data.pool, test = data.test
            let poolIDs = pool.rows.map { UInt64($0) }, testIDs = test.rows.map { UInt64($0) }
            let options = RepairOptions(jitterHalfWidth: settings.jitter, seed: derivedSeed(seed, "repair"),
                                        convention: .generalizedInverse, outOfRange: .clamp)
            let mtlRepaired = try MultiTaskRepair.fit(predictions: mtlScores[0], groups: pool.groups, lambda: lambdaVector,
                                                      rowIDs: poolIDs, defaultOptions: options)
                .apply(predictions: mtlScores[1], groups: test.groups, lambda: lambdaVector, rowIDs: testIDs).outputs
            func repairSingle(_ scores: [[Double]], _ task: String) throws -> [Double] {
                try BarycenterRepair.fit(scores: scores[0], groups: pool.groups, rowIDs: poolIDs, taskName: task, options: options)
                    .apply(scores: scores[1], groups: test.groups, rowIDs: testIDs).outputs
            }

            let testRegression = try test.labels(of: regression).values
            let testClassification = try test.labels(of: classification).values
            func measure(_ before: [Double], _ after: [Double], regression isRegression: Bool, _ purpose: String) throws -> ScarcityTaskMetrics {
                func performance(_ scores: [Double]) throws -> Double {
                    isRegression ? try Metrics.meanSquaredError(predictions: scores, labels: testRegression)
                        : try Metrics.rocAUC(scores: scores, labels: testClassification)
                }
                func ks(_ values: [Double], _ state: String) throws -> KSMeasurement {
                    try KSMeasurement(values: values, groups: test.groups, replicates: settings.bootstrapReplicates,
                                      seed: derivedSeed(seed, "bootstrap \(purpose) \(state)"))
                }
                return ScarcityTaskMetrics(performance: try performance(before), performanceAfter: try performance(after),
                                           ks: try ks(before, "before"), ksAfter: try ks(after, "after"))
            }
            let trainMask = (fit.labels[regression] ?? [])
            let testCounts = test.groups.counts(), poolCounts = pool.groups.counts()
            let result = ScarcityRunResult(
                seed: seed, fraction: fraction,
                realisedFraction: Double(all.labels[regression]?.filter(\.isNaN).count ?? 0) / Double(max(all.rows, 1)),
                trainingLabels: trainMask.filter { !$0.isNaN }.count, validationLabels: validationLabels,
                chosenLambda: chosen, lambdaUsed: lambdaUsed, testCounts: testCounts, poolCounts: poolCounts,
                noiseFloor: KolmogorovSmirnov.noiseFloor(n1: testCounts[0], n2: testCounts.count > 1 ? testCounts[1] : 0),
                poolFloor: ProtocolSupport.calibratedFloor(test: testCounts, calibration: poolCounts),
                mtlRegression: try measure(mtlScores[1][regression] ?? [], mtlRepaired[regression] ?? [], regression: true, "mtl reg"),
                mtlClassification: try measure(mtlScores[1][classification] ?? [], mtlRepaired[classification] ?? [], regression: false, "mtl clf"),
                stlRegression: try measure(stlRegressionScores[1], try repairSingle(stlRegressionScores, regression), regression: true, "stl reg"),
                stlClassification: try measure(stlClassificationScores[1], try repairSingle(stlClassificationScores, classification), regression: false, "stl clf"),
                seconds: ProtocolSupport.now() - start)
            try emit(result)
        }
    }

    /// The single-task classifier's pool and test scores (trained once per seed).
    struct StlClassifier {
        var scores: [[Double]]
    }

    /// The regression weight used when no validation row kept its label: the grid's middle value.
    static func lambdaFallback(_ settings: ScarcitySettings) -> Double {
        let grid = settings.lambdaGrid.sorted()
        return grid[grid.count / 2]
    }

    /// A seeded choice of `round(fraction · rows)` rows to hold out (sorted), and the rest.
    static func holdOut(fraction: Double, rows: Int, seed: UInt64) -> (kept: [Int], heldOut: [Int]) {
        let count = min(max(Int((fraction * Double(rows)).rounded()), 1), max(rows - 1, 0))
        var generator = SeededGenerator(seed: seed, purpose: "scarcity validation rows")
        var order = Array(0..<rows)
        for i in 0..<count { order.swapAt(i, i + generator.nextInt(below: rows - i)) }
        let held = Set(order[0..<count])
        return ((0..<rows).filter { !held.contains($0) }, order[0..<count].sorted())
    }

    static func trainer(_ settings: ScarcitySettings, seed: UInt64) -> Trainer {
        var options = TrainingOptions(epochs: settings.epochs, batchSize: settings.batchSize, learningRate: settings.learningRate, seed: seed)
        options.threads = settings.trainingThreads
        return Trainer(options: options)
    }

    static func derivedSeed(_ seed: UInt64, _ purpose: String) -> UInt64 {
        ProtocolSupport.derivedSeed(seed, "scarcity", purpose)
    }
}
