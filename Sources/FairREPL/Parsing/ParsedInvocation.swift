/// A command line checked against its `CommandSpec`: option and argument values with defaults
/// filled in. Handlers read it typed, through the keys the command declares:
/// `context.invocation[TrainOptions.epochs]`, `context.invocation[LoadArguments.source]`.
public struct ParsedInvocation: Sendable, Equatable {
    /// The command's name.
    public let command: String
    /// Option values by name (without dashes), including defaults; flags are `.boolean(true)`.
    private var options: [String: Value] = [:]
    /// Names of the options the user typed (not filled from defaults).
    private var givenOptions: Set<String> = []
    /// Argument values by name; a variadic argument is a `.list`.
    private var arguments: [String: Value] = [:]
    /// The options and arguments the command declares, as the keys that read them must match.
    private let declaredOptions: [String: String?]
    private let declaredArguments: Set<String>
    /// The raw text of a rest-of-line argument (an expression), trimmed.
    public internal(set) var rest: String?
    /// Character offset of `rest` in the line (for error columns).
    public internal(set) var restOffset: Int = 0

    init(spec: CommandSpec) {
        command = spec.name
        declaredOptions = Dictionary(spec.options.map { ($0.name, $0.defaultValue) }) { first, _ in
            first
        }
        declaredArguments = Set(spec.arguments.map(\.name))
    }

    /// The typed value of `option`: what the user typed, else its default (nil without one).
    public subscript<T>(option: CommandOption<T>) -> T {
        assertDeclared(option.spec)
        return option.value(from: options[option.spec.name])
    }

    /// The typed value of `argument` (nil, or empty, when an optional one is left out).
    public subscript<T>(argument: CommandArgument<T>) -> T {
        assert(
            declaredArguments.contains(argument.spec.name),
            "'\(command)' reads argument \(argument.spec.name), which it does not declare")
        return argument.value(from: arguments[argument.spec.name])
    }

    /// Whether the user typed `option` (a default does not count).
    public func isGiven(_ option: any DeclaredOption) -> Bool {
        assertDeclared(option.spec)
        return givenOptions.contains(option.spec.name)
    }

    /// A key of another command (same name, other default) would read this command's value
    /// under the other's declaration: caught here, in the tests, rather than read wrongly.
    private func assertDeclared(_ spec: OptionSpec) {
        assert(
            declaredOptions[spec.name] == .some(spec.defaultValue),
            "'\(command)' reads --\(spec.name) through a key it does not declare")
    }

    // MARK: Filled in by the parser

    func hasOption(_ name: String) -> Bool { options[name] != nil }
    func wasGiven(_ name: String) -> Bool { givenOptions.contains(name) }

    mutating func setOption(_ name: String, _ value: Value, given: Bool) {
        options[name] = value
        if given { givenOptions.insert(name) }
    }

    mutating func setArgument(_ name: String, _ value: Value) { arguments[name] = value }
}
