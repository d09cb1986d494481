import Testing
@testable import FairCore

@Suite("BarycenterRepair: worked examples, closed forms, reference")
struct BarycenterRepairTests {
    /// Pool: group A = {1, 2, 3, 4}, group B = {10, 30}; π = (4/6, 2/6) = (2/3, 1/3).
    static func example(_ options: RepairOptions = RepairOptions(minimumGroupSize: 1)) throws -> BarycenterRepair {
        try BarycenterRepair.fit(scores: [3, 10, 1, 4, 30, 2], groups: GroupColumn(labels: ["A", "B", "A", "A", "B", "A"]),
                                 taskName: "example", options: options)
    }

    @Test("hand-worked example, Convention A")
    func handWorkedA() throws {
        let repair = try Self.example()
        #expect(repair.groupNames == ["A", "B"])
        #expect(repair.poolCounts == [4, 2])
        #expect(repair.weights == [4.0 / 6.0, 2.0 / 6.0])
        func out(_ x: Double, _ g: String, _ eps: Double = 0) throws -> Double {
            try repair.apply(score: x, group: g, rowID: 0, epsilon: eps)
        }
        // A, y = 2: r = #{A <= 2} = 2. Own term z_A(2) = 2; B: j = max(1, ceil(2*2/4)) = 1 -> 10.
        //   (2/3)*2 + (1/3)*10 = 14/3.
        #expect(abs(try out(2, "A") - 14.0 / 3.0) < 1e-12)
        // A, y = 2.5 (not a pool value): r = 2 again -> 14/3 (the map is a step function).
        #expect(abs(try out(2.5, "A") - 14.0 / 3.0) < 1e-12)
        // A, y = 3: r = 3 -> own 3; B: j = ceil(6/4) = 2 -> 30. (2/3)*3 + (1/3)*30 = 12.
        #expect(abs(try out(3, "A") - 12) < 1e-12)
        // A, y = 0 (below the range, clamp): r = 0 -> j = 1 everywhere: (2/3)*1 + (1/3)*10 = 4.
        #expect(abs(try out(0, "A") - 4) < 1e-12)
        // A, y = 5 (above, clamp): r = 4 -> own 4, B: j = 2 -> 30: 8/3 + 10 = 38/3.
        #expect(abs(try out(5, "A") - 38.0 / 3.0) < 1e-12)
        // B, y = 10: r = 1 of 2 -> own 10; A: j = ceil(1*4/2) = 2 -> 2: (1/3)*10 + (2/3)*2 = 14/3,
        //   the same output as A's 2: equal ranks meet at the same barycenter point.
        #expect(abs(try out(10, "B") - 14.0 / 3.0) < 1e-12)
        // B, y = 20: r = 1 -> 14/3.  B, y = 30: r = 2 -> own 30, A: j = 4 -> 4: 10 + 8/3 = 38/3.
        #expect(abs(try out(20, "B") - 14.0 / 3.0) < 1e-12)
        #expect(abs(try out(30, "B") - 38.0 / 3.0) < 1e-12)
        // eps = 0.5 on A, y = 3: 0.5 * 12 + 0.5 * 3 = 7.5.
        #expect(abs(try out(3, "A", 0.5) - 7.5) < 1e-12)
    }

    @Test("hand-worked example, tail shift")
    func handWorkedTailShift() throws {
        let repair = try Self.example(RepairOptions(outOfRange: .tailShift, minimumGroupSize: 1))
        // Below A's minimum 1: T(1) + (y - 1). T(1): r = 1 -> own 1, B: j = ceil(2/4) = 1 -> 10:
        //   (2/3) + (10/3) = 4, so y = 0 gives 4 - 1 = 3.
        #expect(abs(try repair.apply(score: 0, group: "A", rowID: 0) - 3) < 1e-12)
        // Above A's maximum 4: T(4) + (y - 4) = 38/3 + 1 = 41/3 for y = 5.
        #expect(abs(try repair.apply(score: 5, group: "A", rowID: 0) - 41.0 / 3.0) < 1e-12)
        // Inside the range nothing changes: y = 3 -> 12.
        #expect(abs(try repair.apply(score: 3, group: "A", rowID: 0) - 12) < 1e-12)
        let batch = try repair.apply(scores: [0, 5, 3, 40], groups: GroupColumn(labels: ["A", "A", "A", "B"]))
        #expect(batch.report.belowRangeCounts == [1, 0])
        #expect(batch.report.aboveRangeCounts == [1, 1])
        #expect(batch.report.rowCounts == [3, 1])
        #expect(batch.report.outOfRangeCount == 3)
    }

