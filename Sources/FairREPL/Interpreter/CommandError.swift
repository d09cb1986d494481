/// Every error the REPL core reports. Each message names what was typed, says what is allowed
/// and, where one exists, what to do next (`Did you mean …`, `run '…' first`). The interpreter
/// prints them as `error: <message>`; no error ends the session or touches the workspace.
public enum CommandError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A first word that names no command.
    case unknownCommand(name: String, suggestions: [String])
    /// The first word(s) of multi-word commands without a valid next word (`verify` alone).
    case missingSubcommand(prefix: String, given: String?, choices: [String])
    /// An option the command does not have.
    case unknownOption(command: String, option: String, suggestions: [String], known: [String])
    /// An option given without its value.
    case missingValue(option: String, allowed: String)
    /// A flag given a value (`--both=yes`).
    case flagWithValue(option: String)
    /// An option given twice.
    case repeatedOption(option: String)
    /// A value that its option, argument or setting does not accept.
    case invalidValue(subject: String, value: String, allowed: String, suggestions: [String])
    /// A required positional argument not given.
    case missingArgument(command: String, argument: String, allowed: String, usage: String)
    /// More positional arguments than the command takes.
    case tooManyArguments(command: String, extra: String, usage: String)
    /// A required option not given.
    case missingOption(command: String, option: String, allowed: String, usage: String)
    /// A command run before the one that produces what it needs.
    case missingPrerequisite(command: String, what: String, remedy: String)
    /// A quote opened and never closed (1-based column).
    case unterminatedQuote(quote: Character, column: Int)
    /// A name of a workspace value, result, setting or command that does not exist.
    case unknownName(noun: String, name: String, suggestions: [String], known: [String])
    /// A name that cannot be used for a workspace value.
    case invalidName(name: String, reason: String)
    /// A syntax or evaluation error in an `expect`/`let` expression (1-based column when known).
    case expression(message: String, column: Int?)
    /// A file that cannot be read or written.
    case file(path: String, reason: String)
    /// A file that is not what the command expects.
    case invalidFile(path: String, reason: String)
    /// A saved workspace written by a newer format version.
    case unsupportedVersion(path: String, found: Int, supported: Int)
    /// A saved workspace holding a kind of value this build does not know.
    case unknownValueKind(path: String, kind: String, known: [String])
    /// A value whose kind has no tabular export.
    case notExportable(name: String, kind: String, exportable: [String])
    /// `record` used in the wrong state.
    case recording(message: String)
    /// A command stopped by Ctrl-C; the workspace is unchanged.
    case interrupted(command: String, detail: String)
    /// A failure reported by a command, already phrased for the user.
    case failed(message: String)

    public var description: String {
        switch self {
        case let .unknownCommand(name, suggestions):
            return "unknown command '\(name)'.\(Self.didYouMean(suggestions)) Type 'help' for the list of commands."
        case let .missingSubcommand(prefix, given, choices):
            let options = choices.map { "'\(prefix) \($0)'" }.joined(separator: ", ")
            if let given {
                let close = EditDistance.suggestions(for: given, among: choices).map { "\(prefix) \($0)" }
                return "'\(prefix)' has no subcommand '\(given)'.\(Self.didYouMean(close)) Use one of \(options)."
            }
            return "'\(prefix)' needs a subcommand: \(options)."
        case let .unknownOption(command, option, suggestions, known):
            let list = known.isEmpty ? " '\(command)' takes no options." : " Options of '\(command)': \(known.joined(separator: ", "))."
            return "unknown option '\(option)' for '\(command)'.\(Self.didYouMean(suggestions))\(suggestions.isEmpty ? list : "")"
        case let .missingValue(option, allowed):
            return "\(option) needs a value: \(allowed)."
        case let .flagWithValue(option):
            return "\(option) is a flag and takes no value: write just \(option)."
        case let .repeatedOption(option):
            return "\(option) is given twice; give it once."
        case let .invalidValue(subject, value, allowed, suggestions):
            return "\(subject): '\(value)' is not allowed; expected \(allowed).\(Self.didYouMean(suggestions))"
        case let .missingArgument(command, argument, allowed, usage):
            return "'\(command)' needs \(argument): \(allowed). Usage: \(usage)"
        case let .tooManyArguments(command, extra, usage):
            return "'\(command)' does not take '\(extra)'. Usage: \(usage)"
        case let .missingOption(command, option, allowed, usage):
            return "'\(command)' needs \(option): \(allowed). Usage: \(usage)"
        case let .missingPrerequisite(command, what, remedy):
            return "'\(command)' needs \(what): run '\(remedy)' first."
        case let .unterminatedQuote(quote, column):
            return "the \(quote) quote opened at column \(column) is never closed; close it or escape it with \\\(quote)."
        case let .unknownName(noun, name, suggestions, known):
            let list = known.isEmpty ? " There is no \(noun) yet." : " Known: \(TextLayout.quotedList(known))."
            return "no \(noun) named '\(name)'.\(Self.didYouMean(suggestions))\(suggestions.isEmpty ? list : "")"
        case let .invalidName(name, reason):
            return "'\(name)' cannot be used as a name: \(reason)."
        case let .expression(message, column):
            return column.map { "\(message) (at column \($0))" } ?? message
        case let .file(path, reason):
            return "cannot use \(path): \(reason)."
        case let .invalidFile(path, reason):
            return "\(path) is not a file this command can read: \(reason)."
        case let .unsupportedVersion(path, found, supported):
            return "\(path) has workspace format version \(found), newer than this build reads (\(supported)). Open it with a newer fair, or re-create it."
        case let .unknownValueKind(path, kind, known):
            return "\(path) holds a value of kind '\(kind)' that this build cannot read (it reads \(known.joined(separator: ", "))). Open it with the fair that saved it."
        case let .notExportable(name, kind, exportable):
            let list = exportable.isEmpty ? "no value can be exported yet" : "exportable: \(TextLayout.quotedList(exportable))"
            return "'\(name)' is a \(kind), which has no table to export (\(list), and 'results')."
        case let .recording(message):
            return message
        case let .interrupted(command, detail):
            return "\(command): interrupted\(detail.isEmpty ? "" : " " + detail) (workspace unchanged)"
        case let .failed(message):
            return message
        }
    }

    public static func didYouMean(_ suggestions: [String]) -> String {
        switch suggestions.count {
        case 0: return ""
        case 1: return " Did you mean '\(suggestions[0])'?"
        default: return " Did you mean '\(suggestions[0])' or '\(suggestions[1])'?"
        }
    }
}
