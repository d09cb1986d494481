import Testing
@testable import FairCore

@Suite("RiskIdentity")
struct RiskIdentityTests {
    @Test("on the pool itself (u = 0, equal group sizes, no ties) both sides agree to rounding")
    func exactOnPool() throws {
        var rng = SeededGenerator(seed: 600)
        for trial in 0..<10 {
            let k = 2 + trial % 3, n = 50 + 10 * trial
            var x: [Double] = [], labels: [String] = []
            for g in 0..<k {
                for _ in 0..<n {
                    x.append(Double(g) + (1 + 0.5 * Double(g)) * rng.nextNormal())
                    labels.append("g\(g)")
                }
            }
            let groups = GroupColumn(labels: labels)
            let repair = try BarycenterRepair.fit(scores: x, groups: groups, taskName: "r", options: RepairOptions(minimumGroupSize: 1))
            let identity = try repair.riskIdentity(scores: x, groups: groups)
            #expect(abs(identity.difference) <= 1e-12 * identity.barycenterCost)
            for g in 0..<k {
                #expect(abs(identity.groupMeanSquaredChange[g] - identity.groupSquaredDistance[g]) <= 1e-12 * max(1, identity.groupSquaredDistance[g]))
            }
            #expect(abs(identity.barycenterCost - repair.barycenter.cost()) <= 1e-15 * max(1, identity.barycenterCost))
        }
    }

    @Test("Gaussian groups: mean (f - g)^2 and the barycenter cost both approach Σπ[(m - m̄)^2 + (σ - σ̄)^2]")
    func gaussian() throws {
        var rng = SeededGenerator(seed: 601)
        let m = [2.0, -1.0, 0.0], sd = [1.0, 0.5, 2.0], pi = [0.5, 0.3, 0.2]
        func draw(_ n: Int) -> ([Double], GroupColumn) {
            var x: [Double] = [], labels: [String] = []
            for _ in 0..<n {
                let u = rng.nextDouble()
                let s = u < pi[0] ? 0 : (u < pi[0] + pi[1] ? 1 : 2)
                x.append(m[s] + sd[s] * rng.nextNormal())
                labels.append("s\(s)")
            }
            return (x, GroupColumn(labels: labels))
        }
        let (pool, poolGroups) = draw(60_000)
        let repair = try BarycenterRepair.fit(scores: pool, groups: poolGroups, taskName: "g",
                                              weights: ["s0": 0.5, "s1": 0.3, "s2": 0.2])
        let (test, testGroups) = draw(60_000)
        let identity = try repair.riskIdentity(scores: test, groups: testGroups, rowIDs: test.indices.map { UInt64($0) + 1 << 32 })
        let mBar = zip(pi, m).reduce(0.0) { $0 + $1.0 * $1.1 }, sdBar = zip(pi, sd).reduce(0.0) { $0 + $1.0 * $1.1 }
        let closed = (0..<3).reduce(0.0) { $0 + pi[$1] * ((m[$1] - mBar) * (m[$1] - mBar) + (sd[$1] - sdBar) * (sd[$1] - sdBar)) }
        #expect(abs(identity.barycenterCost - closed) < 0.03 * closed)
        #expect(abs(identity.meanSquaredChange - closed) < 0.03 * closed)
        // Per group: E[(f - g)^2 | s] = (m_s - m̄)^2 + (σ_s - σ̄)^2.
        for s in 0..<3 {
            let groupClosed = (m[s] - mBar) * (m[s] - mBar) + (sd[s] - sdBar) * (sd[s] - sdBar)
            #expect(abs(identity.groupSquaredDistance[s] - groupClosed) < 0.05 * max(0.1, groupClosed))
        }
    }

    @Test("no rows is an error")
    func empty() throws {
        let repair = try BarycenterRepair.fit(scores: [1, 2], groups: GroupColumn(labels: ["a", "b"]), taskName: "t",
                                              options: RepairOptions(minimumGroupSize: 1))
        #expect(throws: FairCoreError.emptyInput(what: "scores for the risk identity")) {
            try repair.riskIdentity(scores: [], groups: GroupColumn(labels: []))
        }
    }
}