    @Test("hand-worked example, Convention B (mid-rank CDF, Hazen quantile)")
    func handWorkedB() throws {
        let repair = try Self.example(RepairOptions(convention: .midRankHazen, minimumGroupSize: 1))
        // A, y = 2: a = #{A < 2} = 1, b = #{A <= 2} = 2, n = 4. Position h = ((a+b) m + n) / (2n).
        //   Own: h = (3*4 + 4)/8 = 2 -> z_A(2) = 2.  B (m = 2): h = (3*2 + 4)/8 = 1.25 ->
        //   10 + 0.25*(30 - 10) = 15.  Output (2/3)*2 + (1/3)*15 = 19/3.
        #expect(abs(try repair.apply(score: 2, group: "A", rowID: 0) - 19.0 / 3.0) < 1e-12)
        // A, y = 2.5: a = b = 2. Own h = 20/8 = 2.5 -> 2.5; B: h = 12/8 = 1.5 -> 20.
        //   (2/3)*2.5 + (1/3)*20 = 25/3.
        #expect(abs(try repair.apply(score: 2.5, group: "A", rowID: 0) - 25.0 / 3.0) < 1e-12)
        // B, y = 10: a = 0, b = 1, n = 2. Own h = (1*2 + 2)/4 = 1 -> 10; A: h = (1*4 + 2)/4 = 1.5
        //   -> 1.5. (1/3)*10 + (2/3)*1.5 = 13/3.
        #expect(abs(try repair.apply(score: 10, group: "B", rowID: 0) - 13.0 / 3.0) < 1e-12)
    }

    @Test("a tie block maps to the top of its block (A) and to its mid-rank (B)")
    func tiesWithoutJitter() throws {
        // A = {1, 2, 2, 2, 5}, B = {0, 10, 20, 30, 40}, equal weights.
        let scores: [Double] = [1, 2, 2, 2, 5, 0, 10, 20, 30, 40]
        let groups = GroupColumn(labels: Array(repeating: "A", count: 5) + Array(repeating: "B", count: 5))
        let a = try BarycenterRepair.fit(scores: scores, groups: groups, taskName: "t",
                                         options: RepairOptions(minimumGroupSize: 1))
        // A: y = 2 has r = 4 -> own z_A(4) = 2, B: z_B(4) = 30 -> 0.5*2 + 0.5*30 = 16.
        #expect(abs(try a.apply(score: 2, group: "A", rowID: 0) - 16) < 1e-12)
        let b = try BarycenterRepair.fit(scores: scores, groups: groups, taskName: "t",
                                         options: RepairOptions(convention: .midRankHazen, minimumGroupSize: 1))
        // B convention: a = 1, b = 4 -> h = (5*5 + 5)/10 = 3 -> own z_A(3) = 2, B: z_B(3) = 20 -> 11.
        #expect(abs(try b.apply(score: 2, group: "A", rowID: 0) - 11) < 1e-12)
        // Convention A without jitter reports the ties as a warning.
        #expect(a.fitReport.tiedCalibrationPoints == [2, 0])
        #expect(a.fitReport.warnings.contains(.tiedCalibrationValues(name: "A", tiedPoints: 2, count: 5)))
        #expect(!b.fitReport.warnings.contains { if case .tiedCalibrationValues = $0 { true } else { false } })
    }

