import FairPlot
import Foundation

/// Evaluates expressions over the workspace's named numbers.
///
/// ## Mathematical properties
/// - Arithmetic is IEEE double arithmetic; a result that is not finite (division by zero,
///   `sqrt` of a negative number, `log` of a non-positive one, overflow) is an error, never a NaN.
/// - `approx(x, v, rel: r, abs: a)` holds when `|x − v| ≤ max(a, r · max(|x|, |v|))`, the
///   rule of swift-numerics' `isApproximatelyEqual`. Without `rel` and `abs`, `r = √ulp(1) ≈
///   1.5e-8` (about half the digits); with only one given, the other is 0. It is reflexive and
///   symmetric but not transitive.
/// - `==` and `!=` compare exactly; use `approx` for computed values.
struct ExpressionEvaluator {
    /// The value of an expression: a number, or a condition with, when false, why.
    enum Outcome: Equatable {
        case number(Double)
        case condition(Bool, failure: String?)
    }

    /// Reads a named number.
    let lookup: (String) -> Double?
    /// Every name that could be read (for "did you mean").
    let knownNames: [String]
    /// Digits of numbers quoted in failure messages.
    var digits = 6

    static let functions = ["abs", "approx", "exp", "log", "max", "min", "sqrt"]

    func evaluate(_ e: Expression) throws(CommandError) -> Outcome {
        switch e.node {
        case let .number(x):
            return .number(x)
        case let .name(name):
            guard let value = lookup(name) else {
                throw .unknownName(
                    noun: "result", name: name, suggestions: EditDistance.suggestions(for: name, among: knownNames),
                    known: knownNames)
            }
            return .number(value)
        case let .negate(inner):
            return .number(-(try number(inner)))
        case let .arithmetic(op, a, b):
            let x = try number(a), y = try number(b)
            let result: Double
            switch op {
            case .add: result = x + y
            case .subtract: result = x - y
            case .multiply: result = x * y
            case .divide:
                if y == 0 { throw .expression(message: "division by zero in '\(e.source)'", column: nil) }
                result = x / y
            case .power: result = pow(x, y)
            }
            return .number(try finite(result, e))
        case let .comparison(op, a, b):
            let x = try number(a), y = try number(b)
            if op.holds(x, y) { return .condition(true, failure: nil) }
            let (shownX, shownY) = distinguishable(x, y)
            let expected = b.isLiteral ? b.source : shownY
            return .condition(false, failure: "expected \(op.rawValue) \(expected), got \(shownX)")
        case let .and(a, b):
            for operand in [a, b] {
                let (holds, failure) = try condition(operand)
                if !holds { return .condition(false, failure: "\(operand.source): \(failure ?? "false")") }
            }
            return .condition(true, failure: nil)
        case let .or(a, b):
            let (first, firstFailure) = try condition(a)
            if first { return .condition(true, failure: nil) }
            let (second, secondFailure) = try condition(b)
            if second { return .condition(true, failure: nil) }
            return .condition(
                false,
                failure: "neither holds: \(a.source): \(firstFailure ?? "false"); \(b.source): \(secondFailure ?? "false")")
        case let .not(inner):
            let (holds, _) = try condition(inner)
            return .condition(!holds, failure: holds ? "expected '\(inner.source)' to be false" : nil)
        case let .call(name, arguments):
            return try call(name, arguments, e)
        }
    }

    /// `e` as a number; a condition is an error.
    func number(_ e: Expression) throws(CommandError) -> Double {
        switch try evaluate(e) {
        case let .number(x): return x
        case .condition:
            throw .expression(message: "'\(e.source)' is a condition (true or false), not a number", column: nil)
        }
    }

    /// `e` as a condition; a number is an error.
    func condition(_ e: Expression) throws(CommandError) -> (Bool, String?) {
        switch try evaluate(e) {
        case let .condition(holds, failure): return (holds, failure)
        case .number:
            throw .expression(
                message: "'\(e.source)' is a number, not a condition; compare it (e.g. '\(e.source) < 0.1') or use approx(\(e.source), VALUE, rel: 1e-3)",
                column: nil)
        }
    }

