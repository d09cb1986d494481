import FairCore
import Testing
@testable import FairREPL

@Suite("ScriptRunner")
struct ScriptRunnerTests {
    func run(_ lines: [String], echo: Bool = false, keepGoing: Bool = false, cancellation: CancellationToken = .never)
        -> (ScriptRunner.ExitStatus, [String], [String])
    {
        var out: [String] = [], err: [String] = []
        var remaining = lines[...]
        let runner = ScriptRunner(
            interpreter: makeInterpreter(), options: .init(echo: echo, keepGoing: keepGoing),
            output: { out.append($0) }, diagnostic: { err.append($0) })
        let status = runner.run(source: "s.fair", nextLine: { remaining.popFirst() }, cancellation: cancellation)
        return (status, out, err)
    }

    @Test("comments, blank lines and continuations; echo prints the transcript form")
    func basics() {
        let (status, out, err) = run(["# setup", "", "let x = \\", "  1/4", "expect x == 0.25"], echo: true)
        #expect(status == .success)
        #expect(out == ["fair> let x = 1/4", "x = 0.250", "fair> expect x == 0.25", "✓ x == 0.25"])
        #expect(err.isEmpty)
    }

    @Test("stops at the first failure, naming the line; --keep-going runs the rest but still fails")
    func stopping() {
        let (status, out, err) = run(["let x = 1", "expect x > 1", "let y = 2"])
        #expect(status == .failure)
        #expect(out == ["x = 1", "✗ x > 1 (expected > 1, got 1)"])
        #expect(err == ["fair: stopped at s.fair:2 (expectation failed); use --keep-going to run the rest"])
        let (kept, keptOut, keptErr) = run(["nope", "let y = 2"], keepGoing: true)
        #expect(kept == .failure)
        #expect(keptOut == ["y = 2"], "errors go to standard error, not standard output")
        #expect(keptErr == ["error: unknown command 'nope'. Did you mean 'open'? Type 'help' for the list of commands."])
    }

    @Test("quit ends the script; an interruption exits 130")
    func quitAndInterrupt() {
        let (status, out, _) = run(["let x = 1", "quit", "let y = 2"])
        #expect(status == .success && out == ["x = 1"])
        let token = CancellationToken()
        token.cancel()
        let (interrupted, _, err) = run(["let x = 1"], cancellation: token)
        #expect(interrupted == .interrupted && err == ["fair: interrupted at s.fair:0"])
    }

    @Test("-c splits at semicolons outside quotes")
    func splitting() {
        #expect(ScriptSplitter.commands("let x = 1; expect x == 1;; record start 'a;b.md'") == [
            "let x = 1", "expect x == 1", "record start 'a;b.md'",
        ])
        #expect(ScriptSplitter.commands(#"a "x\";y"; b"#) == [#"a "x\";y""#, "b"])
    }
}
