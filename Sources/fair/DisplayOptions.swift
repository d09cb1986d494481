import ArgumentParser
import FairREPL

/// How plots and tables are drawn, and where datasets are found: for sessions, scripts and
/// the demo alike.
struct DisplayOptions: ParsableArguments {
    /// The plot canvas: plain characters, or Braille dots (2×4 per cell) on a UTF-8 terminal.
    enum Canvas: String, CaseIterable, ExpressibleByArgument {
        case ascii, braille
    }

    /// When plots use colour; `auto` asks the terminal and `NO_COLOR`.
    enum ColorChoice: String, CaseIterable, ExpressibleByArgument {
        case auto, always, never
    }

    /// The widths a plot or table can be drawn at.
    static let widths = 24...400

    @Option(help: "Plot and table width, 24 to 400 (default: the terminal's, else 80).")
    var width: Int?

    @Option(help: "The plot canvas (default: braille on a UTF-8 terminal, else ascii).")
    var canvas: Canvas?

    @Option(help: "When plots use colour.")
    var color: ColorChoice = .auto

    @Option(
        help: ArgumentHelp("Where datasets are found (default: $FAIR_DATA_DIR).", valueName: "dir"),
        completion: .directory)
    var dataDir: String?

    func validate() throws {
        if let width, !Self.widths.contains(width) {
            throw ValidationError(
                "--width: '\(width)' is not allowed; expected an integer between 24 and 400")
        }
    }

    /// An interpreter set up for this terminal and these options.
    func makeInterpreter() -> Interpreter {
        var environment = InterpreterEnvironment.current()
        if let dataDir {
            environment.variables["FAIR_DATA_DIR"] = environment.resolve(path: dataDir)
        }
        let interpreter = Interpreter(environment: environment)
        interpreter.settings.width = width ?? Terminal.width(environment: environment.variables)
        let braille =
            Terminal.outputIsTerminal && Terminal.isUTF8(environment: environment.variables)
        interpreter.settings["canvas"] = .text((canvas ?? (braille ? .braille : .ascii)).rawValue)
        switch color {
        case .always: interpreter.settings.color = true
        case .never: interpreter.settings.color = false
        case .auto:
            interpreter.settings.color = Terminal.wantsColor(environment: environment.variables)
        }
        return interpreter
    }
}
