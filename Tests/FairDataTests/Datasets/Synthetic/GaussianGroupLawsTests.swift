import FairCore
import Testing
@testable import FairData

@Suite("GaussianGroupLaws")
struct GaussianGroupLawsTests {
    static let toy = try! GaussianGroupLaws(laws: [
        .init(group: "A", proportion: 0.3, mean: -1, standardDeviation: 0.5),
        .init(group: "B", proportion: 0.7, mean: 0.5, standardDeviation: 1.5),
    ])

    @Test("METHOD.md §7.0: m̄ = 0.05, σ̄ = 1.2, Σ π W₂² = 0.6825")
    func toyModel() {
        #expect(abs(Self.toy.barycenterMean - 0.05) < 1e-15)
        #expect(abs(Self.toy.barycenterStandardDeviation - 1.2) < 1e-15)
        #expect(abs(Self.toy.repairRisk - 0.6825) < 1e-12)
    }

    @Test("the fair map sends each group's quantiles to the barycenter's: F_s(f) = Φ((g − m̄)/σ̄)")
    func fairMap() throws {
        for group in ["A", "B"] {
            let law = try Self.toy.law(of: group)
            for z in stride(from: -3.0, through: 3.0, by: 0.5) {
                let score = law.mean + law.standardDeviation * z
                let fair = try Self.toy.fairValue(score, group: group)
                #expect(abs((fair - Self.toy.barycenterMean) / Self.toy.barycenterStandardDeviation - z) < 1e-12)
                #expect(abs(try Self.toy.cdf(score, group: group) - SyntheticRecipe.normalCDF(z)) < 1e-15)
            }
        }
    }

    @Test("the barycenter minimises Σ π W₂² among Gaussian laws (scan of means and SDs)")
    func minimality() {
        func cost(_ m: Double, _ s: Double) -> Double {
            Self.toy.laws.reduce(0) { $0 + $1.proportion * GaussianGroupLaws.w2Squared(mean: $1.mean, sd: $1.standardDeviation, m, s) }
        }
        let best = cost(Self.toy.barycenterMean, Self.toy.barycenterStandardDeviation)
        #expect(abs(best - Self.toy.repairRisk) < 1e-15)
        for dm in stride(from: -0.5, through: 0.5, by: 0.05) {
            for ds in stride(from: -0.5, through: 0.5, by: 0.05) {
                #expect(cost(Self.toy.barycenterMean + dm, Self.toy.barycenterStandardDeviation + ds) >= best - 1e-15)
            }
        }
    }

    @Test("invalid laws are rejected")
    func invalid() {
        let a = GaussianGroupLaws.Law(group: "A", proportion: 0.5, mean: 0, standardDeviation: 1)
        #expect(fairDataError { _ = try GaussianGroupLaws(laws: [a]) } == .invalidParameter(name: "groups", value: "1", allowed: "at least 2 groups"))
        #expect(fairDataError { _ = try GaussianGroupLaws(laws: [a, a]) } != nil)
        let b = GaussianGroupLaws.Law(group: "B", proportion: 0.6, mean: 0, standardDeviation: 1)
        #expect(fairDataError { _ = try GaussianGroupLaws(laws: [a, b]) }?.description.contains("proportions summing to 1") == true)
        let flat = GaussianGroupLaws.Law(group: "B", proportion: 0.5, mean: 0, standardDeviation: 0)
        #expect(fairDataError { _ = try GaussianGroupLaws(laws: [a, flat]) }?.description.contains("positive SD") == true)
        #expect(fairDataError { _ = try Self.toy.fairValue(0, group: "C") } != nil)
    }
}
