import FairCore

/// Runs commands without a terminal (`fair -f FILE`, `fair -c "…"`, `fair < FILE`): one
/// command per line, a trailing `\` continues a line, `#` starts a comment. What commands
/// print goes to `output` (standard output), their errors to `diagnostic` (standard error).
/// Stops at the first failing command or ✗ expectation unless `keepGoing` is set, and at the
/// first failed write to standard output (exit 1).
public struct ScriptRunner {
    /// How a run ends, as a process exit code.
    public enum ExitStatus: Int32, Sendable {
        /// Every command and expectation succeeded.
        case success = 0
        /// A command or an expectation failed.
        case failure = 1
        /// Bad command-line usage (EX_USAGE).
        case usage = 64
        /// Interrupted by Ctrl-C (128 + SIGINT).
        case interrupted = 130
    }

    public struct Options: Sendable, Equatable {
        /// Print `fair> COMMAND` before each command's output (the lesson transcript format).
        public var echo: Bool
        /// Run the remaining commands after a failure (the exit status is still 1).
        public var keepGoing: Bool
        public init(echo: Bool = false, keepGoing: Bool = false) {
            self.echo = echo
            self.keepGoing = keepGoing
        }
    }

    public let interpreter: Interpreter
    public var options: Options
    /// Receives what the commands print (standard output).
    public var output: (String) -> Void
    /// Receives error messages, and where a run stopped and why (standard error).
    public var diagnostic: (String) -> Void
    /// Asked after each write to `output`: why the last write failed (e.g. "No space left on
    /// device"), or nil. A failed write stops the run with `.failure`.
    public var outputFailure: () -> String? = { nil }

    public init(
        interpreter: Interpreter, options: Options, output: @escaping (String) -> Void, diagnostic: @escaping (String) -> Void
    ) {
        self.interpreter = interpreter
        self.options = options
        self.output = output
        self.diagnostic = diagnostic
    }

    /// Runs lines from `nextLine` until it returns nil, a `quit`, an interruption, or a
    /// failure (without `keepGoing`). `source` names the input in messages (`script.fair`, `-c`).
    public func run(
        source: String, nextLine: () -> String?, cancellation: CancellationToken = .never, progress: ProgressSink = .discard
    ) -> ExitStatus {
        var status = ExitStatus.success
        var lineNumber = 0
        while true {
            if cancellation.isCancelled {
                diagnostic("fair: interrupted at \(source):\(lineNumber)")
                return .interrupted
            }
            guard var line = nextLine() else { break }
            lineNumber += 1
            let firstLine = lineNumber
            while Self.continues(line), let next = nextLine() {
                lineNumber += 1
                line = TextLayout.trimmingTrailingBlanks(String(line.dropLast(Self.trailing(line)))) + " " + TextLayout.trimmed(next)
            }
            let command = TextLayout.trimmed(line)
            if command.isEmpty || command.hasPrefix("#") { continue }
            if options.echo { output("fair> " + command) }
            cancellation.reset()
            let result = interpreter.execute(command, cancellation: cancellation, progress: progress)
            if !result.printedOutput.isEmpty { output(result.printedOutput) }
            if let reason = outputFailure() {
                diagnostic("fair: cannot write to standard output (\(reason)); stopped at \(source):\(firstLine)")
                return .failure
            }
            if let error = result.error { diagnostic(error) }
            switch result.status {
            case .success:
                break
            case .interrupted:
                diagnostic("fair: interrupted at \(source):\(firstLine)")
                return .interrupted
            case .failure, .expectationFailed:
                status = .failure
                if !options.keepGoing {
                    let what = result.status == .failure ? "command failed" : "expectation failed"
                    diagnostic("fair: stopped at \(source):\(firstLine) (\(what)); use --keep-going to run the rest")
                    return .failure
                }
            }
            if result.shouldQuit { break }
        }
        return status
    }

    /// Whether a line ends with an unescaped backslash.
    static func continues(_ line: String) -> Bool { trailing(line) > 0 }

    /// 1 when the line (without trailing blanks) ends in an odd run of backslashes.
    private static func trailing(_ line: String) -> Int {
        let trimmed = TextLayout.trimmingTrailingBlanks(line)
        let run = trimmed.reversed().prefix { $0 == "\\" }.count
        return run % 2 == 1 ? line.count - trimmed.count + 1 : 0
    }
}
