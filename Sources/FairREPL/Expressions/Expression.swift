/// A parsed `expect`/`let` expression: numbers, names of results, arithmetic, comparisons,
/// `and`/`or`/`not`, and calls (`abs`, `min`, `max`, `sqrt`, `log`, `exp`, `approx`).
/// Each node keeps its source text, which failure messages quote.
struct Expression: Sendable, Equatable {
    indirect enum Node: Sendable, Equatable {
        case number(Double)
        case name(String)
        case negate(Expression)
        case not(Expression)
        case arithmetic(ArithmeticOperator, Expression, Expression)
        case comparison(ComparisonOperator, Expression, Expression)
        case and(Expression, Expression)
        case or(Expression, Expression)
        case call(String, [Argument])
    }

    /// A call argument, positional or labelled (`rel: 1e-3`).
    struct Argument: Sendable, Equatable {
        var label: String?
        var value: Expression
    }

    enum ArithmeticOperator: String, Sendable {
        case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^"
    }

    enum ComparisonOperator: String, Sendable, CaseIterable {
        case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "==", notEqual = "!="

        func holds(_ a: Double, _ b: Double) -> Bool {
            switch self {
            case .less: return a < b
            case .lessOrEqual: return a <= b
            case .greater: return a > b
            case .greaterOrEqual: return a >= b
            case .equal: return a == b
            case .notEqual: return a != b
            }
        }
    }

    var node: Node
    /// The text this node was parsed from, trimmed.
    var source: String
    /// Offset of that text in the whole expression.
    var offset: Int
    /// Levels of the tree below and including this node (1 for a number or a name); the parser
    /// keeps it at most `ExpressionParser.maximumDepth`.
    var height: Int = 1

    /// Whether the node is a literal number (messages then quote it instead of its value).
    var isLiteral: Bool {
        if case .number = node { return true }
        if case let .negate(inner) = node { return inner.isLiteral }
        return false
    }

    /// Names of results the expression reads, in order of appearance.
    var names: [String] {
        switch node {
        case .number: return []
        case let .name(n): return [n]
        case let .negate(e), let .not(e): return e.names
        case let .arithmetic(_, a, b), let .comparison(_, a, b), let .and(a, b), let .or(a, b): return a.names + b.names
        case let .call(_, arguments): return arguments.flatMap(\.value.names)
        }
    }
}

extension Expression.Node {
    /// The sub-expressions of the node.
    var children: [Expression] {
        switch self {
        case .number, .name: return []
        case let .negate(e), let .not(e): return [e]
        case let .arithmetic(_, a, b), let .comparison(_, a, b), let .and(a, b), let .or(a, b): return [a, b]
        case let .call(_, arguments): return arguments.map(\.value)
        }
    }
}
