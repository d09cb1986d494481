/// The table of commands, settings and workspace value kinds of a session. It drives
/// parsing, validation, `help`, completion and `save`/`open`.
///
/// `CommandRegistry.standard()` holds everything FairMTL ships; each group of commands
/// registers itself from its own file (see `StandardCommands.swift`).
public struct CommandRegistry: Sendable {
    public private(set) var commands: [CommandSpec] = []
    public private(set) var settings: [SettingSpec] = []
    private var valueTypes: [String: any WorkspaceValue.Type] = [:]

    /// An empty registry (tests build their own; the REPL uses `standard()`).
    public init() {}

    /// Adds a command, replacing one of the same name.
    public mutating func register(_ command: CommandSpec) {
        commands.removeAll { $0.name == command.name }
        commands.append(command)
    }

    /// Adds a setting, replacing one of the same key.
    public mutating func register(setting: SettingSpec) {
        settings.removeAll { $0.key == setting.key }
        settings.append(setting)
    }

    /// Makes values of `type` storable in workspace files (`save`/`open`).
    public mutating func register<V: WorkspaceValue>(valueType: V.Type) {
        valueTypes[V.kind.name] = V.self
    }

    /// The command named exactly `name` (or with that alias).
    public func command(named name: String) -> CommandSpec? {
        commands.first { $0.name == name } ?? commands.first { $0.aliases.contains(name) }
    }

    /// The setting `key`.
    public func setting(_ key: String) -> SettingSpec? { settings.first { $0.key == key } }

    /// The type registered for the kind named `name`.
    public func valueType(kind name: String) -> (any WorkspaceValue.Type)? { valueTypes[name] }

    /// Names of the registered value kinds, sorted.
    public var valueKindNames: [String] { valueTypes.keys.sorted() }

    /// Every name and alias, as typed.
    var allNames: [String] { commands.flatMap { [$0.name] + $0.aliases } }

    /// The command a line starts with, and how many words its name takes.
    /// - Throws: `CommandError.unknownCommand` (with suggestions) or `.missingSubcommand`.
    func resolve(words: [String]) throws(CommandError) -> (command: CommandSpec, wordCount: Int) {
        guard let first = words.first else { throw .unknownCommand(name: "", suggestions: []) }
        let longest = commands.map(\.words.count).max() ?? 1
        for count in stride(from: min(longest, words.count), through: 1, by: -1) {
            let name = words[0..<count].joined(separator: " ")
            if let command = command(named: name) { return (command, count) }
        }
        // The first word begins multi-word commands: say which words may follow.
        let following = nextWords(after: [first])
        if !following.isEmpty {
            throw .missingSubcommand(prefix: first, given: words.count > 1 ? words[1] : nil, choices: following)
        }
        let firstWords = Set(allNames.map { String($0.split(separator: " ").first ?? "") })
        throw .unknownCommand(name: first, suggestions: EditDistance.suggestions(for: first, among: Array(firstWords) + allNames))
    }

    /// The words that can follow `words` in a command name (`verify` → `ks`, `ranks`, `risk`).
    func nextWords(after words: [String]) -> [String] {
        var result = Set<String>()
        for name in allNames {
            let parts = name.split(separator: " ").map(String.init)
            if parts.count > words.count, Array(parts[0..<words.count]) == words { result.insert(parts[words.count]) }
        }
        return result.sorted()
    }
}
