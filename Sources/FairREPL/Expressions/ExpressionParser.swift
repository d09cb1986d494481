/// Parses expressions by recursive descent. Precedence, loosest first: `or`/`||`,
/// `and`/`&&`, `not`/`!`, comparisons (not chained), `+ -`, `* /`, unary minus, `^`
/// (right-associative), then numbers, names, calls and parentheses.
///
/// Nesting is limited to `maximumDepth` levels, counted both while parsing (parentheses, call
/// arguments, repeated `not`/`-`/`^`) and in the tree it builds (long chains such as
/// `1+1+…+1`): the parser, the evaluator and the tree's own clean-up all recurse once per
/// level, and without a limit a deep enough line overflows the stack instead of failing with
/// a message.
struct ExpressionParser {
    /// Deepest nesting accepted; far beyond any readable expression, far below the stack's capacity.
    static let maximumDepth = 100

    enum TokenKind: Equatable {
        case number(Double)
        case identifier(String)
        case symbol(String)
        case end
    }

    struct Token {
        var kind: TokenKind
        var text: String
        var offset: Int
    }

    private let source: [Character]
    private let baseOffset: Int
    private var tokens: [Token] = []
    private var position = 0
    /// Levels of nesting open at the current token.
    private var nesting = 0

    /// Parses `text`; `baseOffset` is where `text` starts in the command line (for error columns).
    static func parse(_ text: String, baseOffset: Int = 0) throws(CommandError) -> Expression {
        var parser = ExpressionParser(source: Array(text), baseOffset: baseOffset)
        try parser.lex()
        let expression = try parser.parseOr()
        guard case .end = parser.current.kind else {
            throw parser.error("unexpected '\(parser.current.text)' after a complete expression", at: parser.current.offset)
        }
        return expression
    }

    private init(source: [Character], baseOffset: Int) {
        self.source = source
        self.baseOffset = baseOffset
    }

    private func error(_ message: String, at offset: Int) -> CommandError {
        .expression(message: message, column: baseOffset + offset + 1)
    }

    // MARK: Lexer

    private mutating func lex() throws(CommandError) {
        var i = 0
        while i < source.count {
            let ch = source[i]
            if ch == " " || ch == "\t" {
                i += 1
                continue
            }
            let start = i
            if ch.isNumber || (ch == "." && i + 1 < source.count && source[i + 1].isNumber) {
                while i < source.count && (source[i].isNumber || source[i] == ".") { i += 1 }
                if i < source.count && (source[i] == "e" || source[i] == "E") {
                    var j = i + 1
                    if j < source.count && (source[j] == "+" || source[j] == "-") { j += 1 }
                    if j < source.count && source[j].isNumber {
                        i = j
                        while i < source.count && source[i].isNumber { i += 1 }
                    }
                }
                let text = String(source[start..<i])
                guard let value = Double(text) else { throw error("'\(text)' is not a number", at: start) }
                tokens.append(Token(kind: .number(value), text: text, offset: start))
                continue
            }
            if ch.isLetter || ch == "_" {
                while i < source.count && (source[i].isLetter || source[i].isNumber || source[i] == "_" || source[i] == ".") {
                    i += 1
                }
                let text = String(source[start..<i])
                tokens.append(Token(kind: .identifier(text), text: text, offset: start))
                continue
            }
            let two = i + 1 < source.count ? String(source[i...i + 1]) : ""
            if ["<=", ">=", "==", "!=", "&&", "||"].contains(two) {
                tokens.append(Token(kind: .symbol(two), text: two, offset: start))
                i += 2
                continue
            }
            if "+-*/^(),:<>!".contains(ch) {
                tokens.append(Token(kind: .symbol(String(ch)), text: String(ch), offset: start))
                i += 1
                continue
            }
            if ch == "=" { throw error("'=' alone is not a comparison; write '==' to compare", at: start) }
            throw error("unexpected character '\(ch)'", at: start)
        }
        tokens.append(Token(kind: .end, text: "end of expression", offset: source.count))
    }

    // MARK: Grammar

    private var current: Token { tokens[position] }

    private mutating func advance() { if position < tokens.count - 1 { position += 1 } }

    private func isSymbol(_ symbol: String) -> Bool { current.kind == .symbol(symbol) }

    private func isWord(_ word: String) -> Bool { current.kind == .identifier(word) }

    private func node(_ kind: Expression.Node, from start: Int) throws(CommandError) -> Expression {
        let height = 1 + kind.children.reduce(0) { max($0, $1.height) }
        if height > Self.maximumDepth { throw tooDeep(at: start) }
        let end = position > 0 ? tokens[position - 1].offset + tokens[position - 1].text.count : start
        let text = String(source[start..<max(start, min(end, source.count))])
        return Expression(node: kind, source: TextLayout.trimmed(text), offset: start, height: height)
    }

    /// Opens one level of nesting at the current token (closed by `leave()`).
    private mutating func enter() throws(CommandError) {
        nesting += 1
        if nesting > Self.maximumDepth { throw tooDeep(at: current.offset) }
    }

