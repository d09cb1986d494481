import Testing
@testable import FairREPL

/// Issue 14 item 2: deep nesting was a stack overflow (exit 139); now it is an error with a column.
@Suite("Expression nesting limit")
struct ExpressionDepthTests {
    static let limit = ExpressionParser.maximumDepth

    static func message(_ text: String) -> String? {
        do {
            _ = try ExpressionParser.parse(text)
            return nil
        } catch {
            return error.description
        }
    }

    static func value(_ text: String) throws -> Double? {
        let evaluator = ExpressionEvaluator(lookup: { _ in nil }, knownNames: [])
        guard case let .number(value) = try evaluator.evaluate(try ExpressionParser.parse(text)) else { return nil }
        return value
    }

    @Test("the reproductions of the issue fail with a message", arguments: [
        String(repeating: "(", count: 3500),
        String(repeating: "(", count: 3500) + "1" + String(repeating: ")", count: 3500),
        String(repeating: "abs(", count: 10_000) + "1" + String(repeating: ")", count: 10_000),
        String(repeating: "-", count: 50_000) + "1",
        String(repeating: "not ", count: 50_000) + "1 < 2",
        String(repeating: "!", count: 50_000) + "(1 < 2)",
        "2" + String(repeating: "^1", count: 50_000),
        "1" + String(repeating: "+1", count: 50_000),
        "1" + String(repeating: " and 1 < 2", count: 50_000),
        String(repeating: "+", count: 50_000) + "1",
    ])
    func tooDeep(text: String) {
        let message = Self.message(text)
        #expect(message?.contains("the expression nests more than \(Self.limit) levels deep; compute parts of it first with 'let NAME = …'") == true,
                "\(message ?? "parsed")")
    }

    @Test("nesting up to the limit is accepted and evaluated")
    func atTheLimit() throws {
        // Each parenthesis level is one level; the number inside is one more.
        let parentheses = String(repeating: "(", count: Self.limit - 1) + "1" + String(repeating: ")", count: Self.limit - 1)
        #expect(try Self.value(parentheses) == 1)
        let chain = "1" + String(repeating: "+1", count: Self.limit - 1)
        #expect(try Self.value(chain) == Double(Self.limit))
        let negations = String(repeating: "-", count: Self.limit - 1) + "1"
        #expect(try Self.value(negations) == (Self.limit % 2 == 0 ? -1 : 1))
        #expect(Self.message("1" + String(repeating: "+1", count: Self.limit)) != nil)
    }

    @Test("the error points at the column where the limit is passed")
    func column() {
        let text = String(repeating: "(", count: 200) + "1" + String(repeating: ")", count: 200)
        // Level 1 is the whole expression, so the parenthesis at column limit + 1 opens level limit + 1.
        #expect(Self.message(text) == "the expression nests more than \(Self.limit) levels deep; compute parts of it first with 'let NAME = …' (at column \(Self.limit + 1))")
    }
}