    private func call(_ name: String, _ arguments: [Expression.Argument], _ e: Expression) throws(CommandError) -> Outcome {
        func positional(_ count: ClosedRange<Int>, usage: String) throws(CommandError) -> [Double] {
            guard arguments.allSatisfy({ $0.label == nil }), count.contains(arguments.count) else {
                throw .expression(message: "\(name) takes \(usage)", column: nil)
            }
            var values: [Double] = []
            for argument in arguments { values.append(try number(argument.value)) }
            return values
        }
        switch name {
        case "abs": return .number(abs(try positional(1...1, usage: "one number: abs(x)")[0]))
        case "sqrt":
            let x = try positional(1...1, usage: "one number: sqrt(x)")[0]
            if x < 0 { throw .expression(message: "sqrt of a negative number in '\(e.source)'", column: nil) }
            return .number(x.squareRoot())
        case "log":
            let x = try positional(1...1, usage: "one number: log(x)")[0]
            if x <= 0 { throw .expression(message: "log of a number ≤ 0 in '\(e.source)'", column: nil) }
            return .number(Foundation.log(x))
        case "exp": return .number(try finite(Foundation.exp(try positional(1...1, usage: "one number: exp(x)")[0]), e))
        case "min": return .number(try positional(1...64, usage: "one or more numbers: min(a, b, …)").min() ?? 0)
        case "max": return .number(try positional(1...64, usage: "one or more numbers: max(a, b, …)").max() ?? 0)
        case "approx": return try approx(arguments, e)
        default:
            throw .expression(
                message: "unknown function '\(name)'.\(CommandError.didYouMean(EditDistance.suggestions(for: name, among: Self.functions))) Functions: \(Self.functions.joined(separator: ", ")).",
                column: nil)
        }
    }

    private func approx(_ arguments: [Expression.Argument], _ e: Expression) throws(CommandError) -> Outcome {
        let usage = "approx takes two numbers and optional tolerances: approx(x, value, rel: 1e-3) or approx(x, value, abs: 1e-6)"
        let positional = arguments.filter { $0.label == nil }
        guard positional.count == 2 else { throw .expression(message: usage, column: nil) }
        var relative: Double?, absolute: Double?
        var shown: [String: String] = [:]
        for argument in arguments where argument.label != nil {
            let value = try number(argument.value)
            guard value >= 0 else { throw .expression(message: "a tolerance cannot be negative ('\(argument.value.source)')", column: nil) }
            if let label = argument.label { shown[label] = argument.value.isLiteral ? argument.value.source : format(value) }
            switch argument.label {
            case "rel" where relative == nil: relative = value
            case "abs" where absolute == nil: absolute = value
            default: throw .expression(message: usage, column: nil)
            }
        }
        let defaultRelative = Double.ulpOfOne.squareRoot()
        let rel = relative ?? (absolute == nil ? defaultRelative : 0)
        let tolerance = absolute ?? 0
        let x = try number(positional[0].value), v = try number(positional[1].value)
        let scale = max(abs(x), abs(v))
        let holds = abs(x - v) <= max(tolerance, rel * scale)
        if holds { return .condition(true, failure: nil) }
        var within: [String] = []
        if rel > 0 { within.append("rel \(shown["rel"] ?? format(rel))") }
        if tolerance > 0 { within.append("abs \(shown["abs"] ?? format(tolerance))") }
        let target = positional[1].value.isLiteral ? positional[1].value.source : format(v)
        let bound = within.isEmpty ? "exactly" : "within " + within.joined(separator: " or ")
        return .condition(false, failure: "expected ≈ \(target) \(bound), got \(format(x))")
    }

    private func finite(_ x: Double, _ e: Expression) throws(CommandError) -> Double {
        guard x.isFinite else { throw .expression(message: "'\(e.source)' is not a finite number", column: nil) }
        return x
    }

    private func format(_ x: Double) -> String { NumberFormat.compact(x, digits: digits) }

    /// `x` and `y` with enough digits to look different when they are (`0.30000000000000004`
    /// against `0.3`), so a failed comparison never reads `expected < 0.3, got 0.3`.
    private func distinguishable(_ x: Double, _ y: Double) -> (String, String) {
        for count in [digits, 9, 12, 15, 17] where count >= digits {
            let a = NumberFormat.compact(x, digits: count), b = NumberFormat.compact(y, digits: count)
            if a != b || x == y { return (a, b) }
        }
        return (NumberFormat.compact(x, digits: 17), NumberFormat.compact(y, digits: 17))
    }
}
