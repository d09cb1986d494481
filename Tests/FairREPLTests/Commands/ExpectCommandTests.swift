import Testing
@testable import FairREPL

@Suite("expect and let")
struct ExpectCommandTests {
    @Test("✓ keeps the status a success; ✗ marks an expectation failure with the actual value")
    func marks() {
        let repl = makeInterpreter()
        run(repl, "let ks.after = 0.0234")
        let pass = repl.execute("expect ks.after < 0.05")
        #expect(pass == CommandResult(command: "expect", output: "✓ ks.after < 0.05", passedExpectations: 1))
        let fail = repl.execute("expect ks.after < 0.01")
        #expect(fail.status == .expectationFailed)
        #expect(fail.output == "✗ ks.after < 0.01 (expected < 0.01, got 0.0234)")
        #expect(fail.failedExpectations == 1)
    }

    @Test("errors in the expression are command failures with a column in the line")
    func errors() {
        let repl = makeInterpreter()
        run(repl, "let x = 1", "let ab = 2")
        #expect(repl.execute("expect x <").output == "error: the expression is incomplete; expected a number, a name or '(' (at column 11)")
        #expect(repl.execute("expect ac < 1").output == "error: no result named 'ac'. Did you mean 'ab'?")
        #expect(repl.execute("expect x").output.hasPrefix("error: 'x' is a number, not a condition; compare it"))
        #expect(repl.execute("expect").output == "error: 'expect' needs CONDITION: the condition to check. Usage: expect CONDITION")
        #expect(repl.execute("expect x <= 1").status == .success)
    }

    @Test("let stores a number, reports a replaced value, and checks its name")
    func letCommand() {
        let repl = makeInterpreter()
        #expect(repl.execute("let gap = 0.5 - 0.25").output == "gap = 0.250")
        #expect(repl.execute("let gap = gap * 2").output == "gap = 0.500  (was 0.250)")
        #expect(repl.execute("let a == 1").output == "error: write 'let NAME = EXPRESSION', e.g. 'let x = 1/3'")
        #expect(repl.execute("let 2x = 1").output == "error: '2x' cannot be used as a name: a name starts with a letter or '_'.")
        #expect(repl.execute("let a-b = 1").output.hasPrefix("error: 'a-b' cannot be used as a name: a number's name cannot contain '-'"))
        #expect(repl.execute("let z = 1 +").output == "error: the expression is incomplete; expected a number, a name or '(' (at column 12)")
        #expect(repl.execute("let ok = 1 <= 2").output == "error: '1 <= 2' is a condition (true or false), not a number")
    }

    @Test("a definition may compare inside and still be split at its first lone '='")
    func definitionSign() {
        let text = "x = a <= b"
        let index = CommandSpec.definitionSign(in: text)
        #expect(index.map { text.distance(from: text.startIndex, to: $0) } == 2)
        #expect(CommandSpec.definitionSign(in: "a == b") == nil)
    }
}
