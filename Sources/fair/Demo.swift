import ArgumentParser
import FairREPL

/// `fair demo`: the guided tour of `DemoTour`, each step's narration followed by its
/// commands, echoed as in a lesson. Exits with the status of the commands.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "A short guided tour: the whole method on synthetic data, with narration.")

    @OptionGroup(title: "Display options") var display: DisplayOptions

    func run() throws {
        let interpreter = display.makeInterpreter()
        for step in DemoTour.steps {
            Terminal.printLine(step.wrappedNarration(width: interpreter.settings.width) + "\n")
            guard !step.commands.isEmpty else { continue }
            var remaining = step.commands[...]
            let runner = ScriptRunner(
                interpreter: interpreter, options: .init(echo: true),
                output: { Terminal.printLine($0) },
                diagnostic: Terminal.printError)
            let status = runner.run(source: "demo", nextLine: { remaining.popFirst() })
            guard status == .success else { throw ExitCode(status.rawValue) }
            Terminal.printLine("")
        }
    }
}