    @Test("Gaussian groups (METHOD §7.0 toy model): map m̄ + σ̄ (f - m_s)/σ_s, barycenter mean, risk identity")
    func gaussianClosedForms() throws {
        var rng = SeededGenerator(seed: 70)
        let m = [-1.0, 0.5], sd = [0.5, 1.5], pi = [0.3, 0.7]
        func draw(_ n: Int) -> ([Double], [String]) {
            var x: [Double] = [], g: [String] = []
            for _ in 0..<n {
                let s = rng.nextDouble() < pi[0] ? 0 : 1
                x.append(m[s] + sd[s] * rng.nextNormal())
                g.append(["a", "b"][s])
            }
            return (x, g)
        }
        let (poolX, poolG) = draw(100_000)
        let repair = try BarycenterRepair.fit(scores: poolX, groups: GroupColumn(labels: poolG), taskName: "toy",
                                              options: RepairOptions(jitterHalfWidth: 1e-3, seed: 5))
        let mBar = 0.05, sdBar = 1.2   // Σπm, Σπσ
        for (s, name) in ["a", "b"].enumerated() {
            for t in [-1.5, -0.5, 0, 0.5, 1.5] {
                let f = m[s] + t * sd[s]
                #expect(abs(try repair.apply(score: f, group: name, rowID: 1) - (mBar + sdBar * t)) < 0.03)
            }
        }
        let (testX, testG) = draw(100_000)
        let groups = GroupColumn(labels: testG)
        let ids = (0..<UInt64(testX.count)).map { $0 + 1_000_000 }
        let outputs = try repair.apply(scores: testX, groups: groups, rowIDs: ids).outputs
        // C16: the mean of the fair outputs is the barycenter mean Σπ m.
        #expect(abs(outputs.reduce(0, +) / Double(outputs.count) - mBar) < 0.02)
        // C4: mean (f - g)^2 next to Σπ[(m_s - m̄)^2 + (σ_s - σ̄)^2] = 0.6825.
        let closedForm = pi[0] * ((m[0] - mBar) * (m[0] - mBar) + (sd[0] - sdBar) * (sd[0] - sdBar))
            + pi[1] * ((m[1] - mBar) * (m[1] - mBar) + (sd[1] - sdBar) * (sd[1] - sdBar))
        #expect(abs(closedForm - 0.6825) < 1e-12)
        let identity = try repair.riskIdentity(scores: testX, groups: groups, rowIDs: ids)
        #expect(abs(identity.meanSquaredChange - closedForm) < 0.03)
        #expect(abs(identity.barycenterCost - closedForm) < 0.03)
        // The repaired groups are equal in law: KS near the noise floor.
        let a = zip(outputs, testG).filter { $0.1 == "a" }.map(\.0), b = zip(outputs, testG).filter { $0.1 == "b" }.map(\.0)
        let floor = KolmogorovSmirnov.noiseFloor(n1: a.count, n2: b.count)
        #expect(RepairTestSupport.ks(a, b) < 3 * floor)
        #expect(RepairTestSupport.ks(zip(testX, testG).filter { $0.1 == "a" }.map(\.0),
                                     zip(testX, testG).filter { $0.1 == "b" }.map(\.0)) > 0.5)
    }

    @Test("outputs equal the brute-force reference for random configurations", arguments: 0..<6)
    func matchesReference(seed: UInt64) throws {
        var rng = SeededGenerator(seed: 100 + seed)
        for trial in 0..<25 {
            let k = 2 + rng.nextInt(below: 4)
            let (x, labels) = RepairTestSupport.pool(&rng, groups: k, sizes: 2...60, ties: trial % 3 == 0)
            let groups = GroupColumn(labels: labels)
            var options = RepairOptions(minimumGroupSize: 1)
            options.convention = rng.nextInt(below: 2) == 0 ? .generalizedInverse : .midRankHazen
            options.outOfRange = rng.nextInt(below: 2) == 0 ? .clamp : .tailShift
            options.splitCalibration = rng.nextInt(below: 3) == 0
            options.jitterHalfWidth = rng.nextInt(below: 2) == 0 ? 0 : 0.01
            options.seed = rng.next()
            if rng.nextInt(below: 4) == 0 { options.outputRange = try OutputRange(lower: -1, upper: 1) }
            var weights: [String: Double]? = nil
            if rng.nextInt(below: 2) == 0 {
                var w = groups.names.map { _ in rng.nextDouble() }
                let total = w.reduce(0, +)
                w = w.map { $0 / total }
                weights = Dictionary(uniqueKeysWithValues: zip(groups.names, w))
            }
            let ids = x.indices.map { UInt64($0) * 7 + 3 }
            let repair = try BarycenterRepair.fit(scores: x, groups: groups, rowIDs: ids, taskName: "task\(trial)",
                                                  weights: weights, options: options)
            // Queries: pool values, values between and beyond, in random groups.
            var queries = x + (0..<40).map { _ in -4 + 8 * rng.nextDouble() }
            queries += [-100, 100]
            for (i, q) in queries.enumerated() {
                let name = groups.names[rng.nextInt(below: k)]
                let eps = rng.nextInt(below: 3) == 0 ? rng.nextDouble() : 0
                let got = try repair.apply(score: q, group: name, rowID: UInt64(i), epsilon: eps)
                let want = try RepairTestSupport.reference(repair, score: q, group: name, rowID: UInt64(i), epsilon: eps)
                #expect(abs(got - want) <= 1e-12 * max(1, abs(want)), "trial \(trial) query \(q) group \(name)")
            }
        }
    }

    @Test("the fitted samples are the sorted jittered pool (the split halves partition it)")
    func fittedSamples() throws {
        var rng = SeededGenerator(seed: 77)
        let (x, labels) = RepairTestSupport.pool(&rng, groups: 3, sizes: 5...40, ties: true)
        let groups = GroupColumn(labels: labels)
        for split in [false, true] {
            let options = RepairOptions(jitterHalfWidth: 0.05, seed: 9, splitCalibration: split, minimumGroupSize: 2)
            let repair = try BarycenterRepair.fit(scores: x, groups: groups, taskName: "t", options: options)
            for name in groups.names {
                let jittered = x.indices.filter { labels[$0] == name }.map {
                    x[$0] + KeyedNoise.symmetric(seed: 9, stream: KeyedNoise.stableHash("t"), key: UInt64($0), halfWidth: 0.05)
                }
                let q = try repair.quantileSample(ofGroup: name).sortedValues
                let c = try repair.cdfSample(ofGroup: name).sortedValues
                if split {
                    let half = jittered.count / 2
                    #expect(c.count == half)
                    #expect(q.count == jittered.count - half)
                    let union: [Double] = (c + q).sorted()
                    #expect(union == jittered.sorted())
                } else {
                    #expect(q == jittered.sorted())
                    #expect(c == q)
                }
            }
        }
    }

    @Test("the calibration split is seeded and independent of the pool's row order")
    func splitDeterminism() throws {
        var rng = SeededGenerator(seed: 78)
        let (x, labels) = RepairTestSupport.pool(&rng, groups: 2, sizes: 30...40, ties: false)
        let ids = x.indices.map { UInt64($0) + 500 }
        let options = RepairOptions(seed: 4, splitCalibration: true, minimumGroupSize: 2)
        let a = try BarycenterRepair.fit(scores: x, groups: GroupColumn(labels: labels), rowIDs: ids, taskName: "t", options: options)
        let order = Array(x.indices.reversed())
        let b = try BarycenterRepair.fit(scores: order.map { x[$0] }, groups: GroupColumn(labels: order.map { labels[$0] }),
                                         rowIDs: order.map { ids[$0] }, taskName: "t", options: options)
        #expect(a == b)
        var other = options
        other.seed = 5
        let c = try BarycenterRepair.fit(scores: x, groups: GroupColumn(labels: labels), rowIDs: ids, taskName: "t", options: other)
        #expect(try a.cdfSample(ofGroup: "g0") != c.cdfSample(ofGroup: "g0"))
    }

    @Test("weights: pool frequencies by default, given weights matched by name")
    func weights() throws {
        let groups = GroupColumn(labels: ["x", "y", "y", "z", "z", "z"])
        let scores: [Double] = [1, 2, 3, 4, 5, 6]
        let byFrequency = try BarycenterRepair.fit(scores: scores, groups: groups, taskName: "t",
                                                   options: RepairOptions(minimumGroupSize: 1))
        let frequencies: [Double] = [1.0 / 6.0, 2.0 / 6.0, 3.0 / 6.0]
        #expect(byFrequency.weights == frequencies)
        let given = try BarycenterRepair.fit(scores: scores, groups: groups, taskName: "t",
                                             weights: ["z": 0.5, "x": 0.25, "y": 0.25], options: RepairOptions(minimumGroupSize: 1))
        #expect(given.weights == [0.25, 0.25, 0.5])
        #expect(try given.weight(ofGroup: "z") == 0.5)
    }

    @Test("batch group names are matched to the fitted groups by name, not by position")
    func groupsByName() throws {
        let repair = try Self.example()
        let reversed = try GroupColumn(codes: [0, 1, 0], names: ["B", "A", "Unused"])
        let result = try repair.apply(scores: [10, 2, 30], groups: reversed)
        #expect(result.outputs[0] == (try repair.apply(score: 10, group: "B", rowID: 0)))
        #expect(result.outputs[1] == (try repair.apply(score: 2, group: "A", rowID: 1)))
        #expect(result.report.rowCounts == [1, 2])
    }

    @Test("fit report warns about small groups")
    func smallGroupWarning() throws {
        let repair = try Self.example(RepairOptions(minimumGroupSize: 1, warningGroupSize: 3))
        #expect(repair.fitReport.warnings == [.smallGroup(name: "B", count: 2, warningSize: 3)])
        #expect(repair.fitReport.poolCounts == [4, 2])
        let message = RepairWarning.smallGroup(name: "B", count: 2, warningSize: 3).description
        #expect(message.contains("\"B\"") && message.contains("larger calibration pool"))
    }

    @Test("output range clips and is counted")
    func outputRange() throws {
        let repair = try Self.example(RepairOptions(outputRange: try OutputRange(lower: 0, upper: 10), minimumGroupSize: 1))
        let result = try repair.apply(scores: [2, 3, 30], groups: GroupColumn(labels: ["A", "A", "B"]))
        #expect(abs(result.outputs[0] - 14.0 / 3.0) < 1e-12)
        #expect(result.outputs[1] == 10 && result.outputs[2] == 10)
        #expect(result.report.clippedCounts == [1, 1])
    }
}
