import Foundation
import Testing

@testable import FairCore

/// METHOD.md C8 over 20 seeds and 2-5 groups: a repair per task makes each task's law equal
/// across groups, not the joint law of the two tasks. Each group draws two scores, jointly
/// Gaussian with the group's own means, spreads and correlation ρ_s; each task is repaired
/// separately (fitted on a pool, measured on independent test rows). Tolerances:
/// - marginals: 4 noise floors per pair of groups, as in `HeldOutParityPropertyTests` (pool and
///   test noise together; a tail of about 1e-5 per pair);
/// - Spearman's ρ within a group: standard error at most 1/sqrt(n - 1) (its exact value under
///   independence; smaller when |ρ| > 0), so a difference between two groups has an SE of at
///   most sqrt(1/(n_a - 1) + 1/(n_b - 1)), and 4 of them bound a null gap except with
///   probability about 6e-5 per pair.
@Suite("Marginal versus joint fairness: properties over seeds and groups")
struct JointFairnessPropertyTests {
    static let seeds = Array(UInt64(1)...20)

    /// 2-5 groups; both tasks of group s are `N(m_s, σ_s²)` with correlation `rho[s]`.
    struct Model {
        var means: [Double] = []
        var spreads: [Double] = []
        var sizes: [Int] = []
        var rho: [Double] = []

        /// `sameDependence`: every group has the same ρ (the joint laws then agree after the
        /// repair); otherwise group 0 has ρ = 0.8 and the others ρ in [-0.3, 0.3].
        init(_ rng: inout SeededGenerator, sameDependence: Bool) {
            let k = 2 + rng.nextInt(below: 4)
            let common = 1.3 * rng.nextDouble() - 0.5
            for s in 0..<k {
                means.append(3 * rng.nextDouble() - 1.5)
                spreads.append(0.4 + 0.6 * Double(s) + 0.2 * rng.nextDouble())
                sizes.append(800 + rng.nextInt(below: 2_000))
                rho.append(sameDependence ? common : s == 0 ? 0.8 : 0.6 * rng.nextDouble() - 0.3)
            }
        }

        func draw(_ rng: inout SeededGenerator) -> (
            first: [Double], second: [Double], groups: GroupColumn
        ) {
            var first: [Double] = []
            var second: [Double] = []
            var labels: [String] = []
            for s in sizes.indices {
                for _ in 0..<sizes[s] {
                    let a = rng.nextNormal()
                    let b = rho[s] * a + (1 - rho[s] * rho[s]).squareRoot() * rng.nextNormal()
                    first.append(means[s] + spreads[s] * a)
                    second.append(means[s] + spreads[s] * b)
                    labels.append("g\(s)")
                }
            }
            return (first, second, GroupColumn(labels: labels))
        }
    }

    /// Both tasks repaired separately: test rows before and after, per task.
    struct Outcome {
        var model: Model
        var groups: GroupColumn
        var before: [[Double]]
        var after: [[Double]]
    }

    static func repaired(seed: UInt64, sameDependence: Bool) throws -> Outcome {
        var rng = SeededGenerator(seed: 19_000 + seed + (sameDependence ? 500 : 0))
        let model = Model(&rng, sameDependence: sameDependence)
        let pool = model.draw(&rng)
        let test = model.draw(&rng)
        var after: [[Double]] = []
        for (t, (poolScores, testScores)) in [(pool.first, test.first), (pool.second, test.second)]
            .enumerated()
        {
            let repair = try BarycenterRepair.fit(
                scores: poolScores, groups: pool.groups, taskName: "t\(t)")
            after.append(try repair.apply(scores: testScores, groups: test.groups).outputs)
        }
        return Outcome(
            model: model, groups: test.groups, before: [test.first, test.second], after: after)
    }

    /// Mid-ranks (1-based, ties at their mean rank), by sorting: the reference for Spearman's ρ.
    static func ranks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count, values[order[j + 1]] == values[order[i]] { j += 1 }
            for k in i...j { ranks[order[k]] = Double(i + j) / 2 + 1 }
            i = j + 1
        }
        return ranks
    }

    /// Spearman's ρ per group: the Pearson correlation of the mid-ranks within the group.
    static func spearman(_ a: [Double], _ b: [Double], groups: GroupColumn) -> [Double] {
        groups.rowsByGroup().map { rows in
            let ra = ranks(rows.map { a[$0] })
            let rb = ranks(rows.map { b[$0] })
            let n = Double(rows.count)
            let mean = (n + 1) / 2
            var sab = 0.0
            var saa = 0.0
            var sbb = 0.0
            for i in ra.indices {
                sab += (ra[i] - mean) * (rb[i] - mean)
                saa += (ra[i] - mean) * (ra[i] - mean)
                sbb += (rb[i] - mean) * (rb[i] - mean)
            }
            return sab / (saa * sbb).squareRoot()
        }
    }

    static func floor(_ a: Int, _ b: Int) -> Double {
        0.87 * (1 / Double(a) + 1 / Double(b)).squareRoot()
    }

    static func spearmanError(_ a: Int, _ b: Int) -> Double {
        (1 / Double(a - 1) + 1 / Double(b - 1)).squareRoot()
    }

    @Test(
        "C8: each task fair after the repair, the groups' Spearman ρ still > 4 SE apart",
        arguments: seeds)
    func jointGapRemains(seed: UInt64) throws {
        let r = try Self.repaired(seed: seed, sameDependence: false)
        let sizes = r.model.sizes
        for task in 0..<2 {
            let after = try SortedGroups(values: r.after[task], groups: r.groups)
            for a in sizes.indices {
                for b in sizes.indices where b > a {
                    let ks = RepairTestSupport.ks(after.samples[a], after.samples[b])
                    #expect(
                        ks < 4 * Self.floor(sizes[a], sizes[b]),
                        "seed \(seed) task \(task) pair \(a),\(b)")
                }
            }
        }
        let before = Self.spearman(r.before[0], r.before[1], groups: r.groups)
        let after = Self.spearman(r.after[0], r.after[1], groups: r.groups)
        for s in sizes.indices {
            // Within a group the repair is non-decreasing in each task: ρ moves only through
            // the ties its steps create between neighbouring rows (measured up to 2e-4).
            #expect(abs(after[s] - before[s]) < 1e-3, "seed \(seed) group \(s)")
            // And it is the population value (6/π) asin(ρ/2) of the Gaussian copula.
            let population = 6 / Double.pi * asin(r.model.rho[s] / 2)
            #expect(
                abs(after[s] - population) < 4 / Double(sizes[s] - 1).squareRoot(),
                "seed \(seed) group \(s)")
        }
        // Group 0 (ρ = 0.8) against the least dependent group: a gap of at least 0.5.
        let low = sizes.indices.dropFirst().min { after[$0] < after[$1] }!
        let gap = after[0] - after[low]
        #expect(gap > 4 * Self.spearmanError(sizes[0], sizes[low]), "seed \(seed): gap \(gap)")
    }

    @Test(
        "C8, the control: with the same dependence in every group no Spearman gap exceeds 4 SE",
        arguments: seeds)
    func noGapWithoutCause(seed: UInt64) throws {
        let r = try Self.repaired(seed: seed, sameDependence: true)
        let sizes = r.model.sizes
        let after = Self.spearman(r.after[0], r.after[1], groups: r.groups)
        for a in sizes.indices {
            for b in sizes.indices where b > a {
                #expect(
                    abs(after[a] - after[b]) < 4 * Self.spearmanError(sizes[a], sizes[b]),
                    "seed \(seed) pair \(a),\(b): ρ \(after[a]) vs \(after[b])")
            }
        }
    }
}
