/// A lesson file that cannot be parsed, located at `path:line`.
public struct LessonError: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    /// 1-based line.
    public var line: Int
    public var message: String

    public init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String { "\(path):\(line): \(message)" }
}
