/// A typed value parsed from what the user typed (an option, an argument or a setting).
public enum Value: Sendable, Equatable, Codable, CustomStringConvertible {
    case text(String)
    case integer(Int)
    case real(Double)
    case boolean(Bool)
    case list([Value])

    /// The value as typed back (`on`, `0.5`, `a,b`), for `show settings` and files.
    public var description: String {
        switch self {
        case let .text(t): return t
        case let .integer(n): return String(n)
        case let .real(x): return "\(x)"
        case let .boolean(b): return b ? "on" : "off"
        case let .list(items): return items.map(\.description).joined(separator: ",")
        }
    }

    public var text: String? {
        if case let .text(t) = self { return t }
        return nil
    }

    public var integer: Int? {
        if case let .integer(n) = self { return n }
        return nil
    }

    /// Reals, and integers widened to reals.
    public var real: Double? {
        switch self {
        case let .real(x): return x
        case let .integer(n): return Double(n)
        default: return nil
        }
    }

    public var boolean: Bool? {
        if case let .boolean(b) = self { return b }
        return nil
    }

    public var list: [Value]? {
        if case let .list(items) = self { return items }
        return nil
    }
}
