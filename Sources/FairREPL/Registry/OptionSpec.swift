/// An option of a command: `--name VALUE`, `--name=VALUE`, or a flag `--name`.
public struct OptionSpec: Sendable {
    /// The name without dashes (`epochs`); typed as `--epochs`.
    public var name: String
    public var kind: ValueKind
    /// One line for help (`passes over the training data`).
    public var summary: String
    /// The default, as the user would type it (`50`); nil when the option is optional without default.
    public var defaultValue: String?
    /// Whether the option must be given.
    public var isRequired: Bool
    /// Overrides the completion implied by `kind`.
    public var completion: CompletionSpec?

    public init(
        _ name: String, _ kind: ValueKind, summary: String, default defaultValue: String? = nil,
        required isRequired: Bool = false, completion: CompletionSpec? = nil
    ) {
        self.name = name
        self.kind = kind
        self.summary = summary
        self.defaultValue = defaultValue
        self.isRequired = isRequired
        self.completion = completion
    }

    /// A flag (`--both`): true when given.
    public static func flag(_ name: String, summary: String) -> OptionSpec {
        OptionSpec(name, .flag, summary: summary)
    }

    /// `--name`.
    public var spelling: String { "--" + name }

    var isFlag: Bool {
        if case .flag = kind { return true }
        return false
    }

    /// `--epochs N` or `--both`.
    var usage: String { isFlag ? spelling : spelling + " " + kind.placeholder }
}

/// A positional argument of a command.
public struct ArgumentSpec: Sendable {
    /// The name used by `ParsedInvocation` accessors (`file`); shown in upper case (`FILE`).
    public var name: String
    public var kind: ValueKind
    public var summary: String
    public var isOptional: Bool
    /// Takes every remaining positional token (then its value is a `.list`).
    public var isVariadic: Bool
    /// Takes the raw rest of the line, unparsed (expressions: `expect EXPR`).
    public var isRestOfLine: Bool
    /// Overrides the completion implied by `kind`.
    public var completion: CompletionSpec?

    public init(
        _ name: String, _ kind: ValueKind = .text, summary: String, optional isOptional: Bool = false,
        variadic isVariadic: Bool = false, restOfLine isRestOfLine: Bool = false, completion: CompletionSpec? = nil
    ) {
        self.name = name
        self.kind = kind
        self.summary = summary
        self.isOptional = isOptional
        self.isVariadic = isVariadic
        self.isRestOfLine = isRestOfLine
        self.completion = completion
    }

    /// `FILE`, `[FILE]`, `NAME…`.
    var usage: String {
        let base = name.uppercased() + (isVariadic ? "…" : "")
        return isOptional ? "[\(base)]" : base
    }
}
