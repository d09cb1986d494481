/// The `fair` command line, parsed without a dependency (the surface is small):
///
/// ```text
/// fair [OPTIONS]                    interactive on a terminal, else commands from standard input
/// fair [OPTIONS] -f FILE            run a script
/// fair [OPTIONS] -c "CMD; CMD"      run commands
/// fair lessons [--bless] [--here] [--seeds A-B] [FILE…]
/// fair run FILE [--seeds A-B]
/// fair book [--bless] [--out DIR]
/// fair reproduce compas|scarcity [OPTIONS]
/// fair demo
/// ```
public struct LaunchArguments: Sendable, Equatable {
    public enum Mode: Sendable, Equatable {
        /// Interactive when standard input is a terminal, otherwise a script read from it.
        case session
        case file(String)
        case commands(String)
        /// Runs lessons (all of `Lessons/` when `files` is empty); `bless` rewrites outputs;
        /// `here` runs them in the current directory instead of a fresh one.
        case lessons(files: [String], bless: Bool, here: Bool)
        /// Re-runs lessons (all of `Lessons/` when `files` is empty) once per seed, judging only
        /// their `expect` checks (`SeedSweep`).
        case sweep(files: [String], seeds: [UInt64], here: Bool)
        /// Builds the Book from `Lessons/` into `out` (default `Book`); `bless` first rewrites
        /// lessons whose output differs.
        case book(bless: Bool, out: String?)
        /// Runs the REPL command `reproduce …` with these words (`compas --seeds 2`).
        case reproduce([String])
        case demo
        case help
        case version
    }

    /// When plots use colour.
    public enum ColorChoice: String, Sendable, Equatable {
        case auto, always, never
    }

    public var mode: Mode = .session
    public var echo = false
    public var keepGoing = false
    public var width: Int?
    public var canvas: String?
    public var color: ColorChoice = .auto
    public var dataDirectory: String?

    public init() {}

    /// A usage error: print it with the usage and exit 64.
    public struct UsageError: Error, Equatable, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public static let usage = """
        Usage:
          fair [OPTIONS]                     interactive on a terminal; otherwise reads commands from standard input
          fair [OPTIONS] -f FILE             run the commands in FILE
          fair [OPTIONS] -c "CMD; CMD"       run these commands
          fair lessons [--bless] [--here] [--seeds A-B] [FILE…]
                                             run lessons (default: Lessons/*.md); --bless rewrites their expected output;
                                             --seeds re-runs each once per seed A…B in place of its own and judges only
                                             its expect checks ('N of M checks held'; exit 1 if any failed)
          fair run FILE|N [--seeds A-B]      run one lesson (a file, or its number in Lessons/): exit 0 when every output
                                             and check matches, 1 otherwise (with file:line and a diff)
          fair book [--bless] [--out DIR]    run every lesson and write the Book with the fresh output (default DIR: Book);
                                             fails if an output differs from its lesson, unless --bless rewrites the lesson
          fair reproduce compas [OPTIONS]    the paper's Table 2 on COMPAS (see 'help reproduce compas')
          fair reproduce scarcity --dataset law-school|adult|acs [OPTIONS]
                                             the paper's Table 1 protocol (label scarcity) on a dataset we have
          fair demo                          a short guided tour

        Options:
          --echo              print each command (fair> …) before its output
          --keep-going        run the remaining commands after a failure (the exit status is still 1)
          --width N           plot and table width (default: the terminal's, else 80)
          --canvas ascii|braille
          --color auto|always|never
          --data-dir DIR      where datasets are found (default: $FAIR_DATA_DIR)
          -h, --help          this help
          --version           the version

        Exit status: 0 success, 1 a command or expectation failed, 64 usage error, 130 interrupted.
        """

