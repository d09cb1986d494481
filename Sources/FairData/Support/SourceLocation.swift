/// A position in a text file, as editors and compilers show it: `file:line:column`.
///
/// `line` is 1-based and counts physical lines (a newline inside a quoted CSV field starts a new
/// line). `column` is 1-based and counts Unicode scalars from the start of the line (bytes of an
/// invalid UTF-8 sequence count one each), so it matches the column an editor shows.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The file name or path as given to the reader (or a label such as `<string>`).
    public let file: String
    /// 1-based line number.
    public let line: Int
    /// 1-based column (Unicode scalars from the start of the line).
    public let column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}
