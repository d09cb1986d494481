import FairCore
import Testing
@testable import FairData

@Suite("SyntheticRecipe")
struct SyntheticRecipeTests {
    @Test("exact group sizes, the requested row count, and two tasks sharing the latent", arguments: [0, 1, 2] as [UInt64])
    func tabular(seed: UInt64) throws {
        var config = SyntheticRecipe.Config()
        config.rowCount = 20_001
        config.seed = seed
        let dataset = try SyntheticRecipe.make(config)
        #expect(dataset.table.rowCount == 20_001)
        #expect(dataset.groups.names == ["A", "B"])
        #expect(dataset.groups.counts() == [6_000, 14_001], "⌊0.3 n⌋ = 6000 and 14000.7 → the largest remainder gets the extra row")
        #expect(dataset.tasks.map(\.name) == ["y_regression", "y_binary"])
        #expect(dataset.tasks.map(\.kind) == [.regression, .binary])

        // Per group, the latent has the configured mean and SD (sampling tolerance ≈ 5 SE).
        let latent = try dataset.table.numeric("latent")
        let truth = try dataset.table.numeric("f_true")
        let rowsByGroup = dataset.groups.rowsByGroup()
        let laws = try SyntheticRecipe.groundTruth(config)
        for (g, law) in config.groups.enumerated() {
            let values = rowsByGroup[g].map { latent[$0] }
            let (mean, sd) = Self.moments(values)
            #expect(abs(mean - law.mean) < 5 * law.standardDeviation / Double(values.count).squareRoot())
            #expect(abs(sd / law.standardDeviation - 1) < 0.05)
            // f_true | s ~ N(m_s, σ_s² − v_s): the closed form behind the barycenter.
            let (trueMean, trueSD) = Self.moments(rowsByGroup[g].map { truth[$0] })
            let trueLaw = laws.laws[g]
            #expect(abs(trueMean - trueLaw.mean) < 5 * trueLaw.standardDeviation / Double(values.count).squareRoot())
            #expect(abs(trueSD / trueLaw.standardDeviation - 1) < 0.05)
        }
        // f_true is E[y | x, s]: residuals have mean 0 and variance v_s + τ².
        let y = try dataset.table.numeric("y_regression")
        let residuals = zip(y, truth).map { $0 - $1 }
        #expect(abs(Self.moments(residuals).mean) < 0.05)
        // p_true is P(y_binary = 1 | x, s): the mean of p_true matches the rate of y_binary.
        let rate = try dataset.table.numeric("y_binary").reduce(0, +) / 20_001
        let meanProbability = try dataset.table.numeric("p_true").reduce(0, +) / 20_001
        #expect(abs(rate - meanProbability) < 0.02)
    }

    @Test("Gaussian-scores mode: scores follow N(m_s, σ_s²); the oracle fair map lands on the barycenter with risk 0.6825")
    func gaussianScores() throws {
        var config = SyntheticRecipe.Config()
        config.mode = .gaussianScores
        config.rowCount = 100_000
        config.seed = 5
        let dataset = try SyntheticRecipe.make(config)
        let laws = try SyntheticRecipe.groundTruth(config)
        #expect(abs(laws.repairRisk - 0.6825) < 1e-12)
        let scores = try dataset.table.numeric("score")
        var squaredChange = 0.0
        var fair: [Double] = []
        for row in 0..<scores.count {
            let value = try laws.fairValue(scores[row], group: dataset.groups.label(ofRow: row))
            squaredChange += (value - scores[row]) * (value - scores[row])
            fair.append(value)
        }
        // Monte Carlo of E(f − g*)² against the closed form (METHOD.md §7.0 reports 0.6833 vs 0.6825).
        #expect(abs(squaredChange / Double(scores.count) - 0.6825) < 0.02)
        let (mean, sd) = Self.moments(fair)
        #expect(abs(mean - 0.05) < 0.02 && abs(sd - 1.2) < 0.02)
        #expect(dataset.features == [.passthrough("score")])
    }

    @Test("the same seed gives the same data; label scarcity becomes the dataset default")
    func determinism() throws {
        var config = SyntheticRecipe.Config()
        config.rowCount = 500
        config.seed = 11
        config.missingLabelFractions = ["y_regression": 0.75]
        let a = try SyntheticRecipe.make(config)
        let b = try SyntheticRecipe.make(config)
        #expect(a.table == b.table)
        #expect(a.defaultMissingLabelFractions == ["y_regression": 0.75])
        let prepared = try a.prepare(PreparationOptions(seed: 1))
        let share = 1 - Double(try prepared.train.labels(of: "y_regression").observedCount) / Double(prepared.train.rows.count)
        #expect(abs(share - 0.75) < 0.08)
        #expect(try prepared.train.labels(of: "y_binary").observedCount == prepared.train.rows.count)
        config.seed = 12
        #expect(try SyntheticRecipe.make(config).table != a.table)
    }

