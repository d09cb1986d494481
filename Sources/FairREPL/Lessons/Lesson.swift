/// A parsed lesson file (REPL-AND-LESSONS.md §1.2): front matter, and the fenced `fair`
/// blocks with their commands and expected output, each tied to its line in the file.
public struct Lesson: Sendable, Equatable {
    /// `key: value` at a 1-based line.
    public struct FrontMatterEntry: Sendable, Equatable {
        public var key: String
        public var value: String
        public var line: Int
    }

    /// Block flags (§1.4).
    public enum Flag: String, Sendable, CaseIterable {
        /// Commands may fail; the error text is the expected output.
        case error
        /// Shown, never run.
        case skip
        /// Run, but left out of the Book.
        case hide
        /// Run; the output is not compared.
        case nondeterministic
    }

    /// One `fair> ` command and the expected output under it.
    public struct Command: Sendable, Equatable {
        /// 1-based line of the `fair> ` line.
        public var line: Int
        /// The command, continuation lines (`....> `) joined with a space.
        public var text: String
        /// Expected output lines, as written.
        public var expected: [String]
        /// 0-based indices of the file lines holding `expected` (for bless).
        public var expectedLines: Range<Int>
    }

    /// One fenced `fair` block.
    public struct Block: Sendable, Equatable {
        public var flags: Set<Flag>
        /// 1-based line of the opening fence.
        public var line: Int
        public var commands: [Command]
    }

    /// The path used in messages (`Lessons/03-ranks.md`).
    public var path: String
    public var frontMatter: [FrontMatterEntry]
    public var blocks: [Block]
    /// The file's lines, for bless.
    public var lines: [String]

    /// The front matter value of `key`.
    public func value(_ key: String) -> FrontMatterEntry? { frontMatter.first { $0.key == key } }
}
