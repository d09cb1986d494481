import Testing
@testable import FairCore

/// C15: `W_2^2` by its definition (the minimum over every coupling, by exhaustive search) against
/// the quantile integral FairMTL computes everywhere (`Wasserstein`), over 30 seeds and 2-5
/// Gaussian groups with ties, plus reference values from an independent LP solver.
@Suite("CouplingSearch: W2 by the coupling definition")
struct CouplingSearchTests {
    static let seeds = Array(UInt64(1)...30)

    /// Small samples of 2-5 groups of a random structure: each its own mean and spread, 1-7
    /// points (the first two groups of one size, so that every structure has a pair to compare),
    /// rounded to one decimal half of the time so that ties occur.
    static func groupSamples(_ rng: inout SeededGenerator) -> [[Double]] {
        let k = 2 + rng.nextInt(below: 4)
        var sizes = (0..<k).map { _ in 1 + rng.nextInt(below: 7) }
        sizes[1] = sizes[0]
        return (0..<k).map { s in
            let mean = 3 * rng.nextDouble() - 1.5, spread = 0.3 + 0.5 * Double(s)
            let n = sizes[s]
            let rounded = rng.nextInt(below: 2) == 0
            return (0..<n).map { _ in
                let x = mean + spread * rng.nextNormal()
                return rounded ? (x * 10).rounded() / 10 : x
            }
        }
    }

    /// Rows sum to L/n, columns to L/m, and the coupling's cost is the reported minimum.
    static func checkCoupling(
        _ result: CouplingSearch.Result, _ a: [Double], _ b: [Double], _ note: String
    ) {
        let units = result.massUnits
        #expect(result.coupling.allSatisfy { $0.reduce(0, +) == units / a.count }, "\(note)")
        for j in b.indices {
            #expect(result.coupling.reduce(0) { $0 + $1[j] } == units / b.count, "\(note)")
        }
        var cost = 0.0
        for i in a.indices {
            for j in b.indices {
                cost += Double(result.coupling[i][j]) * (a[i] - b[j]) * (a[i] - b[j])
            }
        }
        let scale = max(1e-300, result.squaredCost)
        #expect(abs(cost / Double(units) - result.squaredCost) <= 1e-12 * scale, "\(note)")
    }

    @Test(
        "the minimum over every coupling equals the quantile integral for every pair of 2-5 groups",
        arguments: seeds)
    func quantileIntegralIsTheMinimum(seed: UInt64) throws {
        var rng = SeededGenerator(seed: 15_000 + seed)
        let groups = Self.groupSamples(&rng)
        var compared = 0
        for s in groups.indices {
            for t in groups.indices where t != s {
                let (a, b) = (groups[s], groups[t])
                // Keep the debug-build run short: the larger searches have their own test.
                guard let count = CouplingSearch.arrangementCount(a.count, b.count), count <= 50_000
                else { continue }
                let result = try CouplingSearch.minimumSquaredCost(a, b)
                let quantile = try Wasserstein.w2Squared(a, b)
                let note = "seed \(seed) groups \(s),\(t) sizes \(a.count),\(b.count)"
                // Two sums of at most L = 30 exact terms: equal up to a few ulps.
                let scale = max(quantile, 1e-300)
                #expect(abs(result.squaredCost - quantile) <= 1e-12 * scale, "\(note)")
                #expect(result.arrangements == count, "\(note)")
                Self.checkCoupling(result, a, b, note)
                compared += 1
            }
        }
        #expect(compared >= 2, "seed \(seed): every structure has at least one pair compared")
    }

    @Test("3 against 4 points: all 12!/(4!)^3 = 34,650 arrangements, the staircase coupling")
    func unequalSizes() throws {
        let a = [0.3, -1.2, 2.5], b = [1.0, 0.1, -0.7, 4.2]
        let result = try CouplingSearch.minimumSquaredCost(a, b)
        #expect(result.arrangements == 34_650 && result.massUnits == 12)
        // Rows in the given order (0.3, -1.2, 2.5), columns too (1.0, 0.1, -0.7, 4.2): the
        // monotone staircase, -1.2 sends 3 units to -0.7 and 1 to 0.1, and so on (unique, as
        // the cost is strictly convex and the values distinct).
        #expect(result.coupling == [[2, 2, 0, 0], [0, 1, 3, 0], [1, 0, 0, 3]])
        Self.checkCoupling(result, a, b, "3 vs 4")
    }

