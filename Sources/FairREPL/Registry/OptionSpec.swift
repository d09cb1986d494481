/// An option of a command: `--name VALUE`, `--name=VALUE`, or a flag `--name`. Declared
/// through a typed `CommandOption`, which reads its value in the handler.
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

    init(
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

    /// `--name`.
    public var spelling: String { "--" + name }

    var isFlag: Bool {
        if case .flag = kind { return true }
        return false
    }

    /// `--epochs N` or `--both`.
    var usage: String { isFlag ? spelling : spelling + " " + kind.placeholder }
}

/// A positional argument of a command, declared through a typed `CommandArgument`.
public struct ArgumentSpec: Sendable {
    /// The name (`file`), shown in upper case (`FILE`).
    public var name: String
    public var kind: ValueKind
    public var summary: String
    public var isOptional: Bool
    /// Takes every remaining positional token (then its value is a `.list`).
    public var isVariadic: Bool
    /// Takes the raw rest of the line, unparsed (expressions: `expect EXPR`).
    public var isRestOfLine: Bool
    /// The value of an optional argument left out, as the user would type it (`5`).
    public var defaultValue: String?
    /// Overrides the completion implied by `kind`.
    public var completion: CompletionSpec?

    init(
        _ name: String, _ kind: ValueKind = .text, summary: String, optional isOptional: Bool = false,
        variadic isVariadic: Bool = false, restOfLine isRestOfLine: Bool = false,
        default defaultValue: String? = nil, completion: CompletionSpec? = nil
    ) {
        self.name = name
        self.kind = kind
        self.summary = summary
        self.isOptional = isOptional
        self.isVariadic = isVariadic
        self.isRestOfLine = isRestOfLine
        self.defaultValue = defaultValue
        self.completion = completion
    }

    /// `FILE`, `[FILE]`, `NAME…`.
    var usage: String {
        let base = name.uppercased() + (isVariadic ? "…" : "")
        return isOptional ? "[\(base)]" : base
    }
}
