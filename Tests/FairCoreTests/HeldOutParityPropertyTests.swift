import Testing
@testable import FairCore

/// The claims the lessons narrate on one data set, repeated over 20 seeds and 2-5 Gaussian
/// groups of unequal sizes, means and spreads, with the repair fitted on a pool and measured on
/// independent test rows (METHOD.md §7: C1, C4, C7, C11). Tolerances come from the statistics:
/// - C1: pool and test noise add, scaling the null law of KS by about sqrt(1 + n_test/n_pool);
///   with equal sizes 4 noise floors is x ≈ 2.46 of the Kolmogorov law per pair, a tail of about
///   1e-5, and at most 10 pairs.
/// - C4: 4 standard errors of the mean squared change, its variance raised 2.3 times for the
///   error of the map fitted on the pool, plus 1% for the plug-in bias.
/// - C7: at one threshold the DP gap has a standard error of at most 0.5·sqrt(1/n_a + 1/n_b)
///   per sample (test and pool), so 4 floors is about 5 standard errors.
/// - C4 with labels: 4 standard errors of the cross term 2·mean((Y − f)(f − g)).
@Suite("Held-out parity: properties over seeds and groups")
struct HeldOutParityPropertyTests {
    static let seeds = Array(UInt64(1)...20)

    /// A random structure: 2-5 groups, each `N(m_s, σ_s²)` with its own size.
    struct Model {
        var means: [Double] = []
        var spreads: [Double] = []
        var sizes: [Int] = []

        init(_ rng: inout SeededGenerator) {
            let k = 2 + rng.nextInt(below: 4)
            for s in 0..<k {
                // Spreads at least 0.6 apart, so that the laws differ in shape, not only by a shift.
                means.append(3 * rng.nextDouble() - 1.5)
                spreads.append(0.4 + 0.6 * Double(s) + 0.2 * rng.nextDouble())
                sizes.append(800 + rng.nextInt(below: 2_000))
            }
        }

        func draw(_ rng: inout SeededGenerator) -> (scores: [Double], groups: GroupColumn, labels: [Int]) {
            var x: [Double] = [], labels: [Int] = []
            for s in sizes.indices {
                for _ in 0..<sizes[s] {
                    x.append(means[s] + spreads[s] * rng.nextNormal())
                    labels.append(s)
                }
            }
            return (x, GroupColumn(labels: labels.map { "g\($0)" }), labels)
        }
    }

    /// Fits on one sample and applies to another: the test scores, their groups and the outputs.
    static func repaired(seed: UInt64) throws -> (model: Model, repair: BarycenterRepair, test: [Double], groups: GroupColumn, labels: [Int], outputs: [Double]) {
        var rng = SeededGenerator(seed: 9_000 + seed)
        let model = Model(&rng)
        let pool = model.draw(&rng)
        let repair = try BarycenterRepair.fit(scores: pool.scores, groups: pool.groups, taskName: "t",
                                              options: RepairOptions(jitterHalfWidth: 1e-6, seed: seed))
        let test = model.draw(&rng)
        let ids = test.scores.indices.map { UInt64($0) + 1 << 40 }
        let outputs = try repair.apply(scores: test.scores, groups: test.groups, rowIDs: ids).outputs
        return (model, repair, test.scores, test.groups, test.labels, outputs)
    }

    static func floor(_ a: Int, _ b: Int) -> Double { 0.87 * (1 / Double(a) + 1 / Double(b)).squareRoot() }

    @Test("C1: every pair of groups is within 4 noise floors after the repair, far above before", arguments: seeds)
    func strongParity(seed: UInt64) throws {
        let r = try Self.repaired(seed: seed)
        let before = try SortedGroups(values: r.test, groups: r.groups)
        let after = try SortedGroups(values: r.outputs, groups: r.groups)
        let k = r.model.sizes.count
        for a in 0..<k {
            for b in (a + 1)..<k {
                let floor = Self.floor(r.model.sizes[a], r.model.sizes[b])
                #expect(RepairTestSupport.ks(after.samples[a], after.samples[b]) < 4 * floor, "seed \(seed) pair \(a),\(b)")
            }
        }
        // The check can fail: the unrepaired scores are far apart (the groups differ by design).
        #expect(try PairwiseKolmogorovSmirnov(before).statistic > 4 * Self.floor(r.model.sizes.max()!, r.model.sizes.min()!))
    }

