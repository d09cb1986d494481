/// One fenced `fair` block of a lesson as the Book shows it: each command with the output it
/// printed when the lesson was run for the Book (or, for a `skip` block, as the lesson writes it),
/// and whether the block passed.
public struct BookTranscript: Sendable, Equatable {
    /// A command and its output.
    public struct Entry: Sendable, Equatable {
        /// The command, without the `fair> ` prompt.
        public var command: String
        /// 1-based line of the command in the lesson.
        public var line: Int
        /// The captured output lines (a `skip` block: the lesson's lines).
        public var output: [String]
        /// Whether the lesson leaves this output free (a `nondeterministic` block, or expected
        /// output with `...` or ` (re)` lines), so it may differ from one machine to another.
        public var varies: Bool
        /// The figures the command printed (their text is part of `output`): the HTML draws them as SVG.
        public var figures: [CommandResult.PrintedFigure]

        public init(command: String, line: Int, output: [String], varies: Bool, figures: [CommandResult.PrintedFigure] = []) {
            self.command = command
            self.line = line
            self.output = output
            self.varies = varies
            self.figures = figures
        }
    }

    /// How the block fared.
    public enum Status: Sendable, Equatable {
        /// Every command ran as the lesson says (for an `error` block, failures included).
        case passed
        /// The lesson failed at these 1-based lines (mismatched output, a failed command or a ✗).
        case failed(lines: [Int])
        /// A `skip` block: shown, never run.
        case notRun
    }

    /// 1-based line of the opening fence.
    public var line: Int
    public var flags: Set<Lesson.Flag>
    public var entries: [Entry]
    public var status: Status

    public init(line: Int, flags: Set<Lesson.Flag>, entries: [Entry], status: Status) {
        self.line = line
        self.flags = flags
        self.entries = entries
        self.status = status
    }

    /// The block of `lesson` with the outputs and failures of `report`, a run of that lesson.
    public init(block: Lesson.Block, report: LessonReport) {
        let run = !block.flags.contains(.skip)
        let free = block.flags.contains(.nondeterministic)
        entries = block.commands.map { command in
            let pattern = command.expected.contains { $0 == "..." || $0.hasSuffix(" (re)") }
            return Entry(
                command: command.text, line: command.line,
                output: run ? report.capturedOutputs[command.line] ?? [] : command.expected,
                varies: run && (free || pattern), figures: run ? report.capturedFigures[command.line] ?? [] : [])
        }
        line = block.line
        flags = block.flags
        let lines = Set(block.commands.map(\.line))
        let failed = report.failures.map(\.line).filter { lines.contains($0) }
        status = !run ? .notRun : failed.isEmpty ? .passed : .failed(lines: failed)
    }

    /// The transcript lines: each command after `fair> `, then its output.
    public var lines: [String] {
        entries.flatMap { ["fair> " + $0.command] + $0.output }
    }

    /// The same transcript with every output that may vary replaced by `placeholder`; what two
    /// builds on different machines still have in common.
    public func masked(with placeholder: String) -> BookTranscript {
        var copy = self
        for index in copy.entries.indices where copy.entries[index].varies {
            copy.entries[index].output = [placeholder]
            copy.entries[index].figures = []
        }
        return copy
    }

    /// The one-line verdict shown under the transcript: `✓ …`, `✗ …`, or why it did not run.
    public var verdict: String {
        let count = entries.count
        let commands = "\(count) command\(count == 1 ? "" : "s")"
        switch status {
        case .notRun:
            return "not run (a skip block: shown as the lesson writes it)"
        case let .failed(lines):
            let at = lines.map(String.init).joined(separator: ", ")
            return "✗ \(commands); the lesson fails at line\(lines.count == 1 ? "" : "s") \(at)"
        case .passed:
            if flags.contains(.nondeterministic) {
                return "✓ \(commands) ran; output not compared (it varies by machine)"
            }
            if flags.contains(.hide) {
                return "✓ \(commands) of setup; output as in the lesson"
            }
            if flags.contains(.error) {
                return "✓ \(commands); errors as the lesson expects"
            }
            return "✓ \(commands); output as in the lesson"
        }
    }

    /// Whether the verdict is a pass (`true`), a failure (`false`) or neither (`nil`, not run).
    public var passed: Bool? {
        switch status {
        case .passed: true
        case .failed: false
        case .notRun: nil
        }
    }
}
