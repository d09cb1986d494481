@testable import FairREPL

/// The `expect`/`let` expression parser on arbitrary text, and the evaluator on what parses
/// (one known name, `x`; other names are errors).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExpression(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let expression = try? ExpressionParser.parse(text) {
        _ = try? ExpressionEvaluator(lookup: { $0 == "x" ? 0.25 : nil }, knownNames: ["x"], digits: 3).evaluate(expression)
    }
    return 0
}
