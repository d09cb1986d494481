/// The outcome of running one lesson.
public struct LessonReport: Sendable, Equatable {
    /// A mismatch or failure at a line of the lesson.
    public struct Failure: Sendable, Equatable, CustomStringConvertible {
        public var path: String
        /// 1-based line (of the command, or of the front matter entry).
        public var line: Int
        public var message: String
        public var description: String { "\(path):\(line): \(message)" }
    }

    /// One `expect` command of the lesson and how it came out.
    public struct Check: Sendable, Equatable {
        /// 1-based line of the `fair> expect …` command.
        public var line: Int
        /// The condition (the command without `expect`).
        public var condition: String
        public var held: Bool
        /// What the check printed when it did not hold (the ✗ line with the actual value, or the error).
        public var actual: String

        /// The check made by `command`, or nil when it is not an `expect` command.
        init?(command: String, line: Int, result: CommandResult) {
            let text = TextLayout.trimmed(command)
            guard text.hasPrefix("expect ") else { return nil }
            self.line = line
            condition = TextLayout.trimmed(text.dropFirst(7))
            held = result.status == .success && result.failedExpectations == 0
            let lines = OutputMatcher.normalizedLines(result.output)
            actual = held ? "" : (lines.first { $0.hasPrefix("✗") || $0.hasPrefix("error") } ?? lines.first ?? "no output")
        }
    }

    public var path: String
    /// The `expect` checks run outside `error` blocks, in order.
    public var checks: [Check] = []
    /// Commands run.
    public var commands = 0
    public var passedExpectations = 0
    public var failedExpectations = 0
    public var failures: [Failure] = []
    /// Why the lesson did not run (e.g. a dataset it needs is not configured).
    public var skipReason: String?
    /// The actual output of each compared command whose output did not match, by the
    /// command's 1-based line (what bless writes).
    public var mismatchedOutputs: [Int: [String]] = [:]
    /// The actual output (normalised lines) of every command that ran, by the command's
    /// 1-based line: what the Book shows.
    public var capturedOutputs: [Int: [String]] = [:]
    /// The figures printed by each command that printed one, by the command's 1-based line
    /// (the Book draws them as SVG).
    public var capturedFigures: [Int: [CommandResult.PrintedFigure]] = [:]

    public init(path: String) { self.path = path }

    public var isPassing: Bool { failures.isEmpty }

    /// `Lessons/00-the-repl.md: 12 commands, 3 expectations — all passed`.
    public var summary: String {
        if let skipReason { return "\(path): skipped (\(skipReason))" }
        let expectations = passedExpectations + failedExpectations
        let counts = "\(commands) command\(commands == 1 ? "" : "s"), \(expectations) expectation\(expectations == 1 ? "" : "s")"
        if failures.isEmpty { return "\(path): \(counts) — all passed" }
        return "\(path): \(counts) — \(failures.count) failure\(failures.count == 1 ? "" : "s")"
    }
}
