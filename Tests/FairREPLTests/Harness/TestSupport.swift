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
            arguments: [FakeOptions.name],
            options: [FakeOptions.rows],
            examples: ["fake load t"]
    ) { context in
            let name = context.invocation[FakeOptions.name]
            let rows = context.invocation[FakeOptions.rows]
            try context.workspace.store(
                FakeTable(columns: ["age", "sex", "score"], rows: rows), as: name)
            context.print("loaded \(name)")
    })
    registry.register(CommandSpec(
        "fake train", group: .models, summary: "train on the table",
        options: [
                FakeOptions.epochs, FakeOptions.label, FakeOptions.lambda, FakeOptions.canvas,
                FakeOptions.both
            ],
        prerequisites: [.value(FakeTable.kind, runFirst: "fake load NAME")]
    ) { context in
            let invocation = context.invocation
            let epochs = invocation[FakeOptions.epochs]
            let lambda =
                invocation[FakeOptions.lambda].map { $0.map { "\($0)" }.joined(separator: ",") }
                ?? "-"
            let label = invocation[FakeOptions.label]
            context.print(
                "trained \(epochs) epochs on \(label) lambda \(lambda) both \(invocation[FakeOptions.both])"
            )
        })
    registry.register(CommandSpec(
        "slow", group: .models, summary: "a long command that stores a number step by step",
            arguments: [FakeOptions.steps]
        ) { context in
            let steps = context.invocation[FakeOptions.steps]
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

/// The arguments and options of the commands of `domainRegistry()`.
enum FakeOptions {
    static let name = CommandArgument<String>("name", .text, summary: "table name")
    static let rows = CommandOption<Int>(
        "rows", .integer(min: 1, max: 1000), summary: "rows", default: 10)
    static let epochs = CommandOption<Int>(
        "epochs", .integer(min: 1, max: 100), summary: "epochs", default: 5)
    static let label = CommandOption<String>.required(
        "label", .name(.fakeColumns), summary: "label column")
    static let lambda = CommandOption<[Double]?>(
        "lambda", .list(.unitInterval), summary: "task weights")
    static let canvas = CommandOption<String?>(
        "canvas", .choice(["ascii", "braille"]), summary: "canvas")
    static let both = CommandOption.flag("both", summary: "both panels")
    static let steps = CommandArgument<Int>("steps", .integer(min: 1), summary: "steps")
}
