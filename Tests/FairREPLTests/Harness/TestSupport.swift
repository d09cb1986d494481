import FairPlot
import Foundation
import Testing
@testable import FairREPL

/// A directory under the system temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("fair-tests-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func write(_ text: String, to name: String) throws {
        try text.write(toFile: file(name), atomically: true, encoding: .utf8)
    }

    func read(_ name: String) -> String? { try? String(contentsOfFile: file(name), encoding: .utf8) }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// A pinned interpreter (timer off, prompt fixed) working in `directory`.
func makeInterpreter(registry: CommandRegistry = .standard(), directory: String = FileManager.default.temporaryDirectory.path) -> Interpreter {
    Interpreter(registry: registry, environment: InterpreterEnvironment(workingDirectory: directory, variables: [:], isPinned: true))
}

/// Runs lines, requiring each to succeed; returns the last result.
@discardableResult
func run(_ interpreter: Interpreter, _ lines: String..., sourceLocation: SourceLocation = #_sourceLocation) -> CommandResult {
    var last = CommandResult()
    for line in lines {
        last = interpreter.execute(line)
        #expect(last.status == .success, "\(line) → \(last.output)", sourceLocation: sourceLocation)
    }
    return last
}

// MARK: A domain-like registry, as a phase-2 module would build it

/// A stand-in for a data table (a later module's type), to exercise kinds, prerequisites,
/// value sources and completion the way real domain commands will.
struct FakeTable: WorkspaceValue, Equatable {
    static let kind = WorkspaceKind(name: "table", plural: "tables", order: 10, showsInPrompt: true)
    var columns: [String]
    var rows: Int
    var summary: String { "\(rows) rows, \(columns.count) columns" }
    var exportTable: ResultTable? {
        ResultTable(columns: ["column"], rows: columns.map { [.text($0)] })
    }
}

extension ValueSource {
    static let fakeColumns = ValueSource(noun: "column") { $0.workspace.current(FakeTable.self)?.value.columns ?? [] }
}

/// `.standard()` plus `fake load`, `fake train` (needs a table) and `slow` (cancellable, mutates the workspace).
func domainRegistry() -> CommandRegistry {
    var registry = CommandRegistry.standard()
    registry.register(valueType: FakeTable.self)
    registry.register(CommandSpec(
        "fake load", group: .data, summary: "make a table",
        arguments: [ArgumentSpec("name", .text, summary: "table name")],
        options: [OptionSpec("rows", .integer(min: 1, max: 1000), summary: "rows", default: "10")],
        examples: ["fake load t"]
    ) { context in
        let name = context.invocation.text("name") ?? ""
        try context.workspace.store(FakeTable(columns: ["age", "sex", "score"], rows: context.invocation.integer("rows") ?? 0), as: name)
        context.print("loaded \(name)")
    })
    registry.register(CommandSpec(
        "fake train", group: .models, summary: "train on the table",
        options: [
            OptionSpec("epochs", .integer(min: 1, max: 100), summary: "epochs", default: "5"),
            OptionSpec("label", .name(.fakeColumns), summary: "label column", required: true),
            OptionSpec("lambda", .list(.unitInterval), summary: "task weights"),
            OptionSpec("canvas", .choice(["ascii", "braille"]), summary: "canvas"),
            .flag("both", summary: "both panels"),
        ],
        prerequisites: [.value(FakeTable.kind, runFirst: "fake load NAME")]
    ) { context in
        let epochs = context.invocation.integer("epochs") ?? 0
        let lambda = context.invocation.reals("lambda").map { $0.map { "\($0)" }.joined(separator: ",") } ?? "-"
        context.print("trained \(epochs) epochs on \(context.invocation.text("label") ?? "") lambda \(lambda) both \(context.invocation.flag("both"))")
    })
    registry.register(CommandSpec(
        "slow", group: .models, summary: "a long command that stores a number step by step",
        arguments: [ArgumentSpec("steps", .integer(min: 1), summary: "steps")]
    ) { context in
        let steps = context.invocation.integer("steps") ?? 1
        for step in 1...steps {
            try context.workspace.store(NumberResult(Double(step)), as: "progress")
            context.progress.report(ProgressEvent(unit: "step", completed: step, total: steps))
            if step == 2 { context.cancellation.cancel() }
            try context.checkCancellation("at step \(step)")
        }
        context.print("done")
    })
    return registry
}
