import FairCore
import Foundation
import Synchronization
import Testing
@testable import FairREPL

@Suite("Interpreter")
struct InterpreterTests {
    @Test("blank lines and comments do nothing and are not history")
    func blankAndComments() {
        let repl = makeInterpreter()
        #expect(repl.execute("   ") == CommandResult())
        #expect(repl.execute("# a comment") == CommandResult())
        #expect(repl.history.isEmpty)
    }

    @Test("a successful command reports its name, output and whether the workspace changed")
    func result() {
        let repl = makeInterpreter()
        let stored = repl.execute("let x = 2")
        #expect(stored == CommandResult(command: "let", output: "x = 2", changedWorkspace: true))
        let shown = repl.execute("show results")
        #expect(shown.command == "show" && !shown.changedWorkspace)
        #expect(repl.execute("set seed 9").changedWorkspace, "settings are part of the session state")
    }

    @Test("stateHistory keeps the lines that succeeded and changed the workspace or settings, in order")
    func stateHistory() {
        let repl = makeInterpreter()
        _ = repl.execute("let x = 2")
        _ = repl.execute("show results")
        _ = repl.execute("let y = 1 / 0")
        _ = repl.execute("set seed 9")
        _ = repl.execute("expect x == 3")
        #expect(repl.stateHistory == ["let x = 2", "set seed 9"])
        #expect(repl.history.count == 5)
    }

    @Test("a failed command changes nothing and does not end the session")
    func failureIsHarmless() {
        let repl = makeInterpreter()
        run(repl, "let x = 1")
        let revision = repl.workspace.revision
        let failed = repl.execute("let x = 1 / 0")
        #expect(failed.status == .failure && failed.output.hasPrefix("error: "))
        #expect(repl.workspace.revision == revision)
        #expect(repl.workspace.number(named: "x") == 1)
        #expect(repl.execute("expect x == 1").status == .success)
    }

    @Test("an interrupted command leaves the previous workspace, reports progress and says where it stopped")
    func cancellation() {
        let repl = makeInterpreter(registry: domainRegistry())
        run(repl, "let progress = 0")
        let events = Mutex<[ProgressEvent]>([])
        let result = repl.execute(
            "slow 5", cancellation: CancellationToken(), progress: ProgressSink { event in events.withLock { $0.append(event) } })
        #expect(result.status == .interrupted)
        #expect(result.output == "slow: interrupted at step 2 (workspace unchanged)")
        #expect(repl.workspace.number(named: "progress") == 0)
        #expect(events.withLock { $0 } == [
            ProgressEvent(unit: "step", completed: 1, total: 5), ProgressEvent(unit: "step", completed: 2, total: 5),
        ])
        #expect(events.withLock { $0 }.last?.fraction == 0.4)
    }

    @Test("the never token cannot be cancelled")
    func neverToken() {
        CancellationToken.never.cancel()
        #expect(!CancellationToken.never.isCancelled)
        let token = CancellationToken()
        token.cancel()
        #expect(token.isCancelled)
        token.reset()
        #expect(!token.isCancelled)
    }

    @Test("an uncancelled long command commits its work")
    func longCommandCommits() {
        var registry = domainRegistry()
        registry.register(CommandSpec("count", group: .models, summary: "count") { context in
            for step in 1...3 {
                try context.checkCancellation("at \(step)")
                try context.workspace.store(NumberResult(Double(step)), as: "steps")
            }
        })
        let repl = makeInterpreter(registry: registry)
        #expect(repl.execute("count", cancellation: CancellationToken()).changedWorkspace)
        #expect(repl.workspace.number(named: "steps") == 3)
    }

    @Test("a handler's own error is printed as it describes itself")
    func foreignErrors() {
        struct Oops: Error, CustomStringConvertible { var description: String { "the pool is empty; run 'split' first" } }
        var registry = CommandRegistry.standard()
        registry.register(CommandSpec("boom", group: .models, summary: "fails") { context in
            context.print("partial")
            throw Oops()
        })
        let result = makeInterpreter(registry: registry).execute("boom")
        #expect(result.output == "partial\nerror: the pool is empty; run 'split' first")
        #expect(result.status == .failure)
    }

    @Test("the prompt shows the current values of prompt kinds, and recording")
    func prompt() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let repl = Interpreter(
            registry: domainRegistry(), environment: InterpreterEnvironment(workingDirectory: directory.path, isPinned: false))
        #expect(repl.prompt == "fair> ")
        run(repl, "fake load compas", "let x = 1")
        #expect(repl.prompt == "fair[compas]> ")
        run(repl, "record start t.md")
        #expect(repl.prompt == "fair[compas · rec]> ")
        let pinned = makeInterpreter(registry: domainRegistry())
        run(pinned, "fake load compas")
        #expect(pinned.prompt == "fair> ")
    }

    @Test("the timer adds a time line, except when pinned")
    func timer() {
        let live = Interpreter(environment: InterpreterEnvironment(workingDirectory: "/tmp", isPinned: false))
        run(live, "set timer on")
        let timed = live.execute("let x = 1").output
        #expect(timed.hasPrefix("x = 1\ntime: "))
        #expect(timed.hasSuffix(" ms") || timed.hasSuffix(" s"))
        let pinned = makeInterpreter()
        run(pinned, "set timer on")
        #expect(pinned.execute("let x = 1").output == "x = 1")
    }

    @Test("?CMD is help CMD")
    func questionMark() {
        let repl = makeInterpreter()
        #expect(repl.execute("?let").output == repl.execute("help let").output)
        #expect(repl.execute("?").output == repl.execute("help").output)
    }
}
