import Testing
@testable import FairCore

@Suite("Barycenter")
struct BarycenterTests {
    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

    /// Oracle: expand every sample to the common size L = lcm of the sizes (each order
    /// statistic repeated L / n_s times); then the i-th barycenter atom is Σ w_s x_s[i] and
    /// every quantity is a plain average over i.
    static func expanded(_ samples: [[Double]]) -> [[Double]] {
        let l = samples.map(\.count).reduce(1) { $0 / gcd($0, $1) * $1 }
        return samples.map { s in s.sorted().flatMap { Array(repeating: $0, count: l / s.count) } }
    }

    static func randomCase(_ rng: inout SeededGenerator) -> ([[Double]], [Double]) {
        let k = 2 + rng.nextInt(below: 3)
        let sizes = [1, 2, 3, 4, 5, 6, 8, 10, 12]
        let samples = (0..<k).map { _ in
            (0..<sizes[rng.nextInt(below: sizes.count)]).map { _ in
                rng.nextInt(below: 3) == 0 ? Double(rng.nextInt(below: 3)) : rng.nextNormal()
            }
        }
        var w = (0..<k).map { _ in rng.nextDouble() + 0.01 }
        let total = w.reduce(0, +)
        w = w.map { $0 / total }
        return (samples, w)
    }

    @Test("cost, law and mean equal the expanded-sample oracle")
    func oracle() throws {
        var rng = SeededGenerator(seed: 21)
        for _ in 0..<60 {
            let (samples, w) = Self.randomCase(&rng)
            let b = try Barycenter(try samples.map { try EmpiricalDistribution($0) }, weights: w)
            let e = Self.expanded(samples)
            let l = e[0].count
            let atoms = (0..<l).map { i in (0..<w.count).reduce(0.0) { $0 + w[$1] * e[$1][i] } }
            var cost = 0.0
            for s in 0..<w.count {
                var d2 = 0.0
                for i in 0..<l { d2 += (e[s][i] - atoms[i]) * (e[s][i] - atoms[i]) }
                cost += w[s] * d2 / Double(l)
            }
            #expect(abs(b.cost() - cost) <= 1e-12 * max(1, cost))
            let law = b.law()
            #expect(abs(law.totalMass - 1) < 1e-12)
            #expect(zip(law.values, law.values.dropFirst()).allSatisfy { $0 < $1 })
            #expect(law.masses.allSatisfy { $0 > 0 })
            #expect(abs(law.mean - atoms.reduce(0, +) / Double(l)) < 1e-12)
            #expect(abs(b.mean - law.mean) < 1e-12)
            // The law's CDF at each atom equals the expanded oracle's ECDF.
            for v in law.values {
                let oracleCDF = Double(atoms.filter { $0 <= v + 1e-12 }.count) / Double(l)
                #expect(abs(law.cdf(v) - oracleCDF) < 1e-9)
            }
        }
    }

    @Test("the quantile is the weighted sum of the component quantiles")
    func quantile() throws {
        let a = try EmpiricalDistribution([1, 2, 3, 4]), b = try EmpiricalDistribution([10, 30])
        let bary = try Barycenter([a, b], weights: [0.75, 0.25])
        // v = 0.5: Q_a = z(2) = 2, Q_b = z(1) = 10 -> 0.75 * 2 + 0.25 * 10 = 4.
        #expect(try bary.quantile(0.5) == 4)
        // v = 0.75: Q_a = 3, Q_b = 30 -> 2.25 + 7.5 = 9.75.
        #expect(try bary.quantile(0.75) == 9.75)
        #expect(try bary.quantile(0) == 0.75 * 1 + 0.25 * 10)
    }

    @Test("Gaussian components: barycenter mean Σπm, sd Σπσ, cost Σπ[(m - m̄)² + (σ - σ̄)²]")
    func gaussian() throws {
        var rng = SeededGenerator(seed: 22)
        let m = [-1.0, 0.5, 2.0], sd = [0.5, 1.5, 1.0], pi = [0.3, 0.5, 0.2]
        let sizes = [60_000, 100_000, 40_000]
        let components = try (0..<3).map { s in
            try EmpiricalDistribution((0..<sizes[s]).map { _ in m[s] + sd[s] * rng.nextNormal() })
        }
        let b = try Barycenter(components, weights: pi)
        let mBar = (0..<3).reduce(0.0) { $0 + pi[$1] * m[$1] }
        let sdBar = (0..<3).reduce(0.0) { $0 + pi[$1] * sd[$1] }
        let law = b.law()
        let lawMean = law.mean
        let variance = zip(law.values, law.masses).reduce(0.0) { $0 + $1.1 * ($1.0 - lawMean) * ($1.0 - lawMean) }
        #expect(abs(b.mean - mBar) < 0.02)
        #expect(abs(variance.squareRoot() - sdBar) < 0.02)
        let closedForm = (0..<3).reduce(0.0) { $0 + pi[$1] * ((m[$1] - mBar) * (m[$1] - mBar) + (sd[$1] - sdBar) * (sd[$1] - sdBar)) }
        #expect(abs(b.cost() - closedForm) < 0.02 * closedForm)
    }

    @Test("weights that are negative, not finite, miscounted or not summing to 1 are errors")
    func weightErrors() throws {
        let a = try EmpiricalDistribution([1, 2])
        #expect(throws: FairCoreError.self) { try Barycenter([a, a], weights: [0.5, 0.6]) }
        #expect(throws: FairCoreError.self) { try Barycenter([a, a], weights: [1.5, -0.5]) }
        #expect(throws: FairCoreError.self) { try Barycenter([a, a], weights: [.nan, 1]) }
        #expect(throws: FairCoreError.lengthMismatch(what: "weights (one per group)", expected: 2, actual: 1)) {
            try Barycenter([a, a], weights: [1])
        }
        #expect(throws: FairCoreError.emptyInput(what: "barycenter components")) { try Barycenter([], weights: []) }
        // Within the 1e-9 tolerance is accepted.
        _ = try Barycenter([a, a], weights: [0.5, 0.5 + 1e-10])
        do {
            _ = try Barycenter([a, a], weights: [0.5, 0.6])
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("sum to 1.1"))
            #expect(error.description.contains("summing to 1"))
        }
    }
}
