/// A command's option, declared once with its type, allowed values and default, and read typed
/// in the handler: `context.invocation[TrainOptions.batch]` is an `Int`, already checked against
/// its range and defaulted. The `OptionSpec` it carries drives parsing, `help CMD` and tab
/// completion, so the default is written in one place.
///
/// The type says what a handler gets:
/// - `CommandOption<Int>(…, default: 128, …)` reads `Int` (the default when not typed);
/// - `CommandOption<Int?>(…)` reads `Int?` (nil when not typed; the handler chooses, e.g. the
///   session seed);
/// - `CommandOption<Bool>.flag(…)` reads whether the flag was given;
/// - `CommandOption<String>.required(…)` must be typed.
public struct CommandOption<T: Sendable>: DeclaredOption {
    public let spec: OptionSpec
    private let read: @Sendable (Value?) -> T

    /// An option with a default, shown by help and filled in when the option is not typed.
    public init(
        _ name: String, _ kind: ValueKind, summary: String, default defaultValue: T,
        completion: CompletionSpec? = nil
    ) where T: OptionValue {
        Self.check(T.self, reads: kind, name: name)
        spec = OptionSpec(
            name, kind, summary: summary, default: defaultValue.typedText, completion: completion)
        read = { $0.flatMap(T.init(optionValue:)) ?? defaultValue }
    }

    /// An option without a default: nil when not typed.
    public init<Wrapped: OptionValue>(
        _ name: String, _ kind: ValueKind, summary: String, completion: CompletionSpec? = nil
    ) where T == Wrapped? {
        Self.check(Wrapped.self, reads: kind, name: name)
        spec = OptionSpec(name, kind, summary: summary, completion: completion)
        read = { $0.flatMap(Wrapped.init(optionValue:)) }
    }

    private init(spec: OptionSpec, read: @escaping @Sendable (Value?) -> T) {
        self.spec = spec
        self.read = read
    }

    /// The typed value, from the parsed one (nil when not typed and without default).
    func value(from parsed: Value?) -> T { read(parsed) }

    /// Stops at declaration (in every test run, which builds the registry) when the Swift type
    /// cannot hold the kind's values, instead of reading nil at run time.
    private static func check<V: OptionValue>(_ type: V.Type, reads kind: ValueKind, name: String) {
        precondition(
            V.reads(kind), "option --\(name) is declared as \(V.self), which cannot read \(kind)")
    }
}

extension CommandOption where T == Bool {
    /// A flag (`--both`): true when given.
    public static func flag(_ name: String, summary: String) -> CommandOption<Bool> {
        CommandOption(spec: OptionSpec(name, .flag, summary: summary)) { $0?.boolean ?? false }
    }
}

extension CommandOption where T: OptionValue {
    /// An option that must be typed (the parser reports it missing with the command's usage).
    public static func required(
        _ name: String, _ kind: ValueKind, summary: String, completion: CompletionSpec? = nil
    ) -> CommandOption<T> {
        check(T.self, reads: kind, name: name)
        let spec = OptionSpec(name, kind, summary: summary, required: true, completion: completion)
        return CommandOption(spec: spec) { parsed in
            guard let value = parsed.flatMap(T.init(optionValue:)) else {
                preconditionFailure("the parser lets no command run without its required --\(name)")
            }
            return value
        }
    }
}

/// An option of any type, as a command lists its options (`options: [Options.epochs, …]`).
public protocol DeclaredOption: Sendable {
    var spec: OptionSpec { get }
}
