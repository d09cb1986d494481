import Foundation
import Testing
@testable import FairREPL

/// The Book committed in `Book/` must be what `fair book` writes for today's lessons, so CI
/// catches a lesson (or a command's output) changed without rebuilding the Book. Outputs the
/// lessons leave free (`nondeterministic`, `...`, ` (re)`) may differ on another machine: that
/// is a warning, not a failure.
@Suite("The committed Book")
struct CommittedBookTests {
    @Test("Book/ is up to date with Lessons/ (rebuild it with 'swift run fair book')")
    func upToDate() throws {
        let root = LessonTests.root
        let names = try #require(LessonFiles.names(in: root.appendingPathComponent("Lessons").path))
        let sources = names.map {
            BookBuilder.Source(path: root.appendingPathComponent("Lessons/" + $0).path, displayPath: "Lessons/" + $0)
        }
        let result = BookBuilder(runner: LessonRunner(projectRoot: root.path)).build(sources)
        if let skipped = result.reports.first(where: { $0.skipReason != nil }) {
            Issue.record(Comment(rawValue: "not checked: \(skipped.summary)"), severity: .warning)
            return
        }
        guard result.isPassing else {
            Issue.record(Comment(rawValue: "the Book cannot be rebuilt while lessons fail (see the Lessons tests):\n"
                + result.failures.map(\.description).joined(separator: "\n")))
            return
        }

        // A fresh build, written to a temporary folder, byte for byte as the files it holds.
        let fresh = TemporaryDirectory()
        defer { fresh.remove() }
        try result.book.write(to: fresh.path)
        for file in result.book.files {
            #expect(fresh.read(file.path) == file.contents)
        }

        let book = root.appendingPathComponent("Book")
        for difference in BookCheck.differences(of: book.path, shownAs: "Book", from: result.book) {
            var line = 1
            if case let .stale(at) = difference.kind { line = at }
            if case let .varies(at) = difference.kind { line = at }
            let location = SourceLocation(
                fileID: difference.path, filePath: root.appendingPathComponent(difference.path).path, line: line, column: 1)
            Issue.record(
                Comment(rawValue: difference.description), severity: difference.isStale ? .error : .warning,
                sourceLocation: location)
        }
    }
}
