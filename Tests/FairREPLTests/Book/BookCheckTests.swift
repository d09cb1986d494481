import Foundation
import Testing
@testable import FairREPL

@Suite("BookCheck")
struct BookCheckTests {
    @Test("an up-to-date folder has no differences; missing, stray and stale files are named at their line")
    func differences() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let book = Book(chapters: [try BookFixtures.chapter()])
        let out = directory.file("Book")
        try book.write(to: out)
        try directory.write("hand-written", to: "Book/README.md")
        #expect(BookCheck.differences(of: out, from: book).isEmpty)

        try FileManager.default.removeItem(atPath: directory.file("Book/html/index.html"))
        try directory.write("old chapter", to: "Book/01-old.md")
        let markdown = try #require(directory.read("Book/02-escaping.md"))
        try directory.write(markdown.replacingOccurrences(of: "## Visible", with: "## Seen"), to: "Book/02-escaping.md")
        let found = BookCheck.differences(of: out, shownAs: "Book", from: book)
        #expect(found.map(\.description) == [
            "Book/02-escaping.md:23: differs from a fresh build of the lessons; run 'fair book' and commit the Book",
            "Book/html/index.html: missing; run 'fair book' and commit the Book",
            "Book/01-old.md: comes from no lesson; delete it (or restore its lesson) and run 'fair book'",
        ])
        #expect(found.allSatisfy { $0.isStale })
    }

    @Test("a difference only inside output that may vary by machine is not a stale Book")
    func varies() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let book = Book(chapters: [try BookFixtures.chapter()])
        let out = directory.file("Book")
        try book.write(to: out)
        // Another machine printed other lines for the nondeterministic block.
        for file in ["02-escaping.md", "html/02-escaping.html"] {
            let text = try #require(directory.read("Book/" + file))
            let changed = text.replacingOccurrences(of: "y = 8\n", with: "y = 8.0\nand a second line\n")
                .replacingOccurrences(of: "<code>y = 8</code>", with: "<code>y = 8.0\nand a second line</code>")
            #expect(changed != text)
            try directory.write(changed, to: "Book/" + file)
        }
        let found = BookCheck.differences(of: out, shownAs: "Book", from: book)
        #expect(found.map(\.kind) == [.varies(line: 50), .varies(line: 74)])
        #expect(found.allSatisfy { !$0.isStale })
        #expect(found.first?.description.hasPrefix("Book/02-escaping.md:") == true)
        #expect(found.first?.description.hasSuffix(": differs from a fresh build only in output that varies by machine (left as committed)") == true)
    }

    @Test("the wildcard match", arguments: [
        (["a", "*", "c"], ["a", "c"], true),
        (["a", "*", "c"], ["a", "x", "y", "c"], true),
        (["a", "*", "c"], ["a", "x", "c", "d"], false),
        (["*", "b", "*", "b"], ["x", "b", "b", "y", "b"], true),
        (["a"], ["a", "b"], false),
        ([], [], true),
    ])
    func wildcard(pattern: [String], lines: [String], expected: Bool) {
        let pattern = pattern.map { $0 == "*" ? Book.variesPlaceholder : $0 }
        #expect(BookCheck.matches(pattern: pattern, lines) == expected)
    }
}
