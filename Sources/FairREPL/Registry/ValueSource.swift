/// Where the allowed names of an option or argument come from at the time it is typed: the
/// workspace (table names, column names, group names), the registry (commands, settings) or
/// a fixed list. The same source drives validation (`no column 'sexx'. Did you mean 'sex'?`)
/// and tab completion.
public struct ValueSource: Sendable {
    /// What one name is called in messages (`column`, `group`, `table`).
    public let noun: String
    /// Whether a name outside the list is an error (false: the list only feeds completion).
    public let validates: Bool
    /// The names allowed now.
    public let names: @Sendable (ValueContext) -> [String]

    public init(noun: String, validates: Bool = true, names: @escaping @Sendable (ValueContext) -> [String]) {
        self.noun = noun
        self.validates = validates
        self.names = names
    }

    /// The names of the workspace values of `kind`.
    public static func workspaceNames(of kind: WorkspaceKind) -> ValueSource {
        ValueSource(noun: kind.name) { $0.workspace.names(of: kind) }
    }

    /// The names of every workspace value (any kind), plus `extra` words.
    public static func anyWorkspaceName(extra: [String] = []) -> ValueSource {
        ValueSource(noun: "value") { context in
            var seen = Set<String>()
            return (extra + context.workspace.entries.map(\.name)).filter { seen.insert($0).inserted }
        }
    }

    /// Every number expressions can read (number results and values' named numbers).
    public static let numbers = ValueSource(noun: "result") { $0.workspace.numbers.map(\.name) }

    /// The keys of the registered settings.
    public static let settingKeys = ValueSource(noun: "setting") { $0.registry.settings.map(\.key) }
}

/// What a value source or completion can look at.
public struct ValueContext: Sendable {
    public let workspace: Workspace
    public let settings: Settings
    public let registry: CommandRegistry
    public let environment: InterpreterEnvironment
    /// Positional arguments already given before the one being read or completed.
    public let previousArguments: [String]

    public init(
        workspace: Workspace, settings: Settings, registry: CommandRegistry, environment: InterpreterEnvironment,
        previousArguments: [String] = []
    ) {
        self.workspace = workspace
        self.settings = settings
        self.registry = registry
        self.environment = environment
        self.previousArguments = previousArguments
    }
}

/// How the value of an option or argument is tab-completed, when its kind does not say it all.
public enum CompletionSpec: Sendable {
    /// No candidates.
    case none
    /// A fixed list.
    case values([String])
    /// Names from a source (workspace values, columns, groups…).
    case source(ValueSource)
    /// Files (and directories to walk into), restricted to these extensions when not empty.
    case files(extensions: [String])
    /// Names from a source and files (`load compas` or `load data/my.csv`).
    case sourceAndFiles(ValueSource, extensions: [String])
}
