import Foundation
import Testing
@testable import FairREPL

@Suite("Book")
struct BookTests {
    @Test("two builds of the same lessons give byte-identical files, with no date in them")
    func deterministic() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let sources = try BookFixtures.write(["02-escaping.md": BookFixtures.lesson, "01-first.md": BookFixtures.first], in: directory)
        let first = BookBuilder().build(sources).book
        let second = BookBuilder().build(sources).book
        #expect(first.files == second.files)
        try first.write(to: directory.file("one"))
        try second.write(to: directory.file("two"))
        for file in first.files {
            #expect(FileManager.default.contents(atPath: directory.file("one/" + file.path))
                == FileManager.default.contents(atPath: directory.file("two/" + file.path)))
        }
        let year = String(Calendar(identifier: .gregorian).component(.year, from: Date()))
        #expect(!first.files.contains { $0.contents.contains(year) })
    }

    @Test("write creates the folders, writes each file atomically and leaves unchanged files alone")
    func write() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var book = Book(chapters: [try BookFixtures.chapter()])
        try book.typesetMath(with: KaTeX())
        let out = directory.file("deep/Book")
        let written = try book.write(to: out)
        #expect(Array(written.prefix(9)) == [
            "02-escaping.md", "html/02-escaping.html", "html/index.html", "html/commands.html", "html/book.css", "html/book.js",
            "html/search-index.js", "html/katex/katex.min.css", "html/katex/fonts/KaTeX_AMS-Regular.woff2",
        ])
        // The fonts are copied byte for byte.
        #expect(FileManager.default.contents(atPath: directory.file("deep/Book/html/katex/fonts/KaTeX_AMS-Regular.woff2"))
            == FileManager.default.contents(atPath: "/usr/share/javascript/katex/fonts/KaTeX_AMS-Regular.woff2"))
        #expect(directory.read("deep/Book/02-escaping.md") == book.files[0].contents)
        #expect(try book.write(to: out) == [])
        try directory.write("old", to: "deep/Book/html/index.html")
        #expect(try book.write(to: out) == ["html/index.html"])
        try directory.write("", to: "file")
        #expect(throws: CommandError.self) { try book.write(to: directory.file("file/Book")) }
    }
}
