import Testing
@testable import FairREPL

@Suite("BookChapter")
struct BookChapterTests {
    @Test("front matter gives the title, theorem and order; the lesson's own heading is replaced")
    func frontMatter() throws {
        let chapter = try BookFixtures.chapter()
        #expect(chapter.source == "Lessons/02-escaping.md")
        #expect(chapter.name == "02-escaping")
        #expect(chapter.number == 2)
        #expect(chapter.title == #"Escaping <b> & "quotes""#)
        #expect(chapter.heading == #"Lesson 2: Escaping <b> & "quotes""#)
        #expect(chapter.theorem == "Claim 1 — a < b & b > a, so *not* a = b")
        #expect(chapter.testedBy == nil)
        guard case let .prose(lines)? = chapter.parts.first else {
            Issue.record("the chapter should open with prose")
            return
        }
        #expect(lines == ["Some *prose* with `code` & <b>bold</b>."])
        #expect(chapter.parts.dropFirst(2).first == .prose(["## Visible"]))
    }

    @Test("hide blocks are kept (the Book shows setup collapsed); skip blocks show the lesson's text; every other block its captured output")
    func transcripts() throws {
        var transcripts = try BookFixtures.chapter().transcripts
        #expect(transcripts.map(\.line) == [12, 19, 26, 31, 36])
        let setup = transcripts.removeFirst()
        #expect(setup.flags == [.hide] && setup.lines == ["fair> let hidden = 7", "hidden = 7"] && setup.status == .passed)
        #expect(setup.verdict == "✓ 1 command of setup; output as in the lesson")
        #expect(transcripts[0].lines == ["fair> let x = 1/3", "x = 0.333", "fair> expect x < 1", "✓ x < 1"])
        #expect(transcripts[0].entries.map(\.varies) == [true, false])
        #expect(transcripts[1].status == .passed && transcripts[1].flags == [.error])
        #expect(transcripts[2].status == .notRun && transcripts[2].lines == ["fair> never run", "whatever"])
        #expect(transcripts[2].entries[0].varies == false)
        // The hidden block ran: its value is there for the next blocks.
        #expect(transcripts[3].lines == ["fair> let y = hidden + 1", "y = 8"])
        #expect(transcripts[3].entries[0].varies)
    }

    @Test("a failing block shows the actual output and ✗ with the failing lines")
    func failing() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let sources = try BookFixtures.write(["01-bad.md": "```fair\nfair> let x = 2\nx = 3\nfair> let y = 1\ny = 1\n```\n"], in: directory)
        let result = BookBuilder().build(sources)
        let transcript = try #require(result.book.chapters.first?.transcripts.first)
        #expect(transcript.status == .failed(lines: [2]))
        #expect(transcript.lines == ["fair> let x = 2", "x = 2", "fair> let y = 1", "y = 1"])
        #expect(transcript.verdict == "✗ 2 commands; the lesson fails at line 2")
        #expect(transcript.passed == false)
    }

    @Test("without front matter: the title is the first heading, else the file name; fences in prose stay whole")
    func fallbacks() throws {
        let lesson = try LessonParser.parse("""
            # A heading

            ```text
            # not a heading
            ```

            ```fair hide
            fair> let a = 1
            ```

            Last words.
            """, path: "Lessons/07-plain.md")
        let chapter = BookChapter(lesson: lesson, report: LessonReport(path: lesson.path))
        #expect(chapter.title == "A heading" && chapter.heading == "A heading" && chapter.number == nil)
        guard chapter.parts.count == 3, case let .transcript(setup) = chapter.parts[1] else {
            Issue.record("expected prose, the setup block and prose: \(chapter.parts)")
            return
        }
        #expect(chapter.parts[0] == .prose(["```text", "# not a heading", "```"]) && chapter.parts[2] == .prose(["Last words."]))
        #expect(setup.flags == [.hide])
        let untitled = BookChapter(lesson: try LessonParser.parse("Text.\n", path: "Lessons/08-x.md"), report: LessonReport(path: "x"))
        #expect(untitled.title == "08-x" && untitled.parts == [.prose(["Text."])])
    }

    @Test("masking replaces only the outputs that may vary")
    func masked() throws {
        let masked = try BookFixtures.chapter().masked(with: "@@")
        #expect(masked.transcripts.map(\.lines) == [
            ["fair> let hidden = 7", "hidden = 7"],
            ["fair> let x = 1/3", "@@", "fair> expect x < 1", "✓ x < 1"],
            ["fair> frobnicate", "error: unknown command 'frobnicate'. Type 'help' for the list of commands."],
            ["fair> never run", "whatever"],
            ["fair> let y = hidden + 1", "@@"],
        ])
    }
}