    @Test("k ≥ 2 groups with any proportions")
    func threeGroups() throws {
        var config = SyntheticRecipe.Config()
        config.rowCount = 1_000
        config.groups = [
            .init(group: "g1", proportion: 0.2, mean: 0, standardDeviation: 1),
            .init(group: "g2", proportion: 0.5, mean: 1, standardDeviation: 2),
            .init(group: "g3", proportion: 0.3, mean: -1, standardDeviation: 0.5),
        ]
        let dataset = try SyntheticRecipe.make(config)
        #expect(dataset.groups.counts() == [200, 500, 300])
        #expect(try dataset.encoderOnAllRows().featureNames == ["x1", "x2", "x3", "x4", "x5", "group_g1", "group_g2", "group_g3"])
    }

    @Test("invalid configurations are rejected with the parameter named")
    func invalid() {
        var config = SyntheticRecipe.Config()
        config.rowCount = 1
        #expect(fairDataError { _ = try SyntheticRecipe.make(config) }?.description.contains("rowCount = 1") == true)
        config = SyntheticRecipe.Config()
        config.featureNoise = 0
        #expect(fairDataError { _ = try SyntheticRecipe.make(config) }?.description.contains("featureNoise") == true)
        config = SyntheticRecipe.Config()
        config.featureCount = 0
        #expect(fairDataError { _ = try SyntheticRecipe.make(config) }?.description.contains("featureCount") == true)
        config = SyntheticRecipe.Config()
        config.missingLabelFractions = ["nope": 0.5]
        #expect(fairDataError { _ = try SyntheticRecipe.make(config) } == .unknownColumn(name: "nope", available: ["y_regression", "y_binary"]))
        config.missingLabelFractions = ["y_binary": 1.5]
        #expect(fairDataError { _ = try SyntheticRecipe.make(config) } != nil)
    }

    @Test(
        "joint-scores: both scores have the group's law, correlated at the group's ρ",
        arguments: [0, 1, 2] as [UInt64])
    func jointScores(seed: UInt64) throws {
        var config = SyntheticRecipe.Config()
        config.mode = .jointScores
        config.rowCount = 20_000
        config.seed = seed
        config.crossTaskCorrelations = [0.8, -0.3]
        let dataset = try SyntheticRecipe.make(config)
        #expect(dataset.tasks.map(\.name) == ["y1", "y2"])
        #expect(dataset.tasks.map(\.kind) == [.regression, .regression])
        #expect(try SyntheticRecipe.groundTruth(config) == GaussianGroupLaws(laws: config.groups))
        let first = try dataset.table.numeric("score1")
        let second = try dataset.table.numeric("score2")
        for (g, rows) in dataset.groups.rowsByGroup().enumerated() {
            let law = config.groups[g]
            let n = Double(rows.count)
            let a = rows.map { first[$0] }, b = rows.map { second[$0] }
            for values in [a, b] {
                let (mean, sd) = Self.moments(values)
                #expect(abs(mean - law.mean) < 5 * law.standardDeviation / n.squareRoot())
                #expect(abs(sd / law.standardDeviation - 1) < 0.05)
            }
            // Pearson's r has a standard error of (1 − ρ²)/sqrt(n); 5 of them.
            let (ma, sa) = Self.moments(a), (mb, sb) = Self.moments(b)
            let r = zip(a, b).reduce(0) { $0 + ($1.0 - ma) * ($1.1 - mb) } / (n * sa * sb)
            let rho = config.crossTaskCorrelations[g]
            #expect(abs(r - rho) < 5 * (1 - rho * rho) / n.squareRoot(), "group \(g): r \(r)")
        }
        config.crossTaskCorrelations = [0.8]
        #expect(throws: FairDataError.self) { try SyntheticRecipe.make(config) }
        config.crossTaskCorrelations = [0.8, 1.5]
        #expect(throws: FairDataError.self) { try SyntheticRecipe.make(config) }
    }

    static func moments(_ values: [Double]) -> (mean: Double, sd: Double) {
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        return (mean, variance.squareRoot())
    }
}
