import FairCore
import Foundation

/// FairMTL's own data generator with known ground truth (the paper has no synthetic experiment;
/// these are FairMTL's checks, METHOD.md §7).
///
/// **Tabular mode** (two tasks sharing a latent variable): for each row, with group s,
/// - latent `z = m_s + σ_s ε`, ε ~ N(0, 1): groups differ in location and scale;
/// - features `x_j = z + ω η_j`, j = 1…d, η_j ~ N(0, 1) (noisy views of z);
/// - task 1 (regression) `y_regression = z + τ ξ`, ξ ~ N(0, 1);
/// - task 2 (binary) `y_binary ~ Bernoulli(Φ(γ z + δ))` (probit link).
///
/// ## Mathematical properties
/// The Bayes predictors are known: with `v_s = 1 / (1/σ_s² + d/ω²)` and
/// `μ(x, s) = v_s (m_s/σ_s² + Σ_j x_j / ω²)` (the posterior mean of z),
/// `f_true = E[y_regression | x, s] = μ(x, s)` and
/// `p_true = P(y_binary = 1 | x, s) = Φ((γ μ + δ) / √(1 + γ² v_s))`.
/// Given s, `f_true ~ N(m_s, σ_s² − v_s)`, so its barycenter and the repair risk are in closed
/// form (`groundTruth`).
///
/// **Gaussian-scores mode**: `score | s ~ N(m_s, σ_s²)` directly (a model's predictions), with
/// a label `y = score + τ ξ`; the ground truth is those laws (METHOD.md §6.3, §7.0).
///
/// **Joint-scores mode** (two tasks whose dependence differs by group, METHOD.md check C8):
/// `score1 | s` and `score2 | s` both `~ N(m_s, σ_s²)`, jointly Gaussian with correlation ρ_s
/// (`crossTaskCorrelations`), and labels `y1 = score1 + τ ξ₁`, `y2 = score2 + τ ξ₂`. Each
/// task's ground truth is the Gaussian-scores one; Spearman's ρ within group s is
/// `(6/π) asin(ρ_s/2)`.
///
/// Group sizes are exact (`⌊π_s n⌋` or one more, by largest remainder) and rows come in random
/// order. Everything derives from `seed`; integer and uniform draws are identical on every
/// platform, normals up to libm's last bit.
public enum SyntheticRecipe {
    /// What the generator produces.
    public enum Mode: String, Sendable, Hashable, Codable, CaseIterable {
        /// Features, two tasks and ground-truth predictors.
        case tabular
        /// Gaussian scores per group with closed-form barycenter.
        case gaussianScores = "gaussian-scores"
        /// Two Gaussian score columns per group, correlated differently in each group.
        case jointScores = "joint-scores"
    }

    /// The generator's parameters. The defaults are METHOD.md §7.0's toy model: two groups
    /// A / B with π = (0.3, 0.7), m = (−1, 0.5), σ = (0.5, 1.5).
    public struct Config: Sendable, Hashable, Codable {
        /// Tabular or Gaussian scores.
        public var mode: Mode = .tabular
        /// Number of rows n.
        public var rowCount = 10_000
        /// The groups: name, proportion π_s, latent mean m_s and SD σ_s.
        public var groups: [GaussianGroupLaws.Law] = [
            GaussianGroupLaws.Law(group: "A", proportion: 0.3, mean: -1, standardDeviation: 0.5),
            GaussianGroupLaws.Law(group: "B", proportion: 0.7, mean: 0.5, standardDeviation: 1.5),
        ]
        /// Joint-scores mode: the correlation ρ_s of the two scores within each group, in the
        /// order of `groups` (each in [−1, 1]).
        public var crossTaskCorrelations: [Double] = [0.8, 0.2]
        /// Number of features d (tabular mode).
        public var featureCount = 5
        /// Feature noise SD ω (> 0).
        public var featureNoise = 1.0
        /// Regression label noise SD τ (≥ 0).
        public var regressionNoise = 0.5
        /// Probit slope γ of the binary task.
        public var classificationSlope = 1.5
        /// Probit intercept δ of the binary task.
        public var classificationIntercept = 0.0
        /// Label scarcity: per task, the probability that a training label is removed (the
        /// dataset's default for `prepare`), e.g. `["y_regression": 0.75]`.
        public var missingLabelFractions: [String: Double] = [:]
        /// The seed.
        public var seed: UInt64 = 0

        public init() {}
    }

    /// The laws with the closed-form barycenter: of `f_true` given s (tabular mode, mean m_s and
    /// SD √(σ_s² − v_s)) or of `score` given s (Gaussian-scores mode).
    /// - Throws: `invalidParameter` for an invalid configuration.
    public static func groundTruth(_ config: Config) throws -> GaussianGroupLaws {
        let laws = try GaussianGroupLaws(laws: config.groups)
        if config.mode != .tabular { return laws }
        try validate(config)
        return try GaussianGroupLaws(laws: laws.laws.map { law in
            let variance = law.standardDeviation * law.standardDeviation
            let posterior = posteriorVariance(variance, config)
            return GaussianGroupLaws.Law(
                group: law.group, proportion: law.proportion, mean: law.mean, standardDeviation: (variance - posterior).squareRoot())
        })
    }

