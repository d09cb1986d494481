import Testing

@testable import FairCore

/// The repair fitted from quantile summaries, and its KS bound: on the rows summarised, the KS
/// between repaired groups is at most `D + ε_s + ε_s'` (`QuantileSummary`, "Mathematical
/// properties"), checked on summaries whose ranks are off by up to `ε_s n_s`.
@Suite("QuantileSummary")
struct QuantileSummaryTests {
    /// `#{z < v} / n` in a sorted sample: the left limit `F(v⁻)`.
    static func below(_ sorted: [Double], _ v: Double) -> Double {
        Double(sorted.filter { $0 < v }.count) / Double(sorted.count)
    }

    /// Summary rows at `K` levels with the values at 0-based indices `index(k)` of each sample.
    static func rows(
        _ samples: [String: [Double]], levels k: Int, errors: [String: Double],
        index: (String, Int, Int) -> Int
    )
        -> [(group: String, count: Int, level: Double, value: Double, rankError: Double)]
    {
        var rows: [(group: String, count: Int, level: Double, value: Double, rankError: Double)] =
            []
        for (name, sorted) in samples {
            for level in 1...k {
                rows.append(
                    (
                        name, sorted.count, Double(level) / Double(k),
                        sorted[index(name, level, sorted.count)],
                        errors[name] ?? 0
                    ))
            }
        }
        return rows
    }

