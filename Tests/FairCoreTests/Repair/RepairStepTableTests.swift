import Testing

@testable import FairCore

/// The step table reproduces the repair bit for bit: the step with the largest edge at or
/// below a score, then `mix` and `clip`, against `referenceApply`, at every edge, between
/// edges, beyond the calibration range, with ties, both conventions and both policies.
@Suite("RepairStepTable")
struct RepairStepTableTests {
    /// The table's output for a score, looked up by bisection as an ASOF join would.
    static func lookup(_ table: RepairStepTable, score x: Double, group: String) -> Double? {
        let steps = table.steps.filter { $0.group == group }
        guard let step = steps.last(where: { $0.edge <= x }) else { return nil }
        return table.clip(table.mix(step.output(at: x), score: x))
    }

    /// Scores that probe every step: each edge, its neighbours one ulp away, midpoints, and
    /// points far outside the range.
    static func probes(_ table: RepairStepTable, group: String) -> [Double] {
        var xs: [Double] = [-1e6, 1e6, -3, 3]
        for step in table.steps
        where step.group == group && step.edge > -Double.greatestFiniteMagnitude {
            xs += [step.edge, step.edge.nextUp, step.edge.nextDown]
            if let upper = step.upperEdge { xs.append(step.edge + (upper - step.edge) / 2) }
        }
        return xs
    }

    @Test("equals referenceApply and apply bit for bit", arguments: 0..<24)
    func equalsReference(seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed), purpose: "step table")
        let groups = 2 + seed % 4
        let ties = seed % 2 == 0
        let pool = RepairTestSupport.pool(&rng, groups: groups, sizes: 12...60, ties: ties)
        var options = RepairOptions(
            convention: seed % 3 == 0 ? .midRankHazen : .generalizedInverse,
            outOfRange: seed % 4 < 2 ? .clamp : .tailShift,
            splitCalibration: seed % 5 == 4, warningGroupSize: 0)
        if seed % 6 == 5 { options.outputRange = try OutputRange(lower: -0.5, upper: 0.8) }
        let repair = try BarycenterRepair.fit(
            scores: pool.scores, groups: GroupColumn(labels: pool.labels), taskName: "y",
            options: options)
        for epsilon in [0, 0.25] {
            let table = try repair.stepTable(epsilon: epsilon)
            for group in repair.groupNames {
                for x in Self.probes(table, group: group) {
                    let expected = try repair.referenceApply(
                        score: x, group: group, rowID: 7, epsilon: epsilon)
                    let fast = try repair.apply(score: x, group: group, rowID: 7, epsilon: epsilon)
                    let got = Self.lookup(table, score: x, group: group)
                    #expect(
                        got?.bitPattern == expected.bitPattern,
                        "x \(x) group \(group) seed \(seed) ε \(epsilon)")
                    #expect(fast.bitPattern == expected.bitPattern)
                }
            }
        }
    }

    @Test("one step per distinct calibration value plus one below the range")
    func stepCount() throws {
        let scores: [Double] = [1, 1, 2, 3, 3, 3, 4, 5, 6, 7] + [0, 2, 2, 4, 4, 6, 8, 8, 9, 9]
        let labels = [String](repeating: "a", count: 10) + [String](repeating: "b", count: 10)
        let repair = try BarycenterRepair.fit(
            scores: scores, groups: GroupColumn(labels: labels), taskName: "y",
            options: RepairOptions(warningGroupSize: 0))
        let table = try repair.stepTable()
        #expect(
            table.steps.filter { $0.group == "a" }.map(\.edge) == [
                -Double.greatestFiniteMagnitude, 1, 2, 3, 4, 5, 6, 7
            ])
        #expect(table.steps.filter { $0.group == "b" }.count == 1 + 6)
        // Convention A: a tie block maps to the top of its block, the same on the edge and after it.
        #expect(table.steps.allSatisfy { $0.atEdge == $0.value && $0.shiftFrom == nil })
        #expect(table.steps.last?.upperEdge == nil)
    }

    @Test("a jittered repair's table is the map without the row's noise")
    func jitterIsStated() throws {
        var rng = SeededGenerator(seed: 3, purpose: "step table jitter")
        let pool = RepairTestSupport.pool(&rng, groups: 3, sizes: 40...80, ties: true)
        let repair = try BarycenterRepair.fit(
            scores: pool.scores, groups: GroupColumn(labels: pool.labels), taskName: "y",
            options: RepairOptions(jitterHalfWidth: 0.01, seed: 5))
        let table = try repair.stepTable()
        #expect(table.jitterHalfWidth == 0.01)
        var agreeing = 0
        var near = 0
        for group in repair.groupNames {
            let edges = table.steps.filter { $0.group == group }.map(\.edge)
            for (i, x) in Self.probes(table, group: group).enumerated() {
                let fair = try repair.apply(score: x, group: group, rowID: UInt64(i))
                let got = try #require(Self.lookup(table, score: x, group: group))
                // Without an edge within u of x, the noise cannot move the row to another step.
                if edges.allSatisfy({ abs($0 - x) >= 0.01 }) {
                    #expect(got == fair)
                    agreeing += 1
                } else {
                    // Otherwise the output is that of a step between x - u and x + u.
                    let low = try #require(Self.lookup(table, score: x - 0.01, group: group))
                    let high = try #require(Self.lookup(table, score: x + 0.01, group: group))
                    #expect(got >= low && got <= high && fair >= low && fair <= high)
                    near += 1
                }
            }
        }
        #expect(agreeing > 0 && near > 0)
    }
}
