import Foundation
import Testing
@testable import FairREPL

/// A small synthetic lesson that exercises every part of a chapter: front matter with
/// characters to escape, a heading the chapter replaces, a hidden setup block, a pattern
/// line, an expectation, an error block, a skip block and a nondeterministic block.
enum BookFixtures {
    static let lesson = #"""
        ---
        lesson: 2
        title: Escaping <b> & "quotes"
        theorem: Claim 1 — a < b & b > a, so *not* a = b
        seed: 7
        ---

        # Lesson 2 — a heading the chapter replaces

        Some *prose* with `code` & <b>bold</b>.

        ```fair hide
        fair> let hidden = 7
        hidden = 7
        ```

        ## Visible

        ```fair
        fair> let x = 1/3
        x = 0\.\d+ (re)
        fair> expect x < 1
        ✓ x < 1
        ```

        ```fair error
        fair> frobnicate
        error: unknown command 'frobnicate'. Type 'help' for the list of commands.
        ```

        ```fair skip
        fair> never run
        whatever
        ```

        ```fair nondeterministic
        fair> let y = hidden + 1
        ```
        """#

    /// A second lesson, numbered before the first, to check the table of contents' order.
    static let first = """
        ---
        lesson: 1
        title: First
        ---

        ```fair
        fair> let a = 1
        a = 1
        ```
        """

    /// Writes `lessons` (name → text) under `directory/Lessons` and returns their sources in name order.
    static func write(_ lessons: [String: String], in directory: TemporaryDirectory) throws -> [BookBuilder.Source] {
        try FileManager.default.createDirectory(atPath: directory.file("Lessons"), withIntermediateDirectories: true)
        for (name, text) in lessons { try directory.write(text, to: "Lessons/" + name) }
        return lessons.keys.sorted().map { BookBuilder.Source(path: directory.file("Lessons/" + $0), displayPath: "Lessons/" + $0) }
    }

    /// The chapter of the synthetic lesson, built by running it.
    static func chapter() throws -> BookChapter {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let sources = try write(["02-escaping.md": lesson], in: directory)
        let result = BookBuilder().build(sources)
        try #require(result.isPassing, "\(result.failures)")
        return try #require(result.book.chapters.first)
    }
}
