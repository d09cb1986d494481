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
        let book = Book(chapters: [try BookFixtures.chapter()])
        let out = directory.file("deep/Book")
        #expect(try book.write(to: out) == ["02-escaping.md", "html/02-escaping.html", "html/index.html"])
        #expect(directory.read("deep/Book/02-escaping.md") == book.files[0].contents)
        #expect(try book.write(to: out) == [])
        try directory.write("old", to: "deep/Book/html/index.html")
        #expect(try book.write(to: out) == ["html/index.html"])
        try directory.write("", to: "file")
        #expect(throws: CommandError.self) { try book.write(to: directory.file("file/Book")) }
    }
}
