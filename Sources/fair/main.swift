// `fair`: the FairMTL REPL. Argument parsing and the choice of front end only; everything
// else lives in FairREPL (the interpreter) and the front-end files beside this one.
import FairREPL
import Foundation
import Synchronization

let version = "0.1.0"

// A parent may start us with signals blocked (e.g. from a thread that blocks them all); a
// blocked SIGINT or SIGTERM would never arrive, so start from an empty mask.
var emptyMask = sigset_t()
sigemptyset(&emptyMask)
sigprocmask(SIG_SETMASK, &emptyMask, nil)

let launch: LaunchArguments
do {
    launch = try LaunchArguments.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    Terminal.printError("fair: \(error)\n\n\(LaunchArguments.usage)")
    exit(64)
}

/// An interpreter set up for this terminal and these options.
func makeInterpreter() -> Interpreter {
    var environment = InterpreterEnvironment.current()
    if let directory = launch.dataDirectory { environment.variables["FAIR_DATA_DIR"] = environment.resolve(path: directory) }
    let interpreter = Interpreter(environment: environment)
    interpreter.settings.width = launch.width ?? Terminal.width(environment: environment.variables)
    let braille = Terminal.outputIsTerminal && Terminal.isUTF8(environment: environment.variables)
    interpreter.settings["canvas"] = .text(launch.canvas ?? (braille ? "braille" : "ascii"))
    switch launch.color {
    case .always: interpreter.settings.color = true
    case .never: interpreter.settings.color = false
    case .auto: interpreter.settings.color = Terminal.wantsColor(environment: environment.variables)
    }
    return interpreter
}

/// Why the first failed write to standard output failed (a script stops there, exit 1).
let outputFailure = Mutex<String?>(nil)

/// Runs lines without a terminal front end and exits with the script status.
func runScript(source: String, nextLine: () -> String?) -> Never {
    installInterruptHandler()
    var runner = ScriptRunner(
        interpreter: makeInterpreter(), options: .init(echo: launch.echo, keepGoing: launch.keepGoing),
        output: { text in
            if let failure = Terminal.printLine(text), outputFailure.withLock({ $0 == nil }) {
                outputFailure.withLock { $0 = String(cString: strerror(failure)) }
            }
        },
        diagnostic: Terminal.printError)
    runner.outputFailure = { outputFailure.withLock { $0 } }
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

switch launch.mode {
case .help:
    Terminal.printLine(LaunchArguments.usage)
    exit(0)
case .version:
    Terminal.printLine("fair \(version) (FairMTL)")
    exit(0)
case let .lessons(files, bless, here):
    exit(LessonsCommand.run(files: files, bless: bless, here: here))
case let .sweep(files, seeds, here):
    exit(LessonsCommand.sweep(files: files, seeds: seeds, here: here))
case let .book(bless, out):
    exit(BookCommand.run(bless: bless, out: out))
case let .reproduce(words):
    var line: String? = LaunchArguments.reproduceCommand(words)
    runScript(source: "fair reproduce") {
        defer { line = nil }
        return line
    }
case .demo:
    exit(Demo.run(interpreter: makeInterpreter()))
case let .file(path):
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
        Terminal.printError("fair: cannot read \(path) (missing, unreadable, or not UTF-8)")
        exit(64)
    }
    var lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)[...]
    runScript(source: path) { lines.popFirst().map(String.init) }
case let .commands(text):
    var commands = ScriptSplitter.commands(text)[...]
    runScript(source: "-c") { commands.popFirst() }
case .session:
    if Terminal.inputIsTerminal {
        let environment = ProcessInfo.processInfo.environment
        let session = ReadlineSession(
            interpreter: makeInterpreter(), historyPath: ReadlineSession.historyPath(environment: environment),
            progress: ProgressDisplay(isEnabled: Terminal.canDrawProgress))
        exit(session.run())
    }
    runScript(source: "<stdin>") { readLine(strippingNewline: true) }
}
