import FairPlot

/// What one executed line produced.
public struct CommandResult: Sendable, Equatable {
    /// How the line ended.
    public enum Status: Sendable, Equatable {
        case success
        /// The command failed (a usage error, a missing prerequisite, a failing operation).
        case failure
        /// The command ran, but an `expect` was false (a ✗ was printed).
        case expectationFailed
        /// Stopped by Ctrl-C; the workspace is unchanged.
        case interrupted
    }

    /// The command's name (nil for blank lines, comments and unknown commands).
    public var command: String?
    /// Everything printed, without a trailing newline; errors read `error: …`.
    public var output: String
    /// When the command failed or was interrupted: the message that ends `output` (`error: …`),
    /// which script front ends send to standard error.
    public var error: String?
    /// `output` without the trailing `error` message: what the command printed before it failed.
    public var printedOutput: String {
        guard let error, output.hasSuffix(error) else { return output }
        var printed = String(output.dropLast(error.count))
        if printed.hasSuffix("\n") { printed.removeLast() }
        return printed
    }
    public var status: Status
    /// Expectations checked by the line that held.
    public var passedExpectations: Int
    /// Expectations checked by the line that failed.
    public var failedExpectations: Int
    /// Whether the workspace (values or settings) is different afterwards.
    public var changedWorkspace: Bool
    /// The command asks the front end to end the session.
    public var shouldQuit: Bool
    /// The figures the command printed, as charts: the Book draws them as SVG where `output`
    /// has their text.
    public var figures: [PrintedFigure] = []

    /// A figure as a chart model and as the text printed for it (part of `output`).
    public struct PrintedFigure: Sendable, Equatable {
        public var figure: Figure
        public var text: String

        public init(figure: Figure, text: String) {
            self.figure = figure
            self.text = text
        }
    }

    public init(
        command: String? = nil, output: String = "", status: Status = .success, passedExpectations: Int = 0,
        failedExpectations: Int = 0, changedWorkspace: Bool = false, shouldQuit: Bool = false
    ) {
        self.command = command
        self.output = output
        self.status = status
        self.passedExpectations = passedExpectations
        self.failedExpectations = failedExpectations
        self.changedWorkspace = changedWorkspace
        self.shouldQuit = shouldQuit
    }
}
