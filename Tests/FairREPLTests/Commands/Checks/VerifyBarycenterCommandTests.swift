import FairCore
import Testing
@testable import FairREPL

@Suite("verify barycenter: the repaired law against Σ π Q_s")
struct VerifyBarycenterCommandTests {
    @Test("verify barycenter: each group's repaired law against the fitted barycenter, stored")
    func barycenter() throws {
        let repl = DomainFixtures.session(DomainFixtures.repairedSetup)
        let output = run(repl, "verify barycenter").output
        let repaired = try #require(repl.workspace.value(RepairedValue.self, named: "fair"))
        let repair = try repaired.repair(forTask: "y")
        #expect(repl.workspace.number(named: "barycenter.mean") == repair.barycenter.mean)
        let after = repaired.tasks[0].after
        let mean = after.reduce(0, +) / Double(after.count)
        let stored = try #require(repl.workspace.number(named: "barycenter.after_mean"))
        #expect(abs(stored - mean) < 1e-12)
        let ratio = try #require(repl.workspace.number(named: "barycenter.ratio"))
        #expect(ratio < 4 && ratio > 0)
        #expect(output.contains("Σ π Q") && output.contains("KS→bary"))
        #expect(run(repl, "expect barycenter.ks < 4 * barycenter.floor").passedExpectations == 1)
    }
}
