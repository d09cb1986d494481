import FairCore
import FairPlot

/// The REPL core: executes one line at a time against a workspace, with no terminal I/O.
/// Front ends (readline, scripts, lessons, tests) feed it lines and print the results.
///
/// Each command works on a copy of the workspace and settings, kept only when it succeeds:
/// a failed or interrupted command changes nothing, and no error ends the session.
///
/// ```swift
/// let repl = Interpreter()
/// repl.execute("let x = 1/3").output        // "x = 0.333"
/// repl.execute("expect x < 0.5").output     // "✓ x < 0.5"
/// ```
public final class Interpreter {
    public let registry: CommandRegistry
    public var environment: InterpreterEnvironment
    public private(set) var workspace: Workspace
    /// Settings; front ends set the session ones (width, canvas, colour) at start-up.
    public var settings: Settings
    /// Non-blank, non-comment lines executed so far.
    public private(set) var history: [String] = []
    /// The lines whose command succeeded and changed the workspace or the settings: the
    /// commands that rebuild this session's state (what `report` lists, so it can be rerun).
    public private(set) var stateHistory: [String] = []
    private var recorder: TranscriptRecorder?

    public init(registry: CommandRegistry = .standard(), environment: InterpreterEnvironment = .current()) {
        self.registry = registry
        self.environment = environment
        self.workspace = Workspace()
        self.settings = Settings(specs: registry.settings)
    }

    /// Runs one line: a command (with an optional trailing `# comment`), a blank line or a
    /// `#` comment (both do nothing).
    /// - Parameters:
    ///   - line: the line as typed (or read from a script).
    ///   - cancellation: polled by long commands; the front end cancels it on Ctrl-C.
    ///   - progress: receives progress events of long commands.
    public func execute(
        _ line: String, cancellation: CancellationToken = .never, progress: ProgressSink = .discard
    ) -> CommandResult {
        let text = TextLayout.trimmed(Tokenizer.strippingComment(line))
        if text.isEmpty { return CommandResult() }
        history.append(text)
        let clock = ContinuousClock()
        let start = clock.now
        var result = run(text, cancellation: cancellation, progress: progress)
        if result.status == .success && result.changedWorkspace { stateHistory.append(text) }
        if let warning = record(text, result) { result.output += (result.output.isEmpty ? "" : "\n") + warning }
        if settings.timer && !environment.isPinned && result.command != nil {
            let elapsed = clock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            let time = seconds < 1 ? NumberFormat.significant(seconds * 1000, digits: 3) + " ms" : NumberFormat.significant(seconds, digits: 3) + " s"
            result.output += (result.output.isEmpty ? "" : "\n") + "time: " + time
        }
        return result
    }

    /// Candidates for the word ending at `cursor` (a character offset into `line`); each
    /// replaces the text from the last blank (or `=` in `--option=value`) to the cursor.
    public func completions(for line: String, cursor: Int) -> [String] {
        Completer(registry: registry, workspace: workspace, settings: settings, environment: environment)
            .completions(line: line, cursor: cursor)
    }

    /// `fair> `, or with state: `fair[compas · mtl · rec]> ` (always `fair> ` when pinned).
    public var prompt: String {
        guard !environment.isPinned else { return "fair> " }
        var parts: [String] = []
        for kind in workspace.kinds where kind.showsInPrompt {
            if let name = workspace.currentName(of: kind) { parts.append(name) }
        }
        if recorder != nil { parts.append("rec") }
        return parts.isEmpty ? "fair> " : "fair[" + parts.joined(separator: " · ") + "]> "
    }

    /// Whether `record start` is active.
    public var isRecording: Bool { recorder != nil }

    /// Takes over another session's workspace and settings (`run` steps through a lesson in a
    /// nested interpreter that starts from, and hands back, the student's session).
    func adopt(workspace: Workspace, settings: Settings) {
        self.workspace = workspace
        self.settings = settings
    }

    // MARK: Running