    /// Parses `arguments` (without the program name).
    public static func parse(_ arguments: [String]) throws(UsageError) -> LaunchArguments {
        var result = LaunchArguments()
        var rest = arguments[...]
        if let first = rest.first, first == "lessons" || first == "run" {
            let isRun = first == "run"
            let command = "fair \(first)"
            rest = rest.dropFirst()
            var files: [String] = []
            var bless = false, here = false
            var seeds: [UInt64]?
            let options = isRun ? ["--seeds", "--here"] : ["--bless", "--here", "--seeds"]
            while let argument = rest.first {
                rest = rest.dropFirst()
                switch argument {
                case "--bless" where !isRun: bless = true
                case "--here": here = true
                case "--seeds":
                    guard let range = rest.first else { throw UsageError(message: "--seeds needs a value (a seed range such as 1-30)") }
                    rest = rest.dropFirst()
                    seeds = try SeedSweep.seeds(parsing: range)
                case _ where argument.hasPrefix("--seeds="): seeds = try SeedSweep.seeds(parsing: String(argument.dropFirst(8)))
                case "-h", "--help": return LaunchArguments.with(.help)
                default:
                    if argument.hasPrefix("-") {
                        throw UsageError(message: "unknown option '\(argument)' for '\(command)'.\(CommandError.didYouMean(EditDistance.suggestions(for: argument, among: options)))")
                    }
                    files.append(argument)
                }
            }
            if isRun && files.count != 1 {
                throw UsageError(message: "'fair run' runs one lesson: give its file or number (e.g. fair run Lessons/01-strong-demographic-parity.md, or fair run 1)")
            }
            if bless && seeds != nil {
                throw UsageError(message: "--bless and --seeds do not go together: a sweep compares no output, so there is nothing to bless")
            }
            if let seeds {
                result.mode = .sweep(files: files, seeds: seeds, here: here)
            } else {
                result.mode = .lessons(files: files, bless: bless, here: here)
            }
            return result
        }
        if let first = rest.first, first == "book" {
            rest = rest.dropFirst()
            var bless = false
            var out: String?
            while let argument = rest.first {
                rest = rest.dropFirst()
                switch argument {
                case "--bless": bless = true
                case "--out":
                    guard let directory = rest.first else { throw UsageError(message: "--out needs a value (the folder to write the Book to)") }
                    rest = rest.dropFirst()
                    out = directory
                case _ where argument.hasPrefix("--out="): out = String(argument.dropFirst(6))
                case "-h", "--help": return LaunchArguments.with(.help)
                default:
                    let hint = CommandError.didYouMean(EditDistance.suggestions(for: argument, among: ["--bless", "--out"]))
                    if argument.hasPrefix("-") { throw UsageError(message: "unknown option '\(argument)' for 'fair book'.\(hint)") }
                    throw UsageError(message: "unexpected argument '\(argument)' for 'fair book'; it always builds every lesson of Lessons/ (to write elsewhere, use --out DIR)")
                }
            }
            if out?.isEmpty == true { throw UsageError(message: "--out needs a value (the folder to write the Book to)") }
            result.mode = .book(bless: bless, out: out)
            return result
        }
        if let first = rest.first, first == "reproduce" {
            let words = Array(rest.dropFirst())
            if words.contains("-h") || words.contains("--help") { return LaunchArguments.with(.help) }
            guard let what = words.first, !what.hasPrefix("-"), !what.isEmpty else {
                throw UsageError(message: "'fair reproduce' needs what to reproduce: compas or scarcity (e.g. fair reproduce compas --seeds 2)")
            }
            result.mode = .reproduce(words)
            return result
        }
        if let first = rest.first, first == "demo" {
            rest = rest.dropFirst()
            result.mode = .demo
        }
        let known = ["--echo", "--keep-going", "--width", "--canvas", "--color", "--data-dir", "-f", "-c", "--help", "--version"]
        while let argument = rest.first {
            rest = rest.dropFirst()
            var name = argument
            var inline: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inline = String(argument[argument.index(after: equals)...])
            }
            func value() throws(UsageError) -> String {
                if let inline { return inline }
                guard let next = rest.first else { throw UsageError(message: "\(name) needs a value") }
                rest = rest.dropFirst()
                return next
            }
            switch name {
            case "--echo": result.echo = true
            case "--keep-going": result.keepGoing = true
            case "--width":
                let text = try value()
                guard let width = Int(text), (24...400).contains(width) else {
                    throw UsageError(message: "--width: '\(text)' is not allowed; expected an integer between 24 and 400")
                }
                result.width = width
            case "--canvas":
                let text = try value()
                guard ["ascii", "braille"].contains(text) else {
                    throw UsageError(message: "--canvas: '\(text)' is not allowed; expected ascii or braille")
                }
                result.canvas = text
            case "--color":
                let text = try value()
                guard let choice = ColorChoice(rawValue: text) else {
                    throw UsageError(message: "--color: '\(text)' is not allowed; expected auto, always or never")
                }
                result.color = choice
            case "--data-dir": result.dataDirectory = try value()
            case "-f":
                guard result.mode == .session else { throw UsageError(message: "give only one of -f, -c and demo") }
                result.mode = .file(try value())
            case "-c":
                guard result.mode == .session else { throw UsageError(message: "give only one of -f, -c and demo") }
                result.mode = .commands(try value())
            case "-h", "--help": result.mode = .help
            case "--version": result.mode = .version
            default:
                let hint = CommandError.didYouMean(EditDistance.suggestions(for: name, among: known + ["lessons", "run", "book", "reproduce", "demo"]))
                if name.hasPrefix("-") { throw UsageError(message: "unknown option '\(name)'.\(hint)") }
                throw UsageError(message: "unexpected argument '\(name)'.\(hint) To run a script, use -f FILE.")
            }
        }
        return result
    }

    static func with(_ mode: Mode) -> LaunchArguments {
        var arguments = LaunchArguments()
        arguments.mode = mode
        return arguments
    }

    /// The REPL command line that runs `fair reproduce WORDS…`. A word with a blank, quote,
    /// backslash or `#` is single-quoted (the tokenizer's literal quotes) so that paths arrive
    /// unchanged; other words stay bare, since a quoted `--x` would be a value, not an option.
    public static func reproduceCommand(_ words: [String]) -> String {
        let special: Set<Character> = [" ", "\t", "'", "\"", "\\", "#", ";"]
        return (["reproduce"] + words.map { word in
            guard word.isEmpty || word.contains(where: special.contains) else { return word }
            return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }).joined(separator: " ")
    }
}
