/// A Swift type that an option or argument is read as in a handler (`Int`, `Double`, `String`,
/// `Bool`, lists of them, or a `ChoiceValue` enum): the typed side of a `ValueKind`.
///
/// The parser checks the user's text against the kind (range, choices, names); the typed key
/// (`CommandOption`, `CommandArgument`) then turns the checked `Value` into this type.
public protocol OptionValue: Sendable {
    /// The value read from a parsed `Value`, or nil when that value is of another kind.
    init?(optionValue: Value)
    /// The value as the user would type it (`0.001`, `64,32`): the default shown by help and
    /// parsed like typed text, so that a default passes the same checks as a typed value.
    var typedText: String { get }
    /// Whether values of `kind` are read as this type (checked when a key is declared).
    static func reads(_ kind: ValueKind) -> Bool
}

extension Int: OptionValue {
    public init?(optionValue: Value) {
        guard let n = optionValue.integer else { return nil }
        self = n
    }
    public var typedText: String { String(self) }
    public static func reads(_ kind: ValueKind) -> Bool {
        if case .integer = kind { return true }
        return false
    }
}

extension Double: OptionValue {
    public init?(optionValue: Value) {
        guard let x = optionValue.real else { return nil }
        self = x
    }
    public var typedText: String { ValueKind.format(self) }
    public static func reads(_ kind: ValueKind) -> Bool {
        switch kind {
        case .real, .integer: return true
        default: return false
        }
    }
}

extension String: OptionValue {
    public init?(optionValue: Value) {
        guard let text = optionValue.text else { return nil }
        self = text
    }
    public var typedText: String { self }
    public static func reads(_ kind: ValueKind) -> Bool {
        switch kind {
        case .text, .choice, .name, .path: return true
        default: return false
        }
    }
}

extension Bool: OptionValue {
    public init?(optionValue: Value) {
        guard let value = optionValue.boolean else { return nil }
        self = value
    }
    public var typedText: String { self ? "on" : "off" }
    public static func reads(_ kind: ValueKind) -> Bool {
        switch kind {
        case .boolean, .flag: return true
        default: return false
        }
    }
}

extension Array: OptionValue where Element: OptionValue {
    public init?(optionValue: Value) {
        guard let items = optionValue.list else { return nil }
        var values: [Element] = []
        for item in items {
            guard let value = Element(optionValue: item) else { return nil }
            values.append(value)
        }
        self = values
    }
    public var typedText: String { map(\.typedText).joined(separator: ",") }
    public static func reads(_ kind: ValueKind) -> Bool {
        if case let .list(item) = kind { return Element.reads(item) }
        return false
    }
}

/// An enum whose raw values are the words of a `.choice` (`--film per-unit|scalar`): declare
/// the option with `Self.kind` and read the case, not the word.
public protocol ChoiceValue: OptionValue, CaseIterable, RawRepresentable where RawValue == String {}

extension ChoiceValue {
    /// `.choice` of the raw values, in case order.
    public static var kind: ValueKind { .choice(allCases.map(\.rawValue)) }

    public init?(optionValue: Value) {
        guard let text = optionValue.text else { return nil }
        self.init(rawValue: text)
    }
    public var typedText: String { rawValue }
    public static func reads(_ kind: ValueKind) -> Bool {
        guard case let .choice(words) = kind else { return false }
        return words.allSatisfy { Self(rawValue: $0) != nil }
    }
}