    private func run(_ text: String, cancellation: CancellationToken, progress: ProgressSink) -> CommandResult {
        var source = text
        if source.hasPrefix("?") { source = "help " + source.dropFirst() }
        var spec: CommandSpec?
        var context: CommandContext?
        do {
            let tokens = try Tokenizer.tokenize(source)
            let (found, wordCount) = try registry.resolve(words: tokens.map(\.text))
            spec = found
            for prerequisite in found.prerequisites where !prerequisite.isSatisfied(workspace) {
                throw CommandError.missingPrerequisite(command: found.name, what: prerequisite.what, remedy: prerequisite.remedy)
            }
            let valueContext = ValueContext(workspace: workspace, settings: settings, registry: registry, environment: environment)
            let invocation = try InvocationParser.parse(Array(tokens[wordCount...]), line: source, spec: found, context: valueContext)
            var running = CommandContext(
                spec: found, invocation: invocation, workspace: workspace, settings: settings, registry: registry,
                environment: environment, cancellation: cancellation, progress: progress, history: history,
                recordingPath: recorder?.displayPath, stateHistory: stateHistory)
            defer { context = running }
            try found.run(&running)
            return commit(running)
        } catch {
            let printed = context?.lines ?? []
            var message: String
            var status = CommandResult.Status.failure
            if let commandError = error as? CommandError {
                if case .interrupted = commandError {
                    status = .interrupted
                    message = commandError.description
                } else {
                    message = "error: " + commandError.description
                }
            } else {
                message = "error: " + String(describing: error)
            }
            message = Self.shortened(message)
            var result = CommandResult(
                command: spec?.name, output: (printed + [message]).joined(separator: "\n"), status: status,
                passedExpectations: context?.passedExpectations ?? 0, failedExpectations: context?.failedExpectations ?? 0)
            result.error = message
            return result
        }
    }

    /// Longest error message shown whole; a longer one (an engine's list of 10,000 group names)
    /// is cut there and says how much was left out.
    static let longestMessage = 2_000

    /// `message` cut to `longestMessage` characters, with the count of the rest.
    static func shortened(_ message: String) -> String {
        guard message.count > longestMessage else { return message }
        let rest = message.count - longestMessage
        return String(message.prefix(longestMessage)) + "… (\(rest) more characters)"
    }

    private func commit(_ context: CommandContext) -> CommandResult {
        let changed = context.workspace.revision != workspace.revision || context.settings != settings
        workspace = context.workspace
        settings = context.settings
        var lines = context.lines
        if let start = context.effects.startRecording {
            recorder = TranscriptRecorder(
                path: start.path, displayPath: start.displayPath, title: start.title, seed: settings.seed, width: settings.width)
        }
        if context.effects.stopRecording, var active = recorder {
            do {
                try active.write()
                recorder = nil
                lines.append("recorded \(active.entries.count) command\(active.entries.count == 1 ? "" : "s") to \(active.displayPath)")
            } catch {
                // Still recording: the file holds the transcript up to its last complete write,
                // and the next 'record stop' (once there is space) writes all of it.
                recorder = active
                let held = active.writtenCount
                lines.append("error: \(error.description) \(active.displayPath) still holds the first \(held) command\(held == 1 ? "" : "s") of \(active.entries.count); "
                    + "recording goes on: free some space (or fix the path) and run 'record stop' again")
                var result = CommandResult(command: context.spec.name, output: lines.joined(separator: "\n"), status: .failure)
                result.error = lines.last
                return result
            }
        }
        var result = CommandResult(
            command: context.spec.name, output: lines.joined(separator: "\n"),
            status: context.failedExpectations > 0 ? .expectationFailed : .success,
            passedExpectations: context.passedExpectations, failedExpectations: context.failedExpectations,
            changedWorkspace: changed, shouldQuit: context.effects.quit)
        result.figures = context.figures
        return result
    }

    /// Appends a line to the active transcript (not the `record` commands themselves) and
    /// rewrites the file, so a crash loses nothing; returns a warning when the file cannot be written.
    private func record(_ text: String, _ result: CommandResult) -> String? {
        guard var active = recorder, result.command != "record start", result.command != "record stop" else { return nil }
        active.append(command: text, output: result.output, failed: result.status == .failure || result.status == .interrupted)
        defer { recorder = active }
        do {
            try active.write()
            return nil
        } catch {
            return "warning: the transcript was not saved: \(error.description) It still holds the first \(active.writtenCount) commands; 'record stop' tries again."
        }
    }
}
