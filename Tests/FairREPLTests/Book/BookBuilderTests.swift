import Foundation
import Testing
@testable import FairREPL

@Suite("BookBuilder")
struct BookBuilderTests {
    static let stale = """
        ---
        lesson: 1
        title: Stale
        ---

        ```fair
        fair> let x = 2
        x = 3
        ```
        """

    @Test("an output that differs from its lesson fails the build at file:line")
    func staleOutput() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let sources = try BookFixtures.write(["01-stale.md": Self.stale, "02-escaping.md": BookFixtures.lesson], in: directory)
        let result = BookBuilder().build(sources)
        #expect(!result.isPassing && result.hasMismatches)
        #expect(result.failures.map(\.description) == [
            "Lessons/01-stale.md:7: output of 'let x = 2' differs from the lesson (- lesson, + actual):\n+ x = 2\n- x = 3",
        ])
        #expect(result.reports.map(\.isPassing) == [false, true])
        #expect(result.rewritten.isEmpty)
        #expect(directory.read("Lessons/01-stale.md") == Self.stale)
    }

    @Test("bless rewrites the lesson, runs it again and builds its chapter")
    func bless() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let sources = try BookFixtures.write(["01-stale.md": Self.stale], in: directory)
        let result = BookBuilder().build(sources, bless: true)
        #expect(result.isPassing, "\(result.failures)")
        #expect(result.rewritten == ["Lessons/01-stale.md": 1])
        #expect(directory.read("Lessons/01-stale.md") == Self.stale.replacingOccurrences(of: "x = 3", with: "x = 2") + "\n")
        #expect(result.book.chapters.first?.transcripts.first?.lines == ["fair> let x = 2", "x = 2"])
        #expect(result.book.chapters.first?.transcripts.first?.status == .passed)
    }

    @Test("a lesson that cannot run (no data directory for 'requires') fails the build: the Book shows real output only")
    func requires() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let sources = try BookFixtures.write(["01-data.md": "---\nrequires: compas\n---\n```fair\nfair> let x = 1\nx = 1\n```\n"], in: directory)
        let result = BookBuilder(runner: LessonRunner(variables: [:])).build(sources)
        #expect(result.failures.map(\.description) == [
            "Lessons/01-data.md:2: the Book shows real output only, and this lesson did not run: "
                + "needs dataset compas; set FAIR_DATA_DIR to the data directory to run it",
        ])
        #expect(result.book.chapters.isEmpty)
    }

    @Test("a lesson that does not parse fails the build at its line and has no chapter")
    func unparsable() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let sources = try BookFixtures.write(["01-bad.md": "```fair\noutput first\n```\n"], in: directory)
        let result = BookBuilder().build(sources)
        #expect(result.failures.map(\.line) == [2])
        #expect(result.book.chapters.isEmpty && !result.hasMismatches)
    }
}
