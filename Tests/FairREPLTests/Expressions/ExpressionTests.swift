import FairCore
import Testing
@testable import FairREPL

@Suite("Expressions")
struct ExpressionTests {
    static let values: [String: Double] = ["x": 0.25, "ks.after": 0.004, "ks.before": 0.59, "n": 400]

    func evaluate(_ text: String) throws -> ExpressionEvaluator.Outcome {
        let evaluator = ExpressionEvaluator(lookup: { Self.values[$0] }, knownNames: Array(Self.values.keys))
        return try evaluator.evaluate(try ExpressionParser.parse(text))
    }

    @Test("arithmetic and precedence", arguments: [
        ("1 + 2 * 3", 7.0), ("(1 + 2) * 3", 9), ("-2 ^ 2", -4), ("2 ^ 3 ^ 2", 512), ("10 / 4 - 1", 1.5),
        ("abs(-3) + min(4, 2, 8) + max(1, 5)", 10), ("sqrt(16) + log(1) + exp(0)", 5), ("x * n", 100), ("1e-3 * 1000", 1),
        (".5 + 0.5", 1), ("ks.before - ks.after", 0.586),
    ])
    func arithmetic(text: String, expected: Double) throws {
        guard case let .number(value) = try evaluate(text) else {
            Issue.record("not a number")
            return
        }
        #expect(abs(value - expected) < 1e-12)
    }

    @Test("conditions", arguments: [
        ("x < 0.5", true), ("x >= 0.25", true), ("x == 0.25", true), ("x != 0.25", false), ("ks.after < 0.01 and n > 100", true),
        ("x > 1 or n == 400", true), ("not x > 1", true), ("!(x < 1)", false), ("x < 1 && x > 0 || n < 0", true),
        ("approx(x, 0.2501, rel: 1e-3)", true), ("approx(x, 0.26, rel: 1e-3)", false), ("approx(x, 0.26, abs: 0.02)", true),
        ("approx(1/3, 0.3333333)", false), ("approx(1/3, 0.333333333333333)", true), ("approx(0.1 + 0.2, 0.3)", true),
    ])
    func conditions(text: String, expected: Bool) throws {
        guard case let .condition(holds, _) = try evaluate(text) else {
            Issue.record("not a condition")
            return
        }
        #expect(holds == expected)
    }

    @Test("failures say what was expected and what came out", arguments: [
        ("ks.after > 0.01", "expected > 0.01, got 0.004"),
        ("ks.before < ks.after", "expected < 0.004, got 0.59"),
        ("x < 1 and n < 100", "n < 100: expected < 100, got 400"),
        ("x > 1 or n < 100", "neither holds: x > 1: expected > 1, got 0.25; n < 100: expected < 100, got 400"),
        ("not x < 1", "expected 'x < 1' to be false"),
        ("approx(x, 0.3, rel: 1e-3)", "expected ≈ 0.3 within rel 1e-3, got 0.25"),
        ("approx(x, 0.3, abs: 0.01)", "expected ≈ 0.3 within abs 0.01, got 0.25"),
        ("0.1 + 0.2 <= 0.3", "expected <= 0.3, got 0.30000000000000004"),
        ("x * 1.0000000001 == x", "expected == 0.25, got 0.250000000025"),
    ])
    func failures(text: String, failure: String) throws {
        #expect(try evaluate(text) == .condition(false, failure: failure))
    }

    @Test("errors say what is wrong and where", arguments: [
        ("x <", "the expression is incomplete; expected a number, a name or '(' (at column 4)"),
        ("x = 1", "'=' alone is not a comparison; write '==' to compare (at column 3)"),
        ("(x < 1", "expected ')' to close the '(' at column 1 (at column 7)"),
        ("1 < x < 2", "comparisons cannot be chained; join them with 'and' (at column 7)"),
        ("x $ 1", "unexpected character '$' (at column 3)"),
        ("x 1", "unexpected '1' after a complete expression (at column 3)"),
        ("and x", "'and' needs a condition before it (at column 1)"),
        ("aprox(x, 1)", "unknown function 'aprox'. Did you mean 'approx'? Functions: abs, approx, exp, log, max, min, sqrt."),
        ("abs(1, 2)", "abs takes one number: abs(x)"),
        ("approx(x)", "approx takes two numbers and optional tolerances: approx(x, value, rel: 1e-3) or approx(x, value, abs: 1e-6)"),
        ("approx(x, 1, rel: -1)", "a tolerance cannot be negative ('-1')"),
        ("1 / (x - x)", "division by zero in '1 / (x - x)'"),
        ("sqrt(-x)", "sqrt of a negative number in 'sqrt(-x)'"),
        ("log(0)", "log of a number ≤ 0 in 'log(0)'"),
        ("10 ^ 400", "'10 ^ 400' is not a finite number"),
        ("(x < 1) + 1", "'(x < 1)' is a condition (true or false), not a number"),
        ("ks.aftr < 1", "no result named 'ks.aftr'. Did you mean 'ks.after'?"),
    ])
    func errors(text: String, message: String) {
        do {
            _ = try evaluate(text)
            Issue.record("\(text) evaluated")
        } catch {
            #expect((error as? CommandError)?.description == message)
        }
    }

    @Test("approx is symmetric and agrees with its definition", arguments: [21, 22, 23])
    func approxProperty(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<200 {
            let a = (rng.nextDouble() - 0.5) * 10, b = a * (1 + (rng.nextDouble() - 0.5) * 1e-2)
            let rel = [1e-4, 1e-3, 1e-2][rng.nextInt(below: 3)]
            let evaluator = ExpressionEvaluator(lookup: { ["a": a, "b": b][$0] }, knownNames: ["a", "b"])
            let forward = try evaluator.condition(try ExpressionParser.parse("approx(a, b, rel: \(rel))")).0
            let backward = try evaluator.condition(try ExpressionParser.parse("approx(b, a, rel: \(rel))")).0
            #expect(forward == backward)
            #expect(forward == (abs(a - b) <= rel * max(abs(a), abs(b))))
        }
    }
}
