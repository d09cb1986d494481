import Testing
@testable import FairCore

/// Why jitter (METHOD.md §7, C10; Assumption 1): scores rounded to a grid have atoms, and the
/// repair maps a whole atom of one group to one value, so the repaired groups keep atoms at
/// different places and KS after stays far above the noise; a jitter u, much smaller than the
/// grid step, breaks the ties and brings every pair within the noise. Over 20 seeds and 2-5
/// groups of unequal sizes, fitted on a pool and judged on independent rows of the same sizes.
/// Tolerance: pool and test noise add (about sqrt(2) floors expected), so 4 floors is
/// x ≈ 2.46 of the Kolmogorov law per pair, a tail of about 1e-5, as in HeldOutParityPropertyTests.
@Suite("Tied scores: properties over seeds and groups")
struct TiedScoresPropertyTests {
    static let seeds = Array(UInt64(1)...20)

    /// 2-5 groups, `round(N(m_s, σ_s²))`: an integer score like a count or a decile.
    static func draw(_ rng: inout SeededGenerator, sizes: [Int]) -> (scores: [Double], groups: GroupColumn) {
        var x: [Double] = [], labels: [String] = []
        for s in sizes.indices {
            for _ in 0..<sizes[s] {
                x.append((0.8 * Double(s) + (1 + 0.4 * Double(s)) * rng.nextNormal()).rounded())
                labels.append("g\(s)")
            }
        }
        return (x, GroupColumn(labels: labels))
    }

    static func floor(_ a: Int, _ b: Int) -> Double { 0.87 * (1 / Double(a) + 1 / Double(b)).squareRoot() }

    /// The largest KS over pairs after the repair, and the largest KS in floors of that pair.
    static func pairwise(_ outputs: [Double], _ groups: GroupColumn, sizes: [Int]) throws -> (ks: Double, floors: Double) {
        let after = try SortedGroups(values: outputs, groups: groups)
        var ks = 0.0, floors = 0.0
        for a in sizes.indices {
            for b in (a + 1)..<sizes.count {
                let d = RepairTestSupport.ks(after.samples[a], after.samples[b])
                ks = max(ks, d)
                floors = max(floors, d / Self.floor(sizes[a], sizes[b]))
            }
        }
        return (ks, floors)
    }

    @Test("C10: with ties and no jitter KS after stays above 4 floors; with u = 0.01 every pair is within 4 floors", arguments: seeds)
    func jitterBreaksTies(seed: UInt64) throws {
        var rng = SeededGenerator(seed: 12_000 + seed)
        let k = 2 + rng.nextInt(below: 4)
        let sizes = (0..<k).map { _ in 800 + rng.nextInt(below: 2_000) }
        let pool = Self.draw(&rng, sizes: sizes)
        let test = Self.draw(&rng, sizes: sizes)
        let ids = test.scores.indices.map { UInt64($0) + 1 << 40 }
        let plain = try BarycenterRepair.fit(scores: pool.scores, groups: pool.groups, taskName: "t",
                                             options: RepairOptions(jitterHalfWidth: 0, seed: seed))
        let jittered = try BarycenterRepair.fit(scores: pool.scores, groups: pool.groups, taskName: "t",
                                                options: RepairOptions(jitterHalfWidth: 0.01, seed: seed))
        let tied = try Self.pairwise(plain.apply(scores: test.scores, groups: test.groups, rowIDs: ids).outputs,
                                     test.groups, sizes: sizes)
        let broken = try Self.pairwise(jittered.apply(scores: test.scores, groups: test.groups, rowIDs: ids).outputs,
                                       test.groups, sizes: sizes)
        #expect(tied.floors > 4, "seed \(seed): without jitter, KS after \(tied.ks)")
        #expect(broken.floors < 4, "seed \(seed): with jitter, KS after \(broken.ks)")
    }
}
