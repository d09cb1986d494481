import Testing
@testable import FairCore

/// Every fast path of `apply` against the definition `BarycenterRepair.referenceApply`, bit for
/// bit: single row, small batch (staged loop), large batch (partitioned, sub-ranges, two workers),
/// two-group view, both conventions, split halves, jitter, ties, ε, out-of-range rows under both
/// policies, output range, and scores near ±1e308.
@Suite("BarycenterRepair: the definition")
struct BarycenterRepairDefinitionTests {
    /// A random repair setting; the pool has `k` groups of random sizes (ties on odd trials).
    static func randomRepair(_ rng: inout SeededGenerator, trial: Int) throws -> (BarycenterRepair, [Double], [String]) {
        let k = 2 + rng.nextInt(below: 4)
        let (x, labels) = RepairTestSupport.pool(&rng, groups: k, sizes: 2...60, ties: trial % 2 == 1)
        let options = RepairOptions(
            jitterHalfWidth: trial % 3 == 0 ? 1e-3 : 0, seed: UInt64(trial),
            convention: trial % 4 < 2 ? .generalizedInverse : .midRankHazen,
            outOfRange: trial % 5 < 2 ? .tailShift : .clamp,
            outputRange: trial % 7 == 0 ? try OutputRange(lower: -1, upper: 1) : nil,
            splitCalibration: trial % 6 == 5, minimumGroupSize: 1)
        let repair = try BarycenterRepair.fit(scores: x, groups: GroupColumn(labels: labels), taskName: "t\(trial % 3)",
                                              options: options)
        return (repair, x, labels)
    }

    /// Rows to apply: pool values (ties), values between them, and values out of range.
    static func rows(_ rng: inout SeededGenerator, pool: [Double], labels: [String], count: Int) -> ([Double], [String]) {
        let names = Array(Set(labels)).sorted()
        var scores: [Double] = [], groups: [String] = []
        for _ in 0..<count {
            let choice = rng.nextInt(below: 4)
            let v: Double
            switch choice {
            case 0: v = pool[rng.nextInt(below: pool.count)]
            case 1: v = -4 + 8 * rng.nextDouble()
            case 2: v = rng.nextNormal() * 10
            default: v = pool[rng.nextInt(below: pool.count)] + (rng.nextDouble() - 0.5) * 1e-3
            }
            scores.append(v)
            groups.append(names[rng.nextInt(below: names.count)])
        }
        return (scores, groups)
    }

    @Test("single row and small batch equal the definition, bit for bit (200 random settings, ε in {0, 0.3, 1})")
    func smallBatches() throws {
        var rng = SeededGenerator(seed: 1300)
        for trial in 0..<200 {
            let (repair, pool, labels) = try Self.randomRepair(&rng, trial: trial)
            let (scores, groups) = Self.rows(&rng, pool: pool, labels: labels, count: 60)
            let ids = scores.indices.map { UInt64($0) * 7 + 3 }
            for epsilon in [0, 0.3, 1] {
                let batch = try repair.apply(scores: scores, groups: GroupColumn(labels: groups), rowIDs: ids, epsilon: epsilon)
                for i in scores.indices {
                    let want = try repair.referenceApply(score: scores[i], group: groups[i], rowID: ids[i], epsilon: epsilon)
                    let single = try repair.apply(score: scores[i], group: groups[i], rowID: ids[i], epsilon: epsilon)
                    #expect(single.bitPattern == want.bitPattern, "trial \(trial) row \(i): single \(single) vs \(want)")
                    #expect(batch.outputs[i].bitPattern == want.bitPattern, "trial \(trial) row \(i): batch \(batch.outputs[i]) vs \(want)")
                }
            }
        }
    }

    @Test("large batches (partitioned, sub-ranges, two workers, two-group view) equal the definition, bit for bit")
    func largeBatches() throws {
        var rng = SeededGenerator(seed: 1301)
        for trial in 0..<12 {
            let (repair, pool, labels) = try Self.randomRepair(&rng, trial: trial)
            // Two groups on even trials: the two-group view of the partitioned loop.
            let n = trial % 2 == 0 ? 70_000 : 40_000
            let (scores, groups) = Self.rows(&rng, pool: pool, labels: labels, count: n)
            let column = GroupColumn(labels: groups)
            let epsilon = trial % 3 == 1 ? 0.25 : 0
            let result = try repair.apply(scores: scores, groups: column, epsilon: epsilon)
            // Sub-ranges of the partitioned loop.
            let codes = column.codes, names = column.names
            var cut = [Double](repeating: .nan, count: n)
            _ = try scores.withUnsafeBufferPointer { (s) throws(FairCoreError) in
                try codes.withUnsafeBufferPointer { (c) throws(FairCoreError) in
                    try RowBatch.with(s, c, nil, firstRowID: 0) { (batch) throws(FairCoreError) in
                        try cut.withUnsafeMutableBufferPointer { (out) throws(FairCoreError) in
                            try repair.apply(batch, names: names, epsilon: epsilon, into: out.baseAddress!, subrangeRows: 9_999)
                        }
                    }
                }
            }
            #expect(cut.map(\.bitPattern) == result.outputs.map(\.bitPattern), "trial \(trial): sub-ranges differ")
            for i in stride(from: trial, to: n, by: 97) {
                let want = try repair.referenceApply(score: scores[i], group: groups[i], rowID: UInt64(i), epsilon: epsilon)
                #expect(result.outputs[i].bitPattern == want.bitPattern, "trial \(trial) row \(i): \(result.outputs[i]) vs \(want)")
            }
        }
    }

