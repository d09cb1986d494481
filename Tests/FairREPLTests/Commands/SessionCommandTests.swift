import FairCore
import Synchronization
import Testing
@testable import FairREPL

@Suite("quit and sleep")
struct SessionCommandTests {
    @Test("quit and exit ask the front end to stop")
    func quit() {
        let repl = makeInterpreter()
        #expect(repl.execute("quit").shouldQuit)
        #expect(repl.execute("exit").shouldQuit)
        #expect(repl.execute("quit now").output == "error: 'quit' does not take 'now'. Usage: quit")
    }

    @Test("sleep waits, reports progress, and stops when cancelled")
    func sleep() {
        let repl = makeInterpreter()
        let events = Mutex(0)
        let result = repl.execute("sleep 0.15", progress: ProgressSink { _ in events.withLock { $0 += 1 } })
        #expect(result.output == "slept 0.150 s")
        #expect(events.withLock { $0 } >= 1)
        let token = CancellationToken()
        token.cancel()
        let interrupted = repl.execute("sleep 10", cancellation: token)
        #expect(interrupted.status == .interrupted)
        #expect(interrupted.output.hasPrefix("sleep: interrupted after "))
        #expect(interrupted.output.hasSuffix(" s (workspace unchanged)"))
        #expect(repl.execute("sleep -1").output == "error: SECONDS: '-1' is not allowed; expected a number in [0, 3600].")
    }
}
