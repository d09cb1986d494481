import FairCore
import FairPlot

/// What a command handler works with: its parsed invocation, a private copy of the workspace
/// and settings (kept only if the handler returns normally), the registry, the environment,
/// the cancellation token and progress sink, and an output buffer.
public struct CommandContext {
    /// The command being run.
    public let spec: CommandSpec
    /// Typed options and arguments.
    public let invocation: ParsedInvocation
    /// The workspace; changes are kept only when the handler returns without throwing.
    public var workspace: Workspace
    /// The settings; same rule as the workspace.
    public var settings: Settings
    public let registry: CommandRegistry
    public let environment: InterpreterEnvironment
    /// Polled by long commands (see `checkCancellation(_:)`).
    public let cancellation: CancellationToken
    /// Receives progress events of long commands.
    public let progress: ProgressSink
    /// The lines executed so far in this session (this one last).
    public let history: [String]
    /// The transcript file `record start` is writing to, if any (as typed).
    public let recordingPath: String?
    /// The earlier lines of this session that succeeded and changed the workspace or settings.
    public let stateHistory: [String]

    var lines: [String] = []
    var figures: [CommandResult.PrintedFigure] = []
    var passedExpectations = 0
    var failedExpectations = 0
    var effects = Effects()

    /// Session changes only the interpreter can make, applied after the handler succeeds.
    struct Effects {
        var quit = false
        var startRecording: (path: String, displayPath: String, title: String)?
        var stopRecording = false
    }

    init(
        spec: CommandSpec, invocation: ParsedInvocation, workspace: Workspace, settings: Settings, registry: CommandRegistry,
        environment: InterpreterEnvironment, cancellation: CancellationToken, progress: ProgressSink, history: [String],
        recordingPath: String?, stateHistory: [String] = []
    ) {
        self.stateHistory = stateHistory
        self.spec = spec
        self.invocation = invocation
        self.workspace = workspace
        self.settings = settings
        self.registry = registry
        self.environment = environment
        self.cancellation = cancellation
        self.progress = progress
        self.history = history
        self.recordingPath = recordingPath
    }

    /// The context value sources and kinds see.
    public var valueContext: ValueContext {
        ValueContext(workspace: workspace, settings: settings, registry: registry, environment: environment)
    }

    // MARK: Output

    /// Prints `text` (one or more lines).
    public mutating func print(_ text: String) {
        lines.append(text)
    }

    /// Prints a table in the current `format` (aligned text, CSV or JSON).
    public mutating func print(table: ResultTable) {
        lines.append(table.render(settings.format, digits: settings.digits))
    }

    /// Prints a figure with the current canvas, width and colour settings.
    public mutating func print(figure: Figure) {
        let renderer = TextRenderer(canvas: settings.canvas, usesColor: settings.color)
        let text = renderer.render(figure, width: settings.width)
        lines.append(text)
        figures.append(CommandResult.PrintedFigure(figure: figure, text: text))
    }

    /// `x` with the current significant digits.
    public func format(_ x: Double) -> String { NumberFormat.significant(x, digits: settings.digits) }

    /// Records the outcome of one expectation (the caller prints its ✓/✗ line).
    public mutating func recordExpectation(passed: Bool) {
        if passed { passedExpectations += 1 } else { failedExpectations += 1 }
    }

    // MARK: Cancellation and files

    /// Throws `CommandError.interrupted` when Ctrl-C was pressed; call it at safe points.
    /// - Parameter detail: where the command was (`at epoch 7`), shown to the user.
    public func checkCancellation(_ detail: @autoclosure () -> String = "") throws(CommandError) {
        if cancellation.isCancelled { throw .interrupted(command: spec.name, detail: detail()) }
    }

    /// A path typed by the user, made absolute (`~` and relative paths resolved).
    public func resolve(path: String) -> String { environment.resolve(path: path) }

    /// Ends the session after this command.
    public mutating func requestQuit() { effects.quit = true }
}