    /// Generates the dataset.
    /// - Throws: `invalidParameter` for an invalid configuration.
    public static func make(_ config: Config) throws -> Dataset {
        let laws = try GaussianGroupLaws(laws: config.groups)
        try validate(config)
        try MemoryBudget.require(estimatedPeakBytes(config), for: "the synthetic table of \(NumberFormatting.count(config.rowCount)) rows")
        var generator = SeededGenerator(seed: config.seed, purpose: "synthetic")

        // Exact group sizes by largest remainder, then a random row order.
        let quotas = laws.laws.map { $0.proportion * Double(config.rowCount) }
        var sizes = quotas.map { Int($0.rounded(.down)) }
        let order = sizes.indices.sorted { a, b in
            let ra = quotas[a] - Double(sizes[a])
            let rb = quotas[b] - Double(sizes[b])
            return ra != rb ? ra > rb : a < b
        }
        var remaining = config.rowCount - sizes.reduce(0, +)
        for g in order where remaining > 0 {
            sizes[g] += 1
            remaining -= 1
        }
        var groupOfRow: [Int] = []
        for (g, size) in sizes.enumerated() { groupOfRow += [Int](repeating: g, count: size) }
        for i in stride(from: groupOfRow.count - 1, to: 0, by: -1) { groupOfRow.swapAt(i, generator.nextInt(below: i + 1)) }
        let groupColumn = Column.categorical(CategoricalColumn(labels: groupOfRow.map { laws.laws[$0].group }))

        switch config.mode {
        case .gaussianScores:
            var scores: [Double] = []
            var labels: [Double] = []
            for g in groupOfRow {
                let law = laws.laws[g]
                let score = law.mean + law.standardDeviation * generator.nextNormal()
                scores.append(score)
                labels.append(score + config.regressionNoise * generator.nextNormal())
            }
            let table = try Table([("group", groupColumn), ("score", .numeric(scores)), ("y", .numeric(labels))])
            return try Dataset(
                name: "synthetic", table: table, tasks: [DatasetTask(name: "y", kind: .regression, meaning: "score plus Gaussian noise")],
                sensitive: "group", features: [.passthrough("score")], source: description(config),
                defaultMissingLabelFractions: config.missingLabelFractions)
        case .jointScores:
            return try jointScores(
                config, laws: laws, groupOfRow: groupOfRow, groupColumn: groupColumn,
                generator: &generator)
        case .tabular:
            let d = config.featureCount
            var features = [[Double]](repeating: [], count: d)
            var latent: [Double] = []
            var regression: [Double] = []
            var binary: [Double] = []
            var trueRegression: [Double] = []
            var trueProbability: [Double] = []
            let omegaSquared = config.featureNoise * config.featureNoise
            for g in groupOfRow {
                let law = laws.laws[g]
                let z = law.mean + law.standardDeviation * generator.nextNormal()
                var featureSum = 0.0
                for j in 0..<d {
                    let x = z + config.featureNoise * generator.nextNormal()
                    features[j].append(x)
                    featureSum += x
                }
                latent.append(z)
                regression.append(z + config.regressionNoise * generator.nextNormal())
                let u = generator.nextDouble()
                binary.append(u < normalCDF(config.classificationSlope * z + config.classificationIntercept) ? 1 : 0)
                let variance = law.standardDeviation * law.standardDeviation
                let posterior = posteriorVariance(variance, config)
                let mean = posterior * (law.mean / variance + featureSum / omegaSquared)
                trueRegression.append(mean)
                let slope = config.classificationSlope
                trueProbability.append(
                    normalCDF((slope * mean + config.classificationIntercept) / (1 + slope * slope * posterior).squareRoot()))
            }
            var columns: [(name: String, column: Column)] = [("group", groupColumn)]
            let featureNames = (1...d).map { "x\($0)" }
            for (name, values) in zip(featureNames, features) { columns.append((name, .numeric(values))) }
            columns += [
                ("y_regression", .numeric(regression)), ("y_binary", .numeric(binary)),
                ("f_true", .numeric(trueRegression)), ("p_true", .numeric(trueProbability)), ("latent", .numeric(latent)),
            ]
            let tasks = [
                DatasetTask(name: "y_regression", kind: .regression, meaning: "latent plus Gaussian noise"),
                DatasetTask(name: "y_binary", kind: .binary, meaning: "Bernoulli with probit of the latent"),
            ]
            return try Dataset(
                name: "synthetic", table: try Table(columns), tasks: tasks, sensitive: "group",
                features: featureNames.map(FeatureSpec.standardized) + [.oneHot("group")], source: description(config),
                defaultMissingLabelFractions: config.missingLabelFractions)
        }
    }