    private mutating func leave() { nesting -= 1 }

    private func tooDeep(at offset: Int) -> CommandError {
        error("the expression nests more than \(Self.maximumDepth) levels deep; compute parts of it first with 'let NAME = …'", at: offset)
    }

    private mutating func parseOr() throws(CommandError) -> Expression {
        try enter()
        defer { leave() }
        let start = current.offset
        var left = try parseAnd()
        while isWord("or") || isSymbol("||") {
            advance()
            let right = try parseAnd()
            left = try node(.or(left, right), from: start)
        }
        return left
    }

    private mutating func parseAnd() throws(CommandError) -> Expression {
        let start = current.offset
        var left = try parseNot()
        while isWord("and") || isSymbol("&&") {
            advance()
            let right = try parseNot()
            left = try node(.and(left, right), from: start)
        }
        return left
    }

    private mutating func parseNot() throws(CommandError) -> Expression {
        let start = current.offset
        if isWord("not") || isSymbol("!") {
            advance()
            try enter()
            defer { leave() }
            let inner = try parseNot()
            return try node(.not(inner), from: start)
        }
        return try parseComparison()
    }

    private mutating func parseComparison() throws(CommandError) -> Expression {
        let start = current.offset
        let left = try parseSum()
        for op in Expression.ComparisonOperator.allCases where isSymbol(op.rawValue) {
            advance()
            let right = try parseSum()
            if Expression.ComparisonOperator.allCases.contains(where: { isSymbol($0.rawValue) }) {
                throw error("comparisons cannot be chained; join them with 'and'", at: current.offset)
            }
            return try node(.comparison(op, left, right), from: start)
        }
        return left
    }

    private mutating func parseSum() throws(CommandError) -> Expression {
        let start = current.offset
        var left = try parseProduct()
        while isSymbol("+") || isSymbol("-") {
            let op: Expression.ArithmeticOperator = isSymbol("+") ? .add : .subtract
            advance()
            let right = try parseProduct()
            left = try node(.arithmetic(op, left, right), from: start)
        }
        return left
    }

    private mutating func parseProduct() throws(CommandError) -> Expression {
        let start = current.offset
        var left = try parseUnary()
        while isSymbol("*") || isSymbol("/") {
            let op: Expression.ArithmeticOperator = isSymbol("*") ? .multiply : .divide
            advance()
            let right = try parseUnary()
            left = try node(.arithmetic(op, left, right), from: start)
        }
        return left
    }

    private mutating func parseUnary() throws(CommandError) -> Expression {
        let start = current.offset
        if isSymbol("-") {
            advance()
            try enter()
            defer { leave() }
            let inner = try parseUnary()
            return try node(.negate(inner), from: start)
        }
        if isSymbol("+") {
            advance()
            try enter()
            defer { leave() }
            return try parseUnary()
        }
        return try parsePower()
    }

    private mutating func parsePower() throws(CommandError) -> Expression {
        let start = current.offset
        let base = try parsePrimary()
        if isSymbol("^") {
            advance()
            try enter()
            defer { leave() }
            let exponent = try parseUnary()
            return try node(.arithmetic(.power, base, exponent), from: start)
        }
        return base
    }

    private mutating func parsePrimary() throws(CommandError) -> Expression {
        let token = current
        switch token.kind {
        case let .number(value):
            advance()
            return try node(.number(value), from: token.offset)
        case let .identifier(name):
            if ["and", "or", "not"].contains(name) {
                throw error("'\(name)' needs a condition before it", at: token.offset)
            }
            advance()
            if isSymbol("(") { return try parseCall(name, start: token.offset) }
            if name.hasSuffix(".") { throw error("a name cannot end with '.'", at: token.offset) }
            return try node(.name(name), from: token.offset)
        case .symbol("("):
            advance()
            let inner = try parseOr()
            guard isSymbol(")") else { throw error("expected ')' to close the '(' at column \(baseOffset + token.offset + 1)", at: current.offset) }
            advance()
            var grouped = inner
            grouped.source = try node(inner.node, from: token.offset).source
            grouped.offset = token.offset
            return grouped
        case .end:
            throw error("the expression is incomplete; expected a number, a name or '('", at: token.offset)
        default:
            throw error("unexpected '\(token.text)'; expected a number, a name or '('", at: token.offset)
        }
    }

    private mutating func parseCall(_ name: String, start: Int) throws(CommandError) -> Expression {
        advance()  // "("
        var arguments: [Expression.Argument] = []
        if !isSymbol(")") {
            while true {
                var label: String?
                if case let .identifier(word) = current.kind, tokens[position + 1].kind == .symbol(":") {
                    label = word
                    advance()
                    advance()
                }
                arguments.append(Expression.Argument(label: label, value: try parseOr()))
                if isSymbol(",") {
                    advance()
                    continue
                }
                break
            }
        }
        guard isSymbol(")") else { throw error("expected ',' or ')' in the call of \(name)", at: current.offset) }
        advance()
        return try node(.call(name, arguments), from: start)
    }
}
