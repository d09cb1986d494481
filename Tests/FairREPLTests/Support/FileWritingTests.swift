import Foundation
import Testing
@testable import FairCore
@testable import FairREPL
@testable import FairSupport

@Suite("FileWriting")
struct FileWritingTests {
    @Test("writes and replaces, leaving no temporary file behind")
    func replace() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try FileWriting.write("one", to: directory.file("f.txt"))
        try FileWriting.write("two", to: directory.file("f.txt"))
        #expect(directory.read("f.txt") == "two")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["f.txt"])
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.file("f.txt"))
        #expect((attributes[.posixPermissions] as? Int) == 0o666 & ~Int(AtomicFile.currentUmask()))
    }

    @Test("a failed write leaves the old file untouched and says what to do")
    func failure() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try FileWriting.write("keep", to: directory.file("f.txt"))
        // A directory in the way: the write is refused, the original is intact.
        try FileManager.default.createDirectory(atPath: directory.file("d"), withIntermediateDirectories: true)
        try directory.write("x", to: "d/inside")
        #expect(throws: CommandError.file(path: directory.file("d"), reason: "it is a directory, not a regular file; write to a regular file instead")) {
            try FileWriting.write("new", to: directory.file("d"))
        }
        #expect(directory.read("f.txt") == "keep")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["d", "f.txt"])
        do {
            try FileWriting.write("x", to: directory.file("missing/f.txt"))
            Issue.record("wrote into a missing directory")
        } catch {
            #expect(error.description.contains("does not exist; create it first or choose another path"))
        }
    }
}
