import Testing
@testable import FairCore

/// C3 and C16 over 20 seeds and 2-5 Gaussian groups (the structures of
/// `HeldOutParityPropertyTests`): the repair is fitted on a pool and applied to independent test
/// rows of the same sizes, so the pool's shares are the true π exactly. Tolerances come from the
/// statistics:
/// - C3: each group's repaired scores against the fitted barycenter's CDF. The calibration ECDF
///   (N_s points) and the test ECDF (n_s rows) add two independent Kolmogorov errors, so KS over
///   sqrt(1/n_s + 1/N_s) follows the Kolmogorov law (mean 0.87); 4 floors is x ≈ 3.5, a tail
///   below 1e-10 per group.
/// - C16, mean: within a group the repaired score is about m* + (σ*/σ_s)(f - m_s), so the mean of
///   the output minus Σ π_s (test mean of group s) keeps only the group means' errors, scaled by
///   1 - σ*/σ_s: variance Σ π_s² (σ_s - σ*)² (1/N_s + 1/n_s); 5 standard errors.
/// - Gaussian closed form: the output's mean against Σ π_s m_s (variance adds Σ π_s² σ*²/n_s)
///   and its standard deviation against σ* = Σ π_s σ_s (variance σ*²/(2n) + Σ π_s² (σ_s -
///   σ*)²/(2N_s)); 5 standard errors, plus 1% of σ* for the clamping of out-of-range rows and the
///   between-group spread the maps' errors add.
@Suite("The repaired law is the barycenter: properties over seeds and groups")
struct BarycenterLawPropertyTests {
    static let seeds = Array(UInt64(1)...20)

    /// `sup_u |F_n(u) - F(u)|` between a sorted sample's ECDF and a discrete law's CDF: both are
    /// right-continuous steps, so the supremum is attained at a point of either support.
    static func ks(sorted sample: [Double], _ law: DiscreteLaw) -> Double {
        var i = 0, j = 0, cumulative = 0.0, best = 0.0
        while i < sample.count || j < law.count {
            let u = min(
                i < sample.count ? sample[i] : .infinity, j < law.count ? law.values[j] : .infinity)
            while i < sample.count && sample[i] <= u { i += 1 }
            while j < law.count && law.values[j] <= u {
                cumulative += law.masses[j]
                j += 1
            }
            best = max(best, abs(Double(i) / Double(sample.count) - min(1, cumulative)))
        }
        return best
    }

    static func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }

    static func sd(_ x: [Double]) -> Double {
        let m = mean(x)
        return (x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count)).squareRoot()
    }

    @Test(
        "C3: every group's repaired scores follow the fitted barycenter, within 4 floors",
        arguments: seeds)
    func repairedLawIsTheBarycenter(seed: UInt64) throws {
        let r = try HeldOutParityPropertyTests.repaired(seed: seed)
        let law = r.repair.barycenter.law()
        let k = r.model.sizes.count
        var wrongTarget = 0.0
        for s in 0..<k {
            let out = r.labels.indices.filter { r.labels[$0] == s }.map { r.outputs[$0] }.sorted()
            let pool = try r.repair.cdfSample(ofGroup: "g\(s)").count
            let floor = 0.87 * (1 / Double(out.count) + 1 / Double(pool)).squareRoot()
            #expect(Self.ks(sorted: out, law) < 4 * floor, "seed \(seed) group \(s)")
            // The check can fail: the scores before the repair are far from the barycenter.
            let before = r.labels.indices.filter { r.labels[$0] == s }.map { r.test[$0] }.sorted()
            wrongTarget = max(wrongTarget, Self.ks(sorted: before, law) / floor)
        }
        #expect(wrongTarget > 4, "seed \(seed)")
    }

    @Test(
        "C16: the barycenter's quantile is Σ π Q_s; the output's mean is Σ π_s (mean of group s)",
        arguments: seeds)
    func meansAverage(seed: UInt64) throws {
        let r = try HeldOutParityPropertyTests.repaired(seed: seed)
        let m = r.model, k = m.sizes.count
        let n = m.sizes.reduce(0, +)
        let pi = m.sizes.map { Double($0) / Double(n) }
        #expect(zip(pi, r.repair.weights).allSatisfy { abs($0 - $1) < 1e-12 }, "seed \(seed)")
        let center = r.repair.barycenter
        let samples = try (0..<k).map { try r.repair.quantileSample(ofGroup: "g\($0)") }
        for v in stride(from: 0.05, through: 0.95, by: 0.1) {
            let average = try (0..<k).reduce(0.0) { $0 + pi[$1] * (try samples[$1].quantile(v)) }
            let tolerance = 1e-12 * max(1, abs(average))
            #expect(abs(try center.quantile(v) - average) <= tolerance, "seed \(seed)")
        }
        let poolMean = (0..<k).reduce(0.0) { $0 + pi[$1] * samples[$1].mean }
        #expect(abs(center.mean - poolMean) <= 1e-9 * max(1, abs(poolMean)), "seed \(seed)")
        // The output's mean against the π-average of the test groups' means.
        let sigmaStar = zip(pi, m.spreads).reduce(0.0) { $0 + $1.0 * $1.1 }
        let groupMeans = (0..<k).map { s in
            Self.mean(r.labels.indices.filter { r.labels[$0] == s }.map { r.test[$0] })
        }
        let weighted = (0..<k).reduce(0.0) { $0 + pi[$1] * groupMeans[$1] }
        let variance = (0..<k).reduce(0.0) { total, s in
            let gap = m.spreads[s] - sigmaStar
            return total + pi[s] * pi[s] * gap * gap * 2 / Double(m.sizes[s])
        }
        #expect(abs(Self.mean(r.outputs) - weighted) < 5 * variance.squareRoot(), "seed \(seed)")
    }

    @Test(
        "Gaussian closed form: the output is N(Σ π m, (Σ π σ)²) in mean and spread",
        arguments: seeds)
    func gaussianClosedForm(seed: UInt64) throws {
        let r = try HeldOutParityPropertyTests.repaired(seed: seed)
        let m = r.model, k = m.sizes.count
        let n = m.sizes.reduce(0, +)
        let pi = m.sizes.map { Double($0) / Double(n) }
        let meanStar = zip(pi, m.means).reduce(0.0) { $0 + $1.0 * $1.1 }
        let sigmaStar = zip(pi, m.spreads).reduce(0.0) { $0 + $1.0 * $1.1 }
        var meanVariance = 0.0, sdVariance = sigmaStar * sigmaStar / (2 * Double(n))
        for s in 0..<k {
            let gap = m.spreads[s] - sigmaStar, size = Double(m.sizes[s])
            meanVariance += pi[s] * pi[s] * (gap * gap / size + sigmaStar * sigmaStar / size)
            sdVariance += pi[s] * pi[s] * gap * gap / (2 * size)
        }
        let meanTolerance = 5 * meanVariance.squareRoot()
        #expect(abs(Self.mean(r.outputs) - meanStar) < meanTolerance, "seed \(seed)")
        let tolerance = 5 * sdVariance.squareRoot() + 0.01 * sigmaStar
        #expect(abs(Self.sd(r.outputs) - sigmaStar) < tolerance, "seed \(seed)")
    }
}
