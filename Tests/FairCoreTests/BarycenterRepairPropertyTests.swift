import Testing
@testable import FairCore

/// Properties of the barycenter repair over many seeds and random group structures
/// (2-5 groups, unequal sizes, ties): METHOD.md §7 (C2, C13, C14) and PEERS.md §5.
@Suite("BarycenterRepair: properties")
struct BarycenterRepairPropertyTests {
    static let conventions = RepairConvention.allCases

    @Test("Q_s ∘ F_s = id on calibration points (u = 0, ties included)", arguments: conventions)
    func selfMapIsIdentity(convention: RepairConvention) throws {
        var rng = SeededGenerator(seed: 200)
        for trial in 0..<30 {
            let k = 2 + rng.nextInt(below: 4)
            let (x, labels) = RepairTestSupport.pool(&rng, groups: k, sizes: 1...50, ties: trial % 2 == 0)
            let groups = GroupColumn(labels: labels)
            for own in groups.names {
                // All weight on the group itself: the output is its own term Q_s(F_s(y)).
                let weights = Dictionary(uniqueKeysWithValues: groups.names.map { ($0, $0 == own ? 1.0 : 0.0) })
                let repair = try BarycenterRepair.fit(scores: x, groups: groups, taskName: "t", weights: weights,
                                                      options: RepairOptions(convention: convention, minimumGroupSize: 1))
                let mine = x.indices.filter { labels[$0] == own }.map { x[$0] }
                let result = try repair.apply(scores: mine, groups: GroupColumn(labels: mine.map { _ in own }))
                #expect(result.outputs.map(\.bitPattern) == mine.map { ($0 + 0.0).bitPattern })
            }
        }
    }

    @Test("identical groups give the identity map, bit for bit, for any weights", arguments: conventions)
    func identicalGroups(convention: RepairConvention) throws {
        var rng = SeededGenerator(seed: 201)
        for trial in 0..<30 {
            let k = 2 + rng.nextInt(below: 4)
            let n = 1 + rng.nextInt(below: 40)
            let base = (0..<n).map { _ in trial % 2 == 0 ? Double(rng.nextInt(below: 4)) : rng.nextNormal() }
            var x: [Double] = [], labels: [String] = []
            for g in 0..<k {
                // The same multiset in every group, in a different order.
                var copy = base
                for i in stride(from: n - 1, to: 0, by: -1) { copy.swapAt(i, rng.nextInt(below: i + 1)) }
                x += copy
                labels += Array(repeating: "g\(g)", count: n)
            }
            var w = (0..<k).map { _ in rng.nextDouble() + 0.01 }
            let total = w.reduce(0, +)
            w = w.map { $0 / total }
            let groups = GroupColumn(labels: labels)
            let repair = try BarycenterRepair.fit(scores: x, groups: groups, taskName: "t",
                                                  weights: Dictionary(uniqueKeysWithValues: zip(groups.names, w)),
                                                  options: RepairOptions(convention: convention, minimumGroupSize: 1))
            let result = try repair.apply(scores: x, groups: groups)
            #expect(result.outputs.map(\.bitPattern) == x.map { ($0 + 0.0).bitPattern })
        }
    }

    @Test("monotone within each group (u = 0): f_i <= f_j implies g_i <= g_j", arguments: conventions)
    func monotone(convention: RepairConvention) throws {
        var rng = SeededGenerator(seed: 202)
        for trial in 0..<30 {
            let k = 2 + rng.nextInt(below: 4)
            let (x, labels) = RepairTestSupport.pool(&rng, groups: k, sizes: 2...60, ties: trial % 2 == 0)
            let options = RepairOptions(convention: convention, outOfRange: trial % 3 == 0 ? .tailShift : .clamp,
                                        splitCalibration: trial % 4 == 0, minimumGroupSize: 2)
            let groups = GroupColumn(labels: labels)
            let repair = try BarycenterRepair.fit(scores: x, groups: groups, taskName: "t", options: options)
            let eps = trial % 5 == 0 ? 0.3 : 0
            for name in groups.names {
                let queries = ((0..<200).map { _ in -6 + 12 * rng.nextDouble() } + x).sorted()
                let out = try repair.apply(scores: queries, groups: GroupColumn(labels: queries.map { _ in name }), epsilon: eps).outputs
                #expect(zip(out, out.dropFirst()).allSatisfy { $0 <= $1 }, "trial \(trial) group \(name)")
            }
        }
    }

