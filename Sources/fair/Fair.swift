// `fair`: the FairMTL REPL. The command line (swift-argument-parser) and the choice of front
// end only; everything else lives in FairREPL (the interpreter) and the files beside this one.
import ArgumentParser
import FairREPL
import Foundation

/// The root command: an interactive session on a terminal, otherwise commands from `-f FILE`,
/// `-c "CMD; CMD"` or standard input; the subcommands run lessons, the Book, the paper's
/// experiments and the demo. Usage errors exit 64 (`EX_USAGE`), as argument-parser does.
@main
struct Fair: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fair",
        abstract: "FairMTL: fair multi-task learning via Wasserstein barycenters, as a REPL.",
        usage: """
            fair [<options>]
            fair [<options>] -f <file>
            fair [<options>] -c "<cmd>; <cmd>"
            fair <subcommand>
            """,
        discussion: """
            Without -f or -c: an interactive session when standard input is a terminal, \
            otherwise the commands read from standard input.
            Type 'help' in the REPL for its commands and 'help CMD' for one of them.
            Exit status: 0 success, 1 a command or expectation failed, 64 usage error, \
            130 interrupted.
            """,
        version: "fair \(FairVersion.current) (FairMTL)",
        subcommands: [
            LessonsCommand.self, RunCommand.self, BookCommand.self, ReproduceCommand.self,
            DemoCommand.self
        ])

    @OptionGroup(title: "Script options") var script: ScriptOptions
    @OptionGroup(title: "Display options") var display: DisplayOptions

    func validate() throws {
        if script.file != nil && script.commands != nil {
            throw ValidationError("give only one of -f and -c")
        }
    }

    func run() throws {
        let interpreter = display.makeInterpreter()
        let mode = ScriptMode(
            interpreter: interpreter, echo: script.echo, keepGoing: script.keepGoing)
        if let path = script.file {
            guard let data = FileManager.default.contents(atPath: path),
                let text = String(data: data, encoding: .utf8)
            else {
                Terminal.printError("fair: cannot read \(path) (missing, unreadable, or not UTF-8)")
                throw ExitCode(64)
            }
            var lines = text.replacingOccurrences(of: "\r\n", with: "\n")
                .split(separator: "\n", omittingEmptySubsequences: false)[...]
            mode.run(source: path) { lines.popFirst().map(String.init) }
        }
        if let text = script.commands {
            var commands = ScriptSplitter.commands(text)[...]
            mode.run(source: "-c") { commands.popFirst() }
        }
        if Terminal.inputIsTerminal {
            let environment = ProcessInfo.processInfo.environment
            let session = ReadlineSession(
                interpreter: interpreter,
                historyPath: ReadlineSession.historyPath(environment: environment),
                progress: ProgressDisplay(isEnabled: Terminal.canDrawProgress))
            throw ExitCode(session.run())
        }
        mode.run(source: "<stdin>") { readLine(strippingNewline: true) }
    }

    /// Starts from an empty signal mask, then parses and runs as argument-parser does.
    static func main() {
        // A parent may start us with signals blocked (e.g. from a thread that blocks them
        // all); a blocked SIGINT or SIGTERM would never arrive, so start from an empty mask.
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        sigprocmask(SIG_SETMASK, &emptyMask, nil)
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let error = unexpectedWord(arguments) { exit(withError: error) }
        main(arguments)
    }

    /// A first word that is neither an option nor a subcommand, said with what was likely
    /// meant: a misspelt subcommand, or a script given without -f.
    static func unexpectedWord(_ arguments: [String]) -> ValidationError? {
        guard let word = arguments.first, !word.hasPrefix("-") else { return nil }
        let names = ["help"] + configuration.subcommands.compactMap { $0.configuration.commandName }
        guard !names.contains(word) else { return nil }
        let hint = CommandError.didYouMean(EditDistance.suggestions(for: word, among: names))
        return ValidationError(
            "unexpected argument '\(word)'.\(hint) To run a script, use -f FILE.")
    }
}

/// The version `fair --version` prints.
enum FairVersion {
    static let current = "0.1.0"
}
