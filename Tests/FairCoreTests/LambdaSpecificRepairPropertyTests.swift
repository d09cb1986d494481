import Testing
@testable import FairCore

/// The multi-task form of Theorem 1 (METHOD.md C9), over 20 seeds and 2-5 groups: at a fixed λ
/// one repair per task, fitted on a pool, brings every task's groups within 4 noise floors on
/// independent test rows; the same repair applied to predictions made at another λ (whose
/// group-wise laws differ) leaves KS far above that. The predictions stand in for a YOTO
/// network's: each task's score at λ is a group-dependent function of a latent variable whose
/// shape moves with λ.
@Suite("Lambda-specific repair: properties over seeds and groups")
struct LambdaSpecificRepairPropertyTests {
    static let seeds = Array(UInt64(1)...20)

    /// Two tasks' scores at task weights λ for rows of `groups` (group index per row).
    static func predictions(_ latent: [Double], groups: [Int], lambda: [Double]) -> [String: [Double]] {
        // The weight of task 0 scales a group-dependent shift; task 1's spread grows with its weight.
        let first = zip(latent, groups).map { z, s in z + lambda[0] * Double(s) }
        let second = zip(latent, groups).map { z, s in (1 + lambda[1] * Double(s)) * z - Double(s) }
        return ["t0": first, "t1": second]
    }

    static func draw(_ rng: inout SeededGenerator, sizes: [Int]) -> (latent: [Double], groups: [Int]) {
        var latent: [Double] = [], groups: [Int] = []
        for (s, n) in sizes.enumerated() {
            for _ in 0..<n {
                latent.append(rng.nextNormal())
                groups.append(s)
            }
        }
        return (latent, groups)
    }

    static func maxKS(_ values: [Double], groups: [Int], k: Int) -> (ks: Double, floor: Double) {
        var byGroup = [[Double]](repeating: [], count: k)
        for (v, s) in zip(values, groups) { byGroup[s].append(v) }
        var ks = 0.0, floor = 0.0
        for a in 0..<k {
            for b in (a + 1)..<k {
                ks = max(ks, RepairTestSupport.ks(byGroup[a], byGroup[b]))
                floor = max(floor, 0.87 * (1 / Double(byGroup[a].count) + 1 / Double(byGroup[b].count)).squareRoot())
            }
        }
        return (ks, floor)
    }

    @Test("refitted at its λ every task is at the floor; applied at another λ it is far above", arguments: seeds)
    func lambdaSpecific(seed: UInt64) throws {
        var rng = SeededGenerator(seed: 7_000 + seed)
        let k = 2 + rng.nextInt(below: 4)
        let sizes = (0..<k).map { _ in 1_000 + rng.nextInt(below: 1_500) }
        let fitted: [Double] = [1, 0.5], other: [Double] = [0.1, 1]
        let pool = Self.draw(&rng, sizes: sizes)
        let test = Self.draw(&rng, sizes: sizes)
        let poolGroups = GroupColumn(labels: pool.groups.map { "g\($0)" })
        let testGroups = GroupColumn(labels: test.groups.map { "g\($0)" })
        let repair = try MultiTaskRepair.fit(
            predictions: Self.predictions(pool.latent, groups: pool.groups, lambda: fitted), groups: poolGroups, lambda: fitted,
            defaultOptions: RepairOptions(jitterHalfWidth: 1e-6, seed: seed))
        let ids = test.latent.indices.map { UInt64($0) + 1 << 40 }
        let fair = try repair.apply(
            predictions: Self.predictions(test.latent, groups: test.groups, lambda: fitted), groups: testGroups, lambda: fitted, rowIDs: ids)
        for task in ["t0", "t1"] {
            let (ks, floor) = Self.maxKS(fair.outputs[task]!, groups: test.groups, k: k)
            #expect(ks < 4 * floor, "seed \(seed) task \(task): KS \(ks), floor \(floor)")
        }
        // The refusal is the default; the per-task maps applied to the other λ's scores measure why.
        #expect(throws: FairCoreError.self) {
            _ = try repair.apply(predictions: Self.predictions(test.latent, groups: test.groups, lambda: other), groups: testGroups, lambda: other)
        }
        let mismatched = Self.predictions(test.latent, groups: test.groups, lambda: other)
        var worst = 0.0, worstFloor = 0.0
        for task in ["t0", "t1"] {
            let outputs = try repair.repair(forTask: task).apply(scores: mismatched[task]!, groups: testGroups, rowIDs: ids).outputs
            let (ks, floor) = Self.maxKS(outputs, groups: test.groups, k: k)
            worst = max(worst, ks)
            worstFloor = max(worstFloor, floor)
        }
        #expect(worst > 4 * worstFloor, "seed \(seed): KS at the other λ \(worst), floor \(worstFloor)")
    }
}