    /// The joint-scores table: per row two correlated Gaussian scores and their labels.
    private static func jointScores(
        _ config: Config, laws: GaussianGroupLaws, groupOfRow: [Int], groupColumn: Column,
        generator: inout SeededGenerator
    ) throws -> Dataset {
        var columns = [[Double]](repeating: [], count: 4)
        for g in groupOfRow {
            let law = laws.laws[g]
            let rho = config.crossTaskCorrelations[g]
            let first = generator.nextNormal()
            let second = rho * first + (1 - rho * rho).squareRoot() * generator.nextNormal()
            let scores = [first, second].map { law.mean + law.standardDeviation * $0 }
            columns[0].append(scores[0])
            columns[1].append(scores[1])
            columns[2].append(scores[0] + config.regressionNoise * generator.nextNormal())
            columns[3].append(scores[1] + config.regressionNoise * generator.nextNormal())
        }
        let names = ["score1", "score2", "y1", "y2"]
        let table = try Table(
            [("group", groupColumn)] + zip(names, columns).map { ($0, .numeric($1)) })
        let tasks = ["y1", "y2"].map {
            DatasetTask(name: $0, kind: .regression, meaning: "a score plus Gaussian noise")
        }
        return try Dataset(
            name: "synthetic", table: table, tasks: tasks, sensitive: "group",
            features: [.passthrough("score1"), .passthrough("score2")], source: description(config),
            defaultMissingLabelFractions: config.missingLabelFractions)
    }

    /// A bound on how much the process grows while `make` builds the table and `load` prepares
    /// it: 24 bytes per numeric column and row, plus 96 per row (the group labels and codes, and
    /// the arrays' growth). Measured (VmPeak, the address space `ulimit -v` limits): 184-249 bytes
    /// per row for the tabular mode with 5 features (estimate 336), 90 for Gaussian scores (144).
    static func estimatedPeakBytes(_ config: Config) -> Int {
        let numericColumns: Int
        switch config.mode {
        case .tabular: numericColumns = config.featureCount + 5
        case .gaussianScores: numericColumns = 2
        case .jointScores: numericColumns = 4
        }
        return config.rowCount.multipliedReportingOverflow(by: 24 * (numericColumns + 4)).partialValue
    }

    /// `v_s = 1 / (1/σ_s² + d/ω²)`: the variance of z given the features and the group.
    static func posteriorVariance(_ latentVariance: Double, _ config: Config) -> Double {
        1 / (1 / latentVariance + Double(config.featureCount) / (config.featureNoise * config.featureNoise))
    }

    /// The standard normal CDF Φ.
    static func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

    private static func validate(_ config: Config) throws {
        if config.mode == .jointScores {
            let rhos = config.crossTaskCorrelations
            if rhos.count != config.groups.count || rhos.contains(where: { !(abs($0) <= 1) }) {
                throw FairDataError.invalidParameter(
                    name: "cross-task correlations", value: "\(rhos)",
                    allowed: "one correlation in [-1, 1] per group (\(config.groups.count))")
            }
        }
        if config.rowCount < config.groups.count {
            throw FairDataError.invalidParameter(
                name: "rowCount", value: "\(config.rowCount)", allowed: "at least one row per group (\(config.groups.count))")
        }
        if config.featureCount < 1 {
            throw FairDataError.invalidParameter(name: "featureCount", value: "\(config.featureCount)", allowed: "1 or more")
        }
        if !(config.featureNoise > 0 && config.featureNoise.isFinite) {
            throw FairDataError.invalidParameter(name: "featureNoise", value: "\(config.featureNoise)", allowed: "a positive SD")
        }
        if !(config.regressionNoise >= 0 && config.regressionNoise.isFinite) {
            throw FairDataError.invalidParameter(name: "regressionNoise", value: "\(config.regressionNoise)", allowed: "an SD of 0 or more")
        }
        if !config.classificationSlope.isFinite || !config.classificationIntercept.isFinite {
            throw FairDataError.invalidParameter(
                name: "classification slope/intercept", value: "\(config.classificationSlope), \(config.classificationIntercept)",
                allowed: "finite numbers")
        }
    }

    private static func description(_ config: Config) -> String {
        var groups = config.groups.map {
            "\($0.group): π \($0.proportion), m \($0.mean), σ \($0.standardDeviation)"
        }
        if config.mode == .jointScores {
            groups = zip(groups, config.crossTaskCorrelations).map { "\($0), ρ \($1)" }
        }
        return "FairMTL synthetic generator, mode \(config.mode.rawValue), n \(config.rowCount), seed \(config.seed); " + groups.joined(separator: "; ")
    }
}
