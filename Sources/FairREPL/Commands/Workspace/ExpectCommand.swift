extension CommandSpec {
    /// `expect EXPR`: checks a condition over named results; prints ✓ or ✗.
    static let expect = CommandSpec(
        "expect", group: .checks, summary: "check a condition over named results: prints ✓ or ✗ with the actual value",
        discussion: """
            A condition compares numbers (< <= > >= == !=), combines conditions with and, or, not, and reads \
            named results (show results lists them). Arithmetic: + - * / ^ and abs, min, max, sqrt, log, exp. \
            approx(x, v, rel: r) holds when |x - v| <= r * max(|x|, |v|); approx(x, v, abs: a) when |x - v| <= a.
            In scripts and lessons a ✗ stops the run (unless --keep-going) and fails the lesson.
            """,
        arguments: [ExpectOptions.condition],
        examples: ["expect x < 0.5", "expect approx(x, 0.333, rel: 1e-2)", "expect abs(a - b) <= 0.01 and a > 0"]
    ) { context in
        let text = context.invocation[ExpectOptions.condition]
        let expression = try ExpressionParser.parse(text, baseOffset: context.invocation.restOffset)
        let (holds, failure) = try evaluator(for: context.workspace).condition(expression)
        context.recordExpectation(passed: holds)
        context.print(holds ? "✓ \(text)" : "✗ \(text) (\(failure ?? "false"))")
    }

    /// An evaluator reading the workspace's numbers.
    static func evaluator(for workspace: Workspace) -> ExpressionEvaluator {
        let numbers = workspace.numbers
        return ExpressionEvaluator(
            lookup: { workspace.number(named: $0) },
            knownNames: numbers.map(\.name))
    }
}

/// The argument of `expect`.
private enum ExpectOptions {
    static let condition = CommandArgument<String>.restOfLine(
        "condition", summary: "the condition to check")
}