    @Test("with jitter, the map is monotone in the jittered score")
    func monotoneInJitteredScore() throws {
        var rng = SeededGenerator(seed: 203)
        let (x, labels) = RepairTestSupport.pool(&rng, groups: 3, sizes: 50...80, ties: true)
        let repair = try BarycenterRepair.fit(scores: x, groups: GroupColumn(labels: labels), taskName: "jt",
                                              options: RepairOptions(jitterHalfWidth: 0.2, seed: 3))
        let queries = (0..<500).map { _ in -3 + 6 * rng.nextDouble() }
        let ids = queries.indices.map { UInt64($0) }
        let out = try repair.apply(scores: queries, groups: GroupColumn(labels: queries.map { _ in "g1" }), rowIDs: ids).outputs
        let y = queries.indices.map { queries[$0] + KeyedNoise.symmetric(seed: 3, stream: KeyedNoise.stableHash("jt"), key: ids[$0], halfWidth: 0.2) }
        let order = y.indices.sorted { y[$0] < y[$1] }
        #expect(zip(order, order.dropFirst()).allSatisfy { out[$0.0] <= out[$0.1] })
    }

    @Test("batch independence: single row == batch == shuffled batch == large threaded batch, bit for bit")
    func batchIndependence() throws {
        var rng = SeededGenerator(seed: 204)
        for trial in 0..<12 {
            let k = 2 + rng.nextInt(below: 4)
            let (x, labels) = RepairTestSupport.pool(&rng, groups: k, sizes: 10...80, ties: trial % 2 == 0)
            let groups = GroupColumn(labels: labels)
            let options = RepairOptions(jitterHalfWidth: 0.01, seed: UInt64(trial),
                                        convention: trial % 2 == 0 ? .generalizedInverse : .midRankHazen,
                                        outOfRange: trial % 3 == 0 ? .tailShift : .clamp,
                                        splitCalibration: trial % 4 == 1, minimumGroupSize: 5)
            let repair = try BarycenterRepair.fit(scores: x, groups: groups, taskName: "batch", options: options)
            let n = 300
            let scores = (0..<n).map { _ in -3 + 6 * rng.nextDouble() }
            let names = (0..<n).map { _ in groups.names[rng.nextInt(below: k)] }
            let ids = (0..<n).map { _ in rng.next() }
            let eps = trial % 3 == 2 ? 0.25 : 0
            let batch = try repair.apply(scores: scores, groups: GroupColumn(labels: names), rowIDs: ids, epsilon: eps).outputs
            for i in 0..<n {
                let single = try repair.apply(score: scores[i], group: names[i], rowID: ids[i], epsilon: eps)
                #expect(single.bitPattern == batch[i].bitPattern)
            }
            var order = Array(0..<n)
            for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, rng.nextInt(below: i + 1)) }
            let shuffled = try repair.apply(scores: order.map { scores[$0] }, groups: GroupColumn(labels: order.map { names[$0] }),
                                            rowIDs: order.map { ids[$0] }, epsilon: eps).outputs
            #expect(order.indices.allSatisfy { shuffled[$0].bitPattern == batch[order[$0]].bitPattern })
            // Only the rows of one group: the other groups still enter with their fitted weights.
            let onlyFirst = order.filter { names[$0] == groups.names[0] }
            let alone = try repair.apply(scores: onlyFirst.map { scores[$0] }, groups: GroupColumn(labels: onlyFirst.map { names[$0] }),
                                         rowIDs: onlyFirst.map { ids[$0] }, epsilon: eps).outputs
            #expect(onlyFirst.indices.allSatisfy { alone[$0].bitPattern == batch[onlyFirst[$0]].bitPattern })
            // Two calls give the same bits.
            #expect(try repair.apply(scores: scores, groups: GroupColumn(labels: names), rowIDs: ids, epsilon: eps).outputs == batch)
        }
    }

    @Test("a batch large enough to be split over threads equals the row-by-row outputs")
    func threadedBatch() throws {
        var rng = SeededGenerator(seed: 205)
        let (x, labels) = RepairTestSupport.pool(&rng, groups: 3, sizes: 500...2_000, ties: false)
        let groups = GroupColumn(labels: labels)
        let repair = try BarycenterRepair.fit(scores: x, groups: groups, taskName: "threads",
                                              options: RepairOptions(jitterHalfWidth: 1e-3, seed: 1))
        let n = BarycenterRepair.parallelThreshold + 1_001
        let scores = (0..<n).map { _ in -3 + 6 * rng.nextDouble() }
        let names = (0..<n).map { _ in groups.names[rng.nextInt(below: 3)] }
        let batch = try repair.apply(scores: scores, groups: GroupColumn(labels: names))
        var mismatches = 0
        for i in stride(from: 0, to: n, by: 7) where try repair.apply(score: scores[i], group: names[i], rowID: UInt64(i)).bitPattern != batch.outputs[i].bitPattern {
            mismatches += 1
        }
        #expect(mismatches == 0)
        #expect(batch.report.rowCounts.reduce(0, +) == n)
    }

    @Test("large batches (processed in partition order) equal the row-by-row outputs in every configuration", arguments: 0..<6)
    func partitionedBatch(configuration: Int) throws {
        var rng = SeededGenerator(seed: 209 + UInt64(configuration))
        let (x, labels) = RepairTestSupport.pool(&rng, groups: 2 + configuration % 3, sizes: 300...3_000, ties: configuration % 2 == 1)
        let groups = GroupColumn(labels: labels)
        let options = RepairOptions(jitterHalfWidth: configuration % 3 == 0 ? 0 : 0.01, seed: 11,
                                    convention: configuration % 2 == 0 ? .generalizedInverse : .midRankHazen,
                                    outOfRange: configuration % 4 < 2 ? .clamp : .tailShift,
                                    outputRange: configuration == 5 ? try OutputRange(lower: -1, upper: 1) : nil,
                                    splitCalibration: configuration % 3 == 2, minimumGroupSize: 2)
        let repair = try BarycenterRepair.fit(scores: x, groups: groups, taskName: "part", options: options)
        let n = BatchLayout.partitionThreshold + 7_000
        let scores = (0..<n).map { _ in -4 + 8 * rng.nextDouble() }
        let names = (0..<n).map { _ in groups.names[rng.nextInt(below: groups.names.count)] }
        let ids: [UInt64]? = configuration % 2 == 0 ? (0..<n).map { _ in rng.next() } : nil
        let eps = configuration == 4 ? 0.3 : 0
        let batch = try repair.apply(scores: scores, groups: GroupColumn(labels: names), rowIDs: ids, epsilon: eps)
        var mismatches = 0
        for i in stride(from: 0, to: n, by: 11) {
            let single = try repair.apply(score: scores[i], group: names[i], rowID: ids?[i] ?? UInt64(i), epsilon: eps)
            if single.bitPattern != batch.outputs[i].bitPattern { mismatches += 1 }
        }
        #expect(mismatches == 0)
        // The report counts every row once, whatever the processing order.
        #expect(batch.report.rowCounts == groups.names.map { name in names.filter { $0 == name }.count })
        let minimum = try groups.names.map { try repair.cdfSample(ofGroup: $0).minimum }
        let below = groups.names.indices.map { g in
            (0..<n).filter { i in
                let y = scores[i] + KeyedNoise.symmetric(seed: 11, stream: KeyedNoise.stableHash("part"),
                                                         key: ids?[i] ?? UInt64(i), halfWidth: options.jitterHalfWidth)
                return names[i] == groups.names[g] && y < minimum[g]
            }.count
        }
        #expect(batch.report.belowRangeCounts == below)
    }

    @Test("eps = 1 returns the input exactly; eps = 0 the fair output", arguments: conventions)
    func epsilonOne(convention: RepairConvention) throws {
        var rng = SeededGenerator(seed: 206)
        for trial in 0..<15 {
            let (x, labels) = RepairTestSupport.pool(&rng, groups: 2 + rng.nextInt(below: 4), sizes: 2...40, ties: trial % 2 == 0)
            let groups = GroupColumn(labels: labels)
            let options = RepairOptions(jitterHalfWidth: trial % 2 == 0 ? 0 : 0.05, seed: 2, convention: convention,
                                        outOfRange: trial % 3 == 0 ? .tailShift : .clamp, minimumGroupSize: 2)
            let repair = try BarycenterRepair.fit(scores: x, groups: groups, taskName: "e", options: options)
            let queries = x + (0..<50).map { _ in -10 + 20 * rng.nextDouble() }
            let column = GroupColumn(labels: queries.map { _ in groups.names[rng.nextInt(below: groups.names.count)] })
            let original = try repair.apply(scores: queries, groups: column, epsilon: 1).outputs
            #expect(original.map(\.bitPattern) == queries.map(\.bitPattern))
            let fair = try repair.apply(scores: queries, groups: column).outputs
            let mixed = try repair.apply(scores: queries, groups: column, epsilon: 0.5).outputs
            for i in queries.indices {
                #expect(abs(mixed[i] - (fair[i] + queries[i]) / 2) <= 1e-12 * max(1, abs(fair[i]) + abs(queries[i])))
            }
        }
    }

    @Test("the weights sum to 1")
    func weightsSumToOne() throws {
        var rng = SeededGenerator(seed: 207)
        for _ in 0..<40 {
            let (x, labels) = RepairTestSupport.pool(&rng, groups: 2 + rng.nextInt(below: 4), sizes: 1...300, ties: false)
            let repair = try BarycenterRepair.fit(scores: x, groups: GroupColumn(labels: labels), taskName: "w",
                                                  options: RepairOptions(minimumGroupSize: 1))
            #expect(abs(repair.weights.reduce(0, +) - 1) <= 1e-12)
            #expect(repair.weights.allSatisfy { $0 > 0 })
        }
    }

    @Test("scores in [0, 1] stay in [0, 1]: u = 0 under clamp; with jitter through the output range", arguments: conventions)
    func unitIntervalIsKept(convention: RepairConvention) throws {
        var rng = SeededGenerator(seed: 208)
        for trial in 0..<25 {
            let (x, labels) = RepairTestSupport.pool(&rng, groups: 2 + rng.nextInt(below: 4), sizes: 1...60,
                                                     ties: trial % 2 == 0, unit: true)
            let groups = GroupColumn(labels: labels)
            let queries = x + (0..<60).map { _ in rng.nextDouble() } + [0, 1]
            let column = GroupColumn(labels: queries.map { _ in groups.names[rng.nextInt(below: groups.names.count)] })
            let eps = trial % 3 == 0 ? rng.nextDouble() : 0
            let plain = try BarycenterRepair.fit(scores: x, groups: groups, taskName: "u",
                                                 options: RepairOptions(convention: convention, minimumGroupSize: 1))
            #expect(try plain.apply(scores: queries, groups: column, epsilon: eps).outputs.allSatisfy { $0 >= 0 && $0 <= 1 })
            let jittered = try BarycenterRepair.fit(scores: x, groups: groups, taskName: "u",
                                                    options: RepairOptions(jitterHalfWidth: 0.01, convention: convention,
                                                                           outOfRange: .tailShift, outputRange: .unitInterval,
                                                                           minimumGroupSize: 1))
            #expect(try jittered.apply(scores: queries, groups: column, epsilon: eps).outputs.allSatisfy { $0 >= 0 && $0 <= 1 })
        }
    }

    @Test("after repair, held-out groups drawn from the fitted laws are equal in law (KS at the noise floor)")
    func heldOutKS() throws {
        for seed in UInt64(0)..<4 {
            var rng = SeededGenerator(seed: 300 + seed)
            let k = 2 + Int(seed % 3)
            func draw(_ perGroup: Int) -> ([Double], [String]) {
                var x: [Double] = [], g: [String] = []
                for s in 0..<k {
                    for _ in 0..<perGroup + 300 * s {
                        // Different shapes per group: shifted normals, a skewed square.
                        let z = rng.nextNormal()
                        x.append(s % 2 == 0 ? Double(s) + (1 + Double(s)) * z : z * z + Double(s))
                        g.append("s\(s)")
                    }
                }
                return (x, g)
            }
            let (pool, poolGroups) = draw(3_000)
            let repair = try BarycenterRepair.fit(scores: pool, groups: GroupColumn(labels: poolGroups), taskName: "ks",
                                                  options: RepairOptions(jitterHalfWidth: 1e-6, seed: seed))
            let (test, testGroups) = draw(2_000)
            let out = try repair.apply(scores: test, groups: GroupColumn(labels: testGroups),
                                       rowIDs: test.indices.map { UInt64($0) + 1 << 40 }).outputs
            var byGroup: [[Double]] = Array(repeating: [], count: k)
            for i in test.indices { byGroup[Int(testGroups[i].dropFirst())!].append(out[i]) }
            for a in 0..<k {
                for b in (a + 1)..<k {
                    let floor = KolmogorovSmirnov.noiseFloor(n1: byGroup[a].count, n2: byGroup[b].count)
                    #expect(RepairTestSupport.ks(byGroup[a], byGroup[b]) < 3 * floor, "seed \(seed) pair \(a),\(b)")
                }
            }
        }
    }
}