    @Test("C7: the DP gap at every threshold is at most KS, near 0 after the repair; a per-group fix at one threshold fails elsewhere", arguments: seeds)
    func everyThreshold(seed: UInt64) throws {
        let r = try Self.repaired(seed: seed)
        let before = try SortedGroups(values: r.test, groups: r.groups)
        let after = try SortedGroups(values: r.outputs, groups: r.groups)
        let ks = try PairwiseKolmogorovSmirnov(after).statistic
        let smallest = r.model.sizes.sorted()
        let floor = Self.floor(smallest[0], smallest[1])
        let sortedOutputs = r.outputs.sorted()
        var largest = 0.0
        for step in 1...19 {
            let tau = sortedOutputs[step * sortedOutputs.count / 20]
            let gap = try DemographicParity.gap(after, threshold: tau).gap
            #expect(gap <= ks + 1e-12)
            largest = max(largest, gap)
        }
        #expect(largest < 4 * floor, "seed \(seed): largest gap \(largest), floor \(floor)")
        // A threshold per group, chosen to equalise the rates at the median of the unrepaired
        // scores, keeps those rates equal there but not at the other thresholds, as the groups'
        // spreads differ.
        let median = r.test.sorted()[r.test.count / 2]
        var shifts: [Double] = []
        let pooledRate = Double(r.test.filter { $0 >= median }.count) / Double(r.test.count)
        for sample in before.samples {
            let keep = Int((pooledRate * Double(sample.count)).rounded())
            shifts.append(sample[sample.count - keep] - median)
        }
        func fixedGap(_ tau: Double) -> Double {
            let rates = zip(before.samples, shifts).map { sample, d in Double(sample.filter { $0 >= tau + d }.count) / Double(sample.count) }
            return rates.max()! - rates.min()!
        }
        #expect(fixedGap(median) <= 2.0 / Double(smallest[0]))
        let sorted = r.test.sorted()
        let elsewhere = [0.1, 0.9].map { fixedGap(sorted[Int($0 * Double(sorted.count))]) }.max()!
        #expect(elsewhere > 4 * floor, "seed \(seed): spreads \(r.model.spreads)")
    }

