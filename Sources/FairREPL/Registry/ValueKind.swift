import Foundation

/// What an option, argument or setting accepts; parses typed text and says what is allowed.
public indirect enum ValueKind: Sendable {
    /// Any text.
    case text
    /// A whole number, optionally bounded (inclusive).
    case integer(min: Int? = nil, max: Int? = nil)
    /// A finite number, optionally bounded (inclusive).
    case real(min: Double? = nil, max: Double? = nil)
    /// `on`/`off` (also `true`/`false`, `yes`/`no`, `1`/`0`).
    case boolean
    /// One of a fixed list of words.
    case choice([String])
    /// A name from a source that depends on the session (workspace values, columns, groups).
    case name(ValueSource)
    /// A file path (relative paths are read from the working directory).
    case path(PathRole)
    /// Comma-separated items of one kind (`--lambda 1,6`).
    case list(ValueKind)
    /// An option without a value (`--both`); only for options.
    case flag

    /// What a path must be.
    public enum PathRole: Sendable {
        /// An existing file, with one of these extensions when not empty (completion only shows those).
        case existingFile(extensions: [String])
        /// A file to write: its directory must exist.
        case newFile(extensions: [String])
    }

    /// A probability or fraction in [0, 1].
    public static let unitInterval = ValueKind.real(min: 0, max: 1)

    /// How the allowed values read in messages and help (`an integer between 1 and 10000`).
    public var allowedDescription: String {
        switch self {
        case .text: return "any text"
        case let .integer(min, max):
            switch (min, max) {
            case let (lo?, hi?): return "an integer between \(lo) and \(hi)"
            case let (lo?, nil): return "an integer ≥ \(lo)"
            case let (nil, hi?): return "an integer ≤ \(hi)"
            default: return "an integer"
            }
        case let .real(min, max):
            switch (min, max) {
            case let (lo?, hi?): return "a number in [\(Self.format(lo)), \(Self.format(hi))]"
            case let (lo?, nil): return "a number ≥ \(Self.format(lo))"
            case let (nil, hi?): return "a number ≤ \(Self.format(hi))"
            default: return "a number"
            }
        case .boolean: return "on or off"
        case let .choice(words): return "one of " + words.joined(separator: ", ")
        case let .name(source): return "the name of a \(source.noun)"
        case let .path(role):
            switch role {
            case let .existingFile(extensions):
                return "the path of an existing file" + (extensions.isEmpty ? "" : " (" + extensions.map { "." + $0 }.joined(separator: ", ") + ")")
            case .newFile: return "the path of a file to write (its directory must exist)"
            }
        case let .list(item): return "a comma-separated list, each \(item.allowedDescription)"
        case .flag: return "no value"
        }
    }

    /// The placeholder in usage lines (`N`, `X`, `FILE`, `ascii|braille`).
    public var placeholder: String {
        switch self {
        case .text: return "TEXT"
        case .integer: return "N"
        case .real: return "X"
        case .boolean: return "on|off"
        case let .choice(words):
            let joined = words.joined(separator: "|")
            return joined.count <= 24 ? joined : "WORD"
        case let .name(source): return source.noun.uppercased()
        case .path: return "FILE"
        case let .list(item): return "\(item.placeholder),…"
        case .flag: return ""
        }
    }

    /// The default completion for values of this kind.
    public var completion: CompletionSpec {
        switch self {
        case .boolean: return .values(["on", "off"])
        case let .choice(words): return .values(words)
        case let .name(source): return .source(source)
        case let .path(role):
            switch role {
            case let .existingFile(extensions), let .newFile(extensions): return .files(extensions: extensions)
            }
        case let .list(item): return item.completion
        default: return .none
        }
    }

    /// Parses `text` typed for `subject` (`--epochs`, `FILE`, `setting 'width'`).
    public func parse(_ text: String, subject: String, context: ValueContext) throws(CommandError) -> Value {
        func invalid(_ suggestions: [String] = []) -> CommandError {
            .invalidValue(subject: subject, value: text, allowed: allowedDescription, suggestions: suggestions)
        }
        switch self {
        case .text:
            return .text(text)
        case let .integer(min, max):
            guard let n = Int(text.replacingOccurrences(of: "_", with: "")) else { throw invalid() }
            if let min, n < min { throw invalid() }
            if let max, n > max { throw invalid() }
            return .integer(n)
        case let .real(min, max):
            guard let x = Double(text), x.isFinite else { throw invalid() }
            if let min, x < min { throw invalid() }
            if let max, x > max { throw invalid() }
            return .real(x)
        case .boolean:
            switch text.lowercased() {
            case "on", "true", "yes", "1": return .boolean(true)
            case "off", "false", "no", "0": return .boolean(false)
            default: throw invalid(EditDistance.suggestions(for: text, among: ["on", "off"]))
            }
        case let .choice(words):
            if words.contains(text) { return .text(text) }
            if let match = words.first(where: { $0.lowercased() == text.lowercased() }) { return .text(match) }
            throw invalid(EditDistance.suggestions(for: text, among: words))
        case let .name(source):
            guard source.validates else { return .text(text) }
            let names = source.names(context)
            if names.contains(text) { return .text(text) }
            throw .unknownName(
                noun: source.noun, name: text, suggestions: EditDistance.suggestions(for: text, among: names), known: names)
        case let .path(role):
            let resolved = context.environment.resolve(path: text)
            var isDirectory: ObjCBool = false
            switch role {
            case .existingFile:
                guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory) else {
                    throw .file(path: text, reason: "no such file (looked in \(context.environment.workingDirectory))")
                }
                if isDirectory.boolValue { throw .file(path: text, reason: "it is a directory; give a file inside it") }
            case .newFile:
                let directory = URL(fileURLWithPath: resolved).deletingLastPathComponent().path
                guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                    throw .file(path: text, reason: "the directory \(directory) does not exist; create it first")
                }
                if FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory), isDirectory.boolValue {
                    throw .file(path: text, reason: "it is a directory; give a file name")
                }
            }
            return .text(text)
        case let .list(item):
            let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { TextLayout.trimmed($0) }
            guard !parts.contains(where: \.isEmpty) else { throw invalid() }
            var values: [Value] = []
            for part in parts { values.append(try item.parse(part, subject: subject, context: context)) }
            return .list(values)
        case .flag:
            return .boolean(true)
        }
    }

    static func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : "\(x)"
    }
}
