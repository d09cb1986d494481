/// A command's positional argument, declared once with its type and allowed values and read
/// typed in the handler (`context.invocation[LoadArguments.source]`); its `ArgumentSpec`
/// drives parsing, `help CMD` and completion.
///
/// - `CommandArgument<String>(…)` must be given and reads `String`;
/// - `CommandArgument<Int?>(…)` may be left out and reads nil then;
/// - `CommandArgument<Int>(…, default: 5)` may be left out and reads 5 then;
/// - `CommandArgument<[String]>.variadic(…)` takes every remaining word;
/// - `CommandArgument<String>.restOfLine(…)` takes the rest of the line unparsed (expressions).
public struct CommandArgument<T: Sendable>: DeclaredArgument {
    public let spec: ArgumentSpec
    private let read: @Sendable (Value?) -> T

    /// An argument that must be given.
    public init(
        _ name: String, _ kind: ValueKind = .text, summary: String,
        completion: CompletionSpec? = nil
    ) where T: OptionValue {
        Self.check(T.self, reads: kind, name: name)
        spec = ArgumentSpec(name, kind, summary: summary, completion: completion)
        read = { parsed in
            guard let value = parsed.flatMap(T.init(optionValue:)) else {
                preconditionFailure("the parser lets no command run without its argument \(name)")
            }
            return value
        }
    }

    /// An argument that may be left out: nil then.
    public init<Wrapped: OptionValue>(
        _ name: String, _ kind: ValueKind = .text, summary: String,
        completion: CompletionSpec? = nil
    ) where T == Wrapped? {
        Self.check(Wrapped.self, reads: kind, name: name)
        spec = ArgumentSpec(name, kind, summary: summary, optional: true, completion: completion)
        read = { $0.flatMap(Wrapped.init(optionValue:)) }
    }

    /// An argument that may be left out: then `defaultValue` (shown by help).
    public init(
        _ name: String, _ kind: ValueKind = .text, summary: String, default defaultValue: T,
        completion: CompletionSpec? = nil
    ) where T: OptionValue {
        Self.check(T.self, reads: kind, name: name)
        spec = ArgumentSpec(
            name, kind, summary: summary, optional: true, default: defaultValue.typedText,
            completion: completion)
        read = { $0.flatMap(T.init(optionValue:)) ?? defaultValue }
    }

    private init(spec: ArgumentSpec, read: @escaping @Sendable (Value?) -> T) {
        self.spec = spec
        self.read = read
    }

    /// The typed value, from the parsed one.
    func value(from parsed: Value?) -> T { read(parsed) }

    private static func check<V: OptionValue>(_ type: V.Type, reads kind: ValueKind, name: String) {
        precondition(
            V.reads(kind), "argument \(name) is declared as \(V.self), which cannot read \(kind)")
    }
}

extension CommandArgument {
    /// Every remaining word, each of `kind` (empty when left out and `optional`).
    public static func variadic<Element: OptionValue>(
        _ name: String, _ kind: ValueKind = .text, summary: String,
        optional isOptional: Bool = false,
        completion: CompletionSpec? = nil
    ) -> CommandArgument<[Element]> where T == [Element] {
        check(Element.self, reads: kind, name: name)
        let spec = ArgumentSpec(
            name, kind, summary: summary, optional: isOptional, variadic: true,
            completion: completion)
        return CommandArgument(spec: spec) { $0.flatMap([Element].init(optionValue:)) ?? [] }
    }

    /// The rest of the line as typed, trimmed (an expression, `NAME = EXPRESSION`).
    public static func restOfLine(_ name: String, summary: String) -> CommandArgument<String>
    where T == String {
        let spec = ArgumentSpec(name, .text, summary: summary, restOfLine: true)
        return CommandArgument(spec: spec) { $0?.text ?? "" }
    }
}

/// An argument of any type, as a command lists its arguments in order.
public protocol DeclaredArgument: Sendable {
    var spec: ArgumentSpec { get }
}
