import FairREPL
import Foundation
import Synchronization

/// Runs lines without a terminal front end (`-f`, `-c`, standard input, `fair reproduce`)
/// and exits with the script status: 0, 1 at the first failure, 130 on Ctrl-C.
struct ScriptMode {
    var interpreter: Interpreter
    var echo = false
    var keepGoing = false

    /// Why the first failed write to standard output failed (a script stops there, exit 1).
    private static let outputFailure = Mutex<String?>(nil)

    func run(source: String, nextLine: () -> String?) -> Never {
        installInterruptHandler()
        var runner = ScriptRunner(
            interpreter: interpreter, options: .init(echo: echo, keepGoing: keepGoing),
            output: { text in
                if let failure = Terminal.printLine(text) {
                    Self.outputFailure.withLock { reason in
                        if reason == nil { reason = String(cString: strerror(failure)) }
                    }
                }
            },
            diagnostic: Terminal.printError)
        runner.outputFailure = { Self.outputFailure.withLock { $0 } }
        let progress = ProgressDisplay(isEnabled: Terminal.canDrawProgress)
        let status = runner.run(
            source: source,
            nextLine: {
                setInterruptState(.idle)
                let line = nextLine()
                setInterruptState(.running)
                return line
            },
            cancellation: interruptToken, progress: progress.sink(for: source))
        progress.finish()
        exit(status.rawValue)
    }
}
