/// A command line checked against its `CommandSpec`: typed option and argument values, with
/// defaults filled in. Handlers read it through `CommandContext.invocation`.
public struct ParsedInvocation: Sendable, Equatable {
    /// The command's name.
    public let command: String
    /// Option values by name (without dashes), including defaults; flags are `.boolean(true)` when given.
    public internal(set) var options: [String: Value] = [:]
    /// Names of the options the user typed (not filled from defaults).
    public internal(set) var givenOptions: Set<String> = []
    /// Argument values by name; a variadic argument is a `.list`.
    public internal(set) var arguments: [String: Value] = [:]
    /// The raw text of a rest-of-line argument (an expression), trimmed.
    public internal(set) var rest: String?
    /// Character offset of `rest` in the line (for error columns).
    public internal(set) var restOffset: Int = 0

    public init(command: String) { self.command = command }

    /// The value of option or argument `name` (options first).
    public func value(_ name: String) -> Value? { options[name] ?? arguments[name] }

    public func text(_ name: String) -> String? { value(name)?.text }
    public func integer(_ name: String) -> Int? { value(name)?.integer }
    public func real(_ name: String) -> Double? { value(name)?.real }
    public func boolean(_ name: String) -> Bool? { value(name)?.boolean }
    /// Whether flag `name` was given.
    public func flag(_ name: String) -> Bool { options[name]?.boolean ?? false }
    /// A list of texts (a list option or a variadic argument).
    public func texts(_ name: String) -> [String]? { value(name)?.list?.compactMap(\.text) }
    /// A list of numbers.
    public func reals(_ name: String) -> [Double]? { value(name)?.list?.compactMap(\.real) }
    /// Whether the user typed option `name`.
    public func isGiven(_ name: String) -> Bool { givenOptions.contains(name) }
}
