@testable import FairREPL

/// The command line's tokenizer, the command lookup and the argument parser on arbitrary text
/// (the command is parsed, never run, so no file is written). Each line also goes through
/// completion, which tokenizes leniently.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCommand(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let line = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let context = ValueContext(workspace: Workspace(), settings: Settings(specs: registry.settings), registry: registry,
                               environment: environment)
    _ = Tokenizer.tokenizeLeniently(line)
    if let tokens = try? Tokenizer.tokenize(line), let (spec, count) = try? registry.resolve(words: tokens.map(\.text)) {
        _ = try? InvocationParser.parse(Array(tokens[count...]), line: line, spec: spec, context: context)
    }
    return 0
}

private let registry = CommandRegistry.standard()
private let environment = InterpreterEnvironment(workingDirectory: "/nonexistent-fuzz-directory", homeDirectory: "/nonexistent-fuzz-directory")
