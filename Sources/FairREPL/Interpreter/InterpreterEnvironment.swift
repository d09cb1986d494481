import Foundation

/// What the interpreter knows of the world outside the workspace: where relative paths start,
/// the environment variables (e.g. `FAIR_DATA_DIR`), and whether output is pinned for lessons.
public struct InterpreterEnvironment: Sendable, Equatable {
    /// Absolute directory that relative paths are resolved against.
    public var workingDirectory: String
    /// The user's home directory, for `~/…` paths.
    public var homeDirectory: String
    /// Environment variables commands may read (`FAIR_DATA_DIR`).
    public var variables: [String: String]
    /// Lessons and tests: the timer is off and the prompt is always `fair> `, so output is reproducible.
    public var isPinned: Bool

    public init(workingDirectory: String, homeDirectory: String = NSHomeDirectory(), variables: [String: String] = [:], isPinned: Bool = false) {
        self.workingDirectory = workingDirectory
        self.homeDirectory = homeDirectory
        self.variables = variables
        self.isPinned = isPinned
    }

    /// The process's working directory and environment.
    public static func current() -> InterpreterEnvironment {
        InterpreterEnvironment(
            workingDirectory: FileManager.default.currentDirectoryPath, variables: ProcessInfo.processInfo.environment)
    }

    /// `path` made absolute: `~/x` from the home directory, relative paths from the working directory.
    public func resolve(path: String) -> String {
        if path == "~" { return homeDirectory }
        if path.hasPrefix("~/") { return homeDirectory + String(path.dropFirst(1)) }
        if path.hasPrefix("/") { return path }
        return URL(fileURLWithPath: workingDirectory).appendingPathComponent(path).path
    }
}