    @Test(
        "KS after a repair from ε-approximate summaries is at most D + ε_s + ε_s'",
        arguments: 0..<24)
    func ksBound(seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed), purpose: "quantile summary bound")
        let groupCount = 2 + seed % 4
        let ties = seed % 3 == 2
        let pool = RepairTestSupport.pool(&rng, groups: groupCount, sizes: 300...1500, ties: ties)
        var samples: [String: [Double]] = [:]
        for (x, g) in zip(pool.scores, pool.labels) { samples[g, default: []].append(x) }
        for name in samples.keys { samples[name]!.sort() }
        let levels = 20 + seed * 3
        var errors: [String: Double] = [:]
        for name in samples.keys { errors[name] = [0, 0.01, 0.03, 0.08][rng.nextInt(below: 4)] }
        // Exact: the generalized inverse z_(ceil(k n / K)), in integers.
        func exact(_ name: String, _ k: Int, _ n: Int) -> Int {
            max(1, (k * n + levels - 1) / levels) - 1
        }
        // Approximate: each index moved by up to floor(ε n), kept non-decreasing in k.
        var shifted: [String: [Int]] = [:]
        for (name, sorted) in samples {
            let n = sorted.count
            let reach = Int(errors[name]! * Double(n))
            var last = 0
            shifted[name] = (1...levels).map { k in
                let moved = min(
                    n - 1, max(0, exact(name, k, n) + rng.nextInt(below: 2 * reach + 1) - reach))
                last = max(last, moved)
                return last
            }
        }
        let exactSummary = try QuantileSummary(
            rows: Self.rows(samples, levels: levels, errors: [:], index: exact))
        let approximate = try QuantileSummary(
            rows: Self.rows(samples, levels: levels, errors: errors) { name, k, _ in
                shifted[name]![k - 1]
            })
        #expect(approximate.levelCount == levels)
        let groups = GroupColumn(labels: pool.labels)
        let exactRepair = try BarycenterRepair.fit(quantileSummary: exactSummary, taskName: "y")
        let approximateRepair = try BarycenterRepair.fit(
            quantileSummary: approximate, taskName: "y")
        #expect(
            exactRepair.weights
                == samples.keys.sorted().map {
                    Double(samples[$0]!.count) / Double(pool.scores.count)
                })
        let exactOut = try exactRepair.apply(scores: pool.scores, groups: groups).outputs
        let approximateOut = try approximateRepair.apply(scores: pool.scores, groups: groups)
            .outputs
        let names = samples.keys.sorted()
        for i in 0..<names.count {
            for j in (i + 1)..<names.count {
                let (s, t) = (names[i], names[j])
                // The rank errors as the bound defines them: |F(q̂⁻) - F(q⁻)| at the worst level.
                // Without ties they are within the index shifts (the declared errors); with ties
                // a shift inside a tie block can move F(q̂⁻) by the whole block.
                var realised: [String: Double] = [:]
                for name in [s, t] {
                    let sorted = samples[name]!
                    realised[name] = (1...levels).map { k in
                        abs(
                            Self.below(sorted, sorted[shifted[name]![k - 1]])
                                - Self.below(sorted, sorted[exact(name, k, sorted.count)]))
                    }.max()!
                    if !ties { #expect(realised[name]! <= errors[name]!) }
                }
                let d = (1...levels).map { k in
                    abs(
                        Self.below(samples[s]!, samples[s]![exact(s, k, samples[s]!.count)])
                            - Self.below(samples[t]!, samples[t]![exact(t, k, samples[t]!.count)]))
                }.max()!
                func ks(_ out: [Double]) throws -> Double {
                    let a = zip(out, pool.labels).filter { $0.1 == s }.map(\.0)
                    let b = zip(out, pool.labels).filter { $0.1 == t }.map(\.0)
                    return try KolmogorovSmirnov(a, b).statistic
                }
                let exactKS = try ks(exactOut)
                let approximateKS = try ks(approximateOut)
                #expect(exactKS <= d + 1e-12)
                #expect(
                    approximateKS <= d + realised[s]! + realised[t]! + 1e-12,
                    "seed \(seed) \(s) vs \(t): KS \(approximateKS), D \(d), ε \(realised[s]!) + \(realised[t]!)"
                )
                if !ties {
                    #expect(
                        approximateKS <= d + approximate.ksAllowance(between: s, and: t)! + 1e-12)
                }
                if !ties {
                    // Continuous scores: the exact summaries' D is below one row of the larger group's step.
                    #expect(d < max(1 / Double(samples[s]!.count), 1 / Double(samples[t]!.count)))
                    // The exact repair attains D when its K outputs are distinct (every rank is a threshold).
                    let outputs = try exactRepair.stepTable().steps.filter { $0.group == s }
                        .dropFirst().map(\.value)
                    // (Ranks 0 and 1 share the output W(1), so level 1 is no threshold: D over k >= 2.)
                    let attained = (2...levels).map { k in
                        abs(
                            Self.below(samples[s]!, samples[s]![exact(s, k, samples[s]!.count)])
                                - Self.below(
                                    samples[t]!, samples[t]![exact(t, k, samples[t]!.count)]))
                    }.max()!
                    if Set(outputs).count == outputs.count {
                        #expect(abs(exactKS - attained) <= 1e-12)
                    }
                }
            }
        }
    }

    @Test("summary tables with missing levels, decreasing values or unequal K are refused")
    func refusesBadSummaries() throws {
        func rows(_ k: Int, group: String, values: (Int) -> Double)
            -> [(group: String, count: Int, level: Double, value: Double, rankError: Double)]
        {
            (1...k).map { (group, 100, Double($0) / Double(k), values($0), 0) }
        }
        let good = rows(10, group: "a") { Double($0) } + rows(10, group: "b") { Double($0) * 2 }
        #expect(try QuantileSummary(rows: good).levelCount == 10)
        #expect(throws: FairCoreError.self) { try QuantileSummary(rows: Array(good.dropLast())) }
        #expect(throws: FairCoreError.self) {
            try QuantileSummary(
                rows: rows(10, group: "a") { Double(10 - $0) } + rows(10, group: "b") { Double($0) }
            )
        }
        #expect(throws: FairCoreError.self) {
            try QuantileSummary(
                rows: rows(10, group: "a") { Double($0) } + rows(12, group: "b") { Double($0) })
        }
        #expect(throws: FairCoreError.self) {
            try QuantileSummary(rows: rows(10, group: "a") { Double($0) })
        }
        #expect(throws: FairCoreError.self) {
            try QuantileSummary(
                rows: rows(10, group: "a") { Double($0) }
                    + rows(10, group: "b") { $0 == 3 ? .nan : 1 })
        }
    }
}