    /// Reference values: scipy 1.17.1 `scipy.optimize.linprog(method="highs")` on the transport
    /// LP (cost (a_i - b_j)^2, rows summing to 1/n, columns to 1/m), printed with `repr`.
    @Test(
        "equals an independent LP solver (scipy linprog, HiGHS) on five fixed pairs",
        arguments: [
            ([0.3, -1.2, 2.5], [1.0, 0.1, -0.7, 4.2], 1.2016666666666667),
            ([0, 1, 5], [3, 4, 8], 9.0),
            ([-1.5, 0.25], [0.5, 0.5, 2.0], 3.03125),
            ([2.0, -0.5, 1.0, 1.0, 3.5], [0.0, 4.0, -2.0, 1.5, 1.0], 0.75),
            ([1.7], [0.2, -3.1, 5.0, 0.9, 2.2, -0.4], 6.913333333333333)
        ] as [([Double], [Double], Double)])
    func againstLinearProgramming(a: [Double], b: [Double], reference: Double) throws {
        let result = try CouplingSearch.minimumSquaredCost(a, b)
        #expect(abs(result.squaredCost - reference) <= 1e-9 * reference)
        #expect(abs(try Wasserstein.w2Squared(a, b) - reference) <= 1e-9 * reference)
    }

    @Test("the check can fail: interpolated (type-7) quantiles are not the coupling minimum")
    func interpolatedQuantilesDisagree() throws {
        // Type 7 reads Q(v) by linear interpolation of the order statistics at (i-1)/(n-1); its
        // L2 distance, integrated finely, misses the minimum over couplings.
        let a = [0.0, 1.0, 5.0], b = [3.0, 4.0]
        func type7(_ z: [Double], _ v: Double) -> Double {
            let h = v * Double(z.count - 1), k = Int(h.rounded(.down))
            return k + 1 < z.count ? z[k] + (h - Double(k)) * (z[k + 1] - z[k]) : z[k]
        }
        let steps = 60_000
        var interpolated = 0.0
        for i in 0..<steps {
            let v = (Double(i) + 0.5) / Double(steps)
            let gap = type7(a, v) - type7(b, v)
            interpolated += gap * gap / Double(steps)
        }
        let minimum = try CouplingSearch.minimumSquaredCost(a, b).squaredCost
        #expect(abs(interpolated - minimum) > 0.1)
        #expect(abs(try Wasserstein.w2Squared(a, b) - minimum) <= 1e-12 * minimum)
    }

    @Test("arrangement counts: n! for equal sizes, L!/((L/k)!)^k otherwise, nil beyond the limit")
    func counts() {
        #expect(CouplingSearch.arrangementCount(5, 5) == 120)
        #expect(CouplingSearch.arrangementCount(8, 8) == 40_320)
        #expect(CouplingSearch.arrangementCount(9, 9) == 362_880)
        #expect(CouplingSearch.arrangementCount(3, 4) == 34_650)
        #expect(CouplingSearch.arrangementCount(4, 3) == 34_650)
        #expect(CouplingSearch.arrangementCount(1, 7) == 1)
        #expect(CouplingSearch.arrangementCount(2, 3) == 20)
        #expect(CouplingSearch.arrangementCount(4, 6) == 369_600)  // 12!/(3!)^4
        #expect(CouplingSearch.arrangementCount(10, 10) == nil)  // 3,628,800
        #expect(CouplingSearch.arrangementCount(5, 6) == nil)  // 30!/(6!)^5
        #expect(CouplingSearch.arrangementCount(6_000, 14_000) == nil)
        #expect(CouplingSearch.arrangementCount(0, 3) == nil)
    }

    @Test("bad input: an error naming the sample or the sizes, never a crash")
    func errors() {
        #expect(throws: FairCoreError.emptyInput(what: "first sample")) {
            try CouplingSearch.minimumSquaredCost([], [1])
        }
        let infinite = FairCoreError.nonFiniteValue(what: "second sample", row: 1, value: .infinity)
        #expect(throws: infinite) {
            try CouplingSearch.minimumSquaredCost([0], [1, .infinity])
        }
        do {
            _ = try CouplingSearch.minimumSquaredCost(Array(repeating: 0, count: 10), [1, 2, 3])
            Issue.record("10 against 3 points needs 30!/(10!)^3 arrangements: refused")
        } catch {
            #expect(error.description.contains("sample sizes"))
            #expect(error.description.contains("10 and 3"))
        }
    }
}
