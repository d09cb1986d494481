import FairCore
import Testing
@testable import FairREPL

@Suite("verify w2: W2 by quantile functions and by every coupling")
struct VerifyW2CommandTests {
    @Test("verify w2 stores W2 of two groups as FairCore computes it, on the rows asked for")
    func wholeGroups() throws {
        let repl = DomainFixtures.session(DomainFixtures.scoresSetup)
        let output = run(repl, "verify w2 --on all").output
        let predictions = try #require(repl.workspace.value(PredictionsValue.self, named: "scores"))
        let values = predictions.tasks[0].values
        let groups = predictions.groups
        let a = values.indices.filter { groups.label(ofRow: $0) == "A" }.map { values[$0] }
        let b = values.indices.filter { groups.label(ofRow: $0) == "B" }.map { values[$0] }
        #expect(repl.workspace.number(named: "w2.distance") == (try Wasserstein.w2(a, b)))
        #expect(repl.workspace.number(named: "w2.squared") == (try Wasserstein.w2Squared(a, b)))
        #expect(output.contains("on all 3,000 rows of scores (task y)"))
        #expect(repl.workspace.number(named: "w2.brute_force") == nil)
    }

    @Test("--sample and --brute-force: the minimum over couplings equals the quantile integral")
    func bruteForce() throws {
        let repl = DomainFixtures.session(DomainFixtures.scoresSetup)
        let output = run(repl, "verify w2 --sample 3,4 --brute-force").output
        #expect(output.contains("every one of 34,650 arrangements of 12 units of mass 1/12"))
        #expect(output.contains("(1/4, 1/3]") && output.contains("optimal coupling found"))
        let quantile = try #require(repl.workspace.number(named: "w2.squared"))
        let brute = try #require(repl.workspace.number(named: "w2.brute_force"))
        #expect(abs(brute - quantile) <= 1e-12 * quantile)
        #expect(repl.workspace.number(named: "w2.difference") == brute - quantile)
        // The draw is seeded: the same command gives the same samples.
        #expect(run(repl, "verify w2 --sample 3,4 --brute-force").output == output)
    }

    @Test("typed samples: a shift by 3 gives W2 = 3 exactly, by both routes")
    func typedSamples() throws {
        let repl = makeInterpreter()
        run(repl, "verify w2 --values 0,1,5 --versus 3,4,8 --brute-force")
        #expect(repl.workspace.number(named: "w2.distance") == 3)
        #expect(repl.workspace.number(named: "w2.brute_force") == 9)
    }

    @Test(
        "mistakes say what to do",
        arguments: [
            ("verify w2", "needs predictions"),
            ("verify w2 --values 1,2", "add --versus"),
            ("verify w2 --versus 1,2", "add --values"),
            ("verify w2 --values 1,2,3,4,5,6,7,8,9,10 --versus 1,2,3 --brute-force", "10 and 3")
        ])
    func mistakes(line: String, message: String) {
        let result = makeInterpreter().execute(line)
        #expect(result.status != .success)
        let text = result.output + (result.error ?? "")
        #expect(text.contains(message), "\(text)")
    }

    @Test("with predictions: a third group needs --groups; too large a sample is refused")
    func groupMistakes() {
        let repl = DomainFixtures.session(DomainFixtures.scoresSetup)
        let tooMany = repl.execute("verify w2 --sample 3,100000")
        #expect(tooMany.status != .success)
        #expect((tooMany.error ?? tooMany.output).contains("ask for at most"))
        let wrong = repl.execute("verify w2 --groups A,C")
        #expect(wrong.status != .success)
    }
}