    @Test("C4: the mean squared change on test rows equals Σ π W2² of the pool within its standard error", arguments: seeds)
    func riskIdentity(seed: UInt64) throws {
        let r = try Self.repaired(seed: seed)
        let identity = try r.repair.riskIdentity(scores: r.test, groups: r.groups, rowIDs: r.test.indices.map { UInt64($0) + 1 << 40 })
        let squares = zip(r.test, r.outputs).map { ($0 - $1) * ($0 - $1) }
        let mean = squares.reduce(0, +) / Double(squares.count)
        let variance = squares.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(squares.count - 1)
        // The test rows' own error, plus the error of the map (fitted on a pool of the same
        // size), which the lessons' 30-seed sweep measures at 1.3 times the test rows' variance.
        let standardError = (2.3 * variance / Double(squares.count)).squareRoot()
        #expect(abs(identity.meanSquaredChange - identity.barycenterCost) < 4 * standardError + 1e-3,
                "seed \(seed): change \(identity.meanSquaredChange), cost \(identity.barycenterCost), se \(standardError)")
        // And against the Gaussian closed form Σ π [(m - m̄)² + (σ - σ̄)²].
        let n = Double(r.model.sizes.reduce(0, +))
        let pi = r.model.sizes.map { Double($0) / n }
        let mBar = zip(pi, r.model.means).reduce(0) { $0 + $1.0 * $1.1 }
        let sBar = zip(pi, r.model.spreads).reduce(0) { $0 + $1.0 * $1.1 }
        let closed = pi.indices.reduce(0.0) { total, s in
            total + pi[s] * ((r.model.means[s] - mBar) * (r.model.means[s] - mBar) + (r.model.spreads[s] - sBar) * (r.model.spreads[s] - sBar))
        }
        #expect(abs(identity.meanSquaredChange - closed) < 4 * standardError + 0.01 * closed + 1e-3, "seed \(seed)")
    }

    @Test("C4 with labels: E(Y - g)² = E(Y - f)² + E(f - g)² when f = E(Y | f, S)", arguments: seeds)
    func labelledIdentity(seed: UInt64) throws {
        let r = try Self.repaired(seed: seed)
        var rng = SeededGenerator(seed: 9_700 + seed)
        // Labels Y = f + 0.5 ξ: f is the regression function, so the cross term has mean 0.
        let labels = r.test.map { $0 + 0.5 * rng.nextNormal() }
        let n = Double(labels.count)
        func mean(_ x: [Double]) -> Double { x.reduce(0, +) / n }
        let after = mean(zip(labels, r.outputs).map { ($0 - $1) * ($0 - $1) })
        let before = mean(zip(labels, r.test).map { ($0 - $1) * ($0 - $1) })
        let change = mean(zip(r.test, r.outputs).map { ($0 - $1) * ($0 - $1) })
        // The two sides differ by 2·mean((Y - f)(f - g)); 4 of its standard errors.
        let cross = zip(zip(labels, r.test), r.outputs).map { ($0.0 - $0.1) * ($0.1 - $1) }
        let m = mean(cross)
        let se = 2 * (cross.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1) / n).squareRoot()
        #expect(abs(after - before - change) < 4 * se, "seed \(seed): se \(se)")
        // It can fail: labels that lean towards the unfair part, Y = f + 0.2 (f - g) + noise,
        // move the cross term by -0.4 E(f - g)², far beyond 4 SE.
        let leaning = zip(labels, zip(r.test, r.outputs)).map { $0 + 0.2 * ($1.0 - $1.1) }
        let afterLeaning = mean(zip(leaning, r.outputs).map { ($0 - $1) * ($0 - $1) })
        let beforeLeaning = mean(zip(leaning, r.test).map { ($0 - $1) * ($0 - $1) })
        #expect(abs(afterLeaning - beforeLeaning - change) > 4 * se, "seed \(seed)")
    }

    @Test("C11: judged on its own calibration rows KS is at most one rank step, far below the floor; on independent rows it is not", arguments: seeds)
    func inSample(seed: UInt64) throws {
        var rng = SeededGenerator(seed: 9_500 + seed)
        let model = Model(&rng)
        let sample = model.draw(&rng)
        let repair = try BarycenterRepair.fit(scores: sample.scores, groups: sample.groups, taskName: "t")
        let own = try repair.apply(scores: sample.scores, groups: sample.groups).outputs
        let after = try SortedGroups(values: own, groups: sample.groups)
        let ks = try PairwiseKolmogorovSmirnov(after).statistic
        let smallest = model.sizes.min()!
        #expect(ks <= 1 / Double(smallest) + 1e-12, "seed \(seed): in-sample KS \(ks)")
        #expect(ks < 0.1 * Self.floor(smallest, model.sizes.max()!))
        // Held out: the same repair on new rows of the same laws is at the floor, not below a fifth of it.
        let fresh = model.draw(&rng)
        let outputs = try repair.apply(scores: fresh.scores, groups: fresh.groups).outputs
        let heldOut = try PairwiseKolmogorovSmirnov(try SortedGroups(values: outputs, groups: fresh.groups)).statistic
        #expect(heldOut > 0.2 * Self.floor(model.sizes.max()!, model.sizes.max()!), "seed \(seed): held-out KS \(heldOut)")
    }
}
