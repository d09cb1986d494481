import ArgumentParser
import FairREPL

/// `fair reproduce compas|scarcity [OPTIONS]`: the REPL command `reproduce …` with these words,
/// run as a one-line script, so the REPL declares its options once (see `help reproduce`).
struct ReproduceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reproduce",
        abstract: "Reproduce the paper's experiments: compas (Table 2) or scarcity (Table 1).",
        usage: """
            fair reproduce compas [--seeds N] [--out DIR] [<options>]
            fair reproduce scarcity --dataset law-school|adult|acs [--seeds N] [<options>]
            """,
        discussion: """
            The options are those of the REPL command; 'fair reproduce compas --help' shows them \
            (as 'help reproduce compas' does in the REPL).
            """)

    /// The experiment and its options, passed on unparsed to the REPL's `reproduce`.
    @Argument(
        parsing: .captureForPassthrough,
        help: ArgumentHelp("compas or scarcity, then its options.", valueName: "experiment"))
    var words: [String] = []

    func validate() throws {
        if words.first == "-h" || words.first == "--help" { throw CleanExit.helpRequest(Self.self) }
        guard let what = words.first, !what.hasPrefix("-"), !what.isEmpty else {
            throw ValidationError(
                "'fair reproduce' needs what to reproduce: compas or "
                    + "scarcity (e.g. fair reproduce compas --seeds 2)"
            )
        }
    }

    func run() throws {
        let wantsHelp = words.contains("-h") || words.contains("--help")
        var line: String? =
            wantsHelp
            ? Self.commandLine(["help", "reproduce", words[0]])
            : Self.commandLine(["reproduce"] + words)
        ScriptMode(interpreter: try DisplayOptions.parse([]).makeInterpreter()).run(
            source: "fair reproduce"
        ) {
            defer { line = nil }
            return line
        }
    }

    /// The REPL command line of these words. A word with a blank, quote, backslash or `#` is
    /// single-quoted (the tokenizer's literal quotes) so that paths arrive unchanged; other
    /// words stay bare, since a quoted `--x` would be a value, not an option.
    static func commandLine(_ words: [String]) -> String {
        let special: Set<Character> = [" ", "\t", "'", "\"", "\\", "#", ";"]
        return words.map { word in
            guard word.isEmpty || word.contains(where: special.contains) else { return word }
            return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }.joined(separator: " ")
    }
}
