import FairREPL

/// `fair demo`. The guided tour of the method (train, repair, KS, ranks, CDF plots) needs
/// the training and repair modules; until they are part of `fair`, the demo says so and
/// tours the REPL itself, with real commands and real output.
enum Demo {
    static let commands = [
        "help expect",
        "let third = 1/3",
        "expect approx(3 * third, 1, rel: 1e-12)",
        "let gap = abs(third - 0.3)",
        "expect gap < 0.05 and third > 0",
        "show results",
        "set format csv",
        "show results",
    ]

    static func run(interpreter: Interpreter) -> Int32 {
        Terminal.printLine("""
            FairMTL demo

            The guided tour of the method (a multi-task model, KS between groups, the Wasserstein-barycenter
            repair, ranks, CDF plots) arrives with the training and repair commands. Meanwhile, a short tour
            of the REPL that the lessons are written in:

            """)
        var remaining = commands[...]
        let runner = ScriptRunner(
            interpreter: interpreter, options: .init(echo: true), output: Terminal.printLine, diagnostic: Terminal.printError)
        let status = runner.run(source: "demo", nextLine: { remaining.popFirst() })
        return status.rawValue
    }
}
