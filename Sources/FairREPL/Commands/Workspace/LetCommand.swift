extension CommandSpec {
    /// `let NAME = EXPR`: names a number computed from other results.
    static let `let` = CommandSpec(
        "let", group: .checks, summary: "name a number computed from results (let gap = ks.before - ks.after)",
        arguments: [LetOptions.definition],
        examples: ["let x = 1/3", "let gap = abs(a - b)"]
    ) { context in
        let text = context.invocation[LetOptions.definition]
        guard let equals = definitionSign(in: text) else {
            throw CommandError.expression(message: "write 'let NAME = EXPRESSION', e.g. 'let x = 1/3'", column: nil)
        }
        let name = TextLayout.trimmed(text[..<equals])
        let body = String(text[text.index(after: equals)...])
        try NumberResult.validate(name: name)
        let offset = context.invocation.restOffset + text.distance(from: text.startIndex, to: equals) + 1
        let expression = try ExpressionParser.parse(body, baseOffset: offset)
        let value = try evaluator(for: context.workspace).number(expression)
        let previous = context.workspace.value(NumberResult.self, named: name)
        try context.workspace.store(NumberResult(value, note: "let \(name) = \(TextLayout.trimmed(body))"), as: name)
        let was = previous.map { "  (was \(context.format($0.value)))" } ?? ""
        context.print("\(name) = \(context.format(value))\(was)")
    }

    /// The `=` that separates the name from the expression (not part of `==`, `<=`, `>=`, `!=`).
    static func definitionSign(in text: String) -> String.Index? {
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == "=" {
                let next = text.index(after: index)
                let followedByEquals = next < text.endIndex && text[next] == "="
                let previous = index > text.startIndex ? text[text.index(before: index)] : " "
                if !followedByEquals && !"<>!=".contains(previous) { return index }
            }
            index = text.index(after: index)
        }
        return nil
    }
}

/// The argument of `let`.
private enum LetOptions {
    static let definition = CommandArgument<String>.restOfLine(
        "definition", summary: "NAME = EXPRESSION")
}
