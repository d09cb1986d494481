/// Runs a command: reads `context.invocation`, works on `context.workspace` (a copy kept only
/// on success), prints through `context`, and throws `CommandError` (or any error whose
/// description is a message for the user) on failure.
public typealias CommandHandler = @Sendable (inout CommandContext) throws -> Void

/// Everything the REPL knows about one command: it drives parsing, validation, `help`, tab
/// completion and the prerequisite check, and holds the handler.
public struct CommandSpec: Sendable {
    /// One or more words (`verify ranks`).
    public var name: String
    public var group: CommandGroup
    /// One line for `help`.
    public var summary: String
    /// Further paragraphs for `help CMD` (may be empty).
    public var discussion: String
    /// Derived from the typed keys the command declares (`CommandArgument`, `CommandOption`).
    public var arguments: [ArgumentSpec]
    public var options: [OptionSpec]
    /// Complete command lines, shown by `help CMD` as `fair> …`.
    public var examples: [String]
    /// Checked before parsing the options; the first missing one is reported.
    public var prerequisites: [Prerequisite]
    /// The lesson that introduces the command (`Lessons/03-ranks.md`), shown by help.
    public var lesson: String?
    /// Other names that run the same command (`exit` for `quit`).
    public var aliases: [String]
    public var run: CommandHandler

    public init(
        _ name: String, group: CommandGroup, summary: String, discussion: String = "",
        arguments: [any DeclaredArgument] = [], options: [any DeclaredOption] = [],
        examples: [String] = [], prerequisites: [Prerequisite] = [], lesson: String? = nil,
        aliases: [String] = [], run: @escaping CommandHandler
    ) {
        self.name = name
        self.group = group
        self.summary = summary
        self.discussion = discussion
        self.arguments = arguments.map(\.spec)
        self.options = options.map(\.spec)
        self.examples = examples
        self.prerequisites = prerequisites
        self.lesson = lesson
        self.aliases = aliases
        self.run = run
    }

    /// The words of the name.
    public var words: [String] { name.split(separator: " ").map(String.init) }

    /// `train [--epochs N] [--lambda X,…] MODE`.
    public var usage: String {
        var parts = [name]
        for option in options where option.isRequired { parts.append(option.usage) }
        parts.append(contentsOf: arguments.map(\.usage))
        for option in options where !option.isRequired { parts.append("[\(option.usage)]") }
        return parts.joined(separator: " ")
    }

    /// The option named `name` (without dashes).
    public func option(named name: String) -> OptionSpec? { options.first { $0.name == name } }
}