    @Test("weightedSum: the left-to-right sum in group order, clamped to the terms' hull; monotone in every term")
    func weightedSum() {
        var rng = SeededGenerator(seed: 1302)
        for _ in 0..<2_000 {
            let k = 2 + rng.nextInt(below: 4)
            let terms = (0..<k).map { _ in rng.nextNormal() }
            var w = (0..<k).map { _ in rng.nextDouble() }
            let total = w.reduce(0, +)
            w = w.map { $0 / total }
            var plain = w[0] * terms[0]
            for b in 1..<k { plain += w[b] * terms[b] }
            let value = BarycenterRepair.weightedSum(terms, weights: w)
            #expect(value == min(max(plain, terms.min()!), terms.max()!))
            // Raising one term never lowers the sum.
            let b = rng.nextInt(below: k)
            var raised = terms
            raised[b] = raised[b].nextUp
            #expect(BarycenterRepair.weightedSum(raised, weights: w) >= value)
            // Equal terms give the term exactly, whatever the weights.
            #expect(BarycenterRepair.weightedSum([Double](repeating: terms[0], count: k), weights: w) == terms[0])
        }
    }

    @Test("pools of opposite sign near ±1e308: finite outputs equal to the definition; -1e308 maps to 0, not 1e308",
          arguments: RepairConvention.allCases)
    func extremeScores(convention: RepairConvention) throws {
        let big = 1e308
        let scores = [-big, -0.5 * big, 0.5 * big, big, big, 0.9 * big, -big, -0.9 * big]
        let labels = ["a", "a", "a", "a", "b", "b", "b", "b"]
        let repair = try BarycenterRepair.fit(scores: [-big, -big, big, big], groups: GroupColumn(labels: ["a", "a", "b", "b"]),
                                              taskName: "t", options: RepairOptions(convention: convention, minimumGroupSize: 1))
        let outputs = try repair.apply(scores: scores, groups: GroupColumn(labels: labels)).outputs
        for i in scores.indices {
            #expect(outputs[i].isFinite)
            let want = try repair.referenceApply(score: scores[i], group: labels[i], rowID: UInt64(i))
            #expect(outputs[i].bitPattern == want.bitPattern, "row \(i): \(outputs[i]) vs \(want)")
        }
        // a's minimum is sent to the mean of the two minima (-1e308 and 1e308).
        #expect(try repair.apply(score: -big, group: "a", rowID: 0) == 0)
        // Monotone within each group, across the whole range.
        let grid = stride(from: -1.0, through: 1.0, by: 0.125).map { $0 * 1.7e308 }
        for group in ["a", "b"] {
            let mapped = try grid.map { try repair.apply(score: $0, group: group, rowID: 0) }
            #expect(zip(mapped, mapped.dropFirst()).allSatisfy { $0 <= $1 })
        }
    }

    @Test("Hazen interpolation across ±1.8e308 stays finite and between its nodes")
    func hazenExtremes() throws {
        let law = try EmpiricalDistribution(sortedValues: [-1.7e308, 1.7e308])
        // Position 1.5: the midpoint of the two nodes (0 exactly), computed in halves.
        #expect(try law.quantile(midRankSum: 2, outOf: 2) == 0)
        let quarter = try law.quantile(midRankSum: 3, outOf: 4)
        #expect(quarter.isFinite && quarter > -1.7e308 && quarter < 1.7e308)
    }

    @Test("a tail-shifted output beyond ±1.8e308 is an error naming the row, in every path")
    func tailShiftOverflow() throws {
        let repair = try BarycenterRepair.fit(scores: [1e308, 1.1e308, -1e308, -0.9e308], groups: GroupColumn(labels: ["a", "a", "b", "b"]),
                                              taskName: "t", options: RepairOptions(outOfRange: .tailShift, minimumGroupSize: 1))
        // Below a's minimum: the low boundary output 0 plus (-0.7e308 - 1e308) is finite;
        #expect(try repair.apply(score: -0.7e308, group: "a", rowID: 0).isFinite)
        // above b's maximum: the high boundary output 0.1e308 plus (1.7e308 + 0.9e308) is not.
        var thrown: FairCoreError? = nil
        do { _ = try repair.apply(score: 1.7e308, group: "b", rowID: 0) } catch { thrown = error }
        #expect(thrown?.description.contains("beyond the largest finite number") == true)
        thrown = nil
        do { _ = try repair.referenceApply(score: 1.7e308, group: "b", rowID: 0) } catch { thrown = error }
        #expect(thrown != nil)
        for n in [10, 40_000] {
            var scores = [Double](repeating: 0.5e308, count: n)
            scores[n - 3] = 1.7e308
            thrown = nil
            do { _ = try repair.apply(scores: scores, groups: GroupColumn(labels: scores.map { _ in "b" })) } catch { thrown = error }
            #expect(thrown?.description.contains("row \(n - 3)") == true, "\(String(describing: thrown))")
        }
    }
}
