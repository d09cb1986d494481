import Testing
@testable import FairREPL

@Suite("record")
struct RecordCommandTests {
    @Test("the transcript is a lesson: front matter, fair blocks, failures in error blocks, and it replays")
    func transcript() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let repl = makeInterpreter(directory: directory.path)
        run(repl, "set seed 3")
        #expect(repl.execute("record start notes.md --title 'A session'").output == "recording to notes.md (stop with 'record stop')")
        #expect(repl.isRecording)
        run(repl, "let x = 1/4")
        _ = repl.execute("let y = nope")
        run(repl, "expect x < 1")
        #expect(repl.execute("record stop").output == "recorded 3 commands to notes.md")
        #expect(!repl.isRecording)
        _ = repl.execute("let after = 1")
        let expected = """
            ---
            title: A session
            seed: 3
            width: 80
            ---

            ```fair
            fair> let x = 1/4
            x = 0.250
            ```

            ```fair error
            fair> let y = nope
            error: no result named 'nope'. Known: 'x'.
            ```

            ```fair
            fair> expect x < 1
            ✓ x < 1
            ```

            """
        #expect(directory.read("notes.md") == expected)
        let report = LessonRunner().run(path: directory.file("notes.md"), displayPath: "notes.md")
        #expect(report.isPassing, "\(report.failures)")
        #expect(report.summary == "notes.md: 3 commands, 1 expectation — all passed")
    }

    @Test("the file is written after every command")
    func incremental() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let repl = makeInterpreter(directory: directory.path)
        run(repl, "record start live.md", "let x = 2")
        #expect(directory.read("live.md")?.contains("fair> let x = 2\nx = 2\n") == true)
    }

    @Test("wrong states and paths are errors that say what to do")
    func errors() {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let repl = makeInterpreter(directory: directory.path)
        #expect(repl.execute("record stop").output == "error: not recording; start with 'record start FILE'")
        #expect(repl.execute("record start nowhere/x.md").output.hasPrefix("error: cannot use nowhere/x.md: the directory"))
        run(repl, "record start a.md")
        #expect(repl.execute("record start b.md").output == "error: already recording to a.md; run 'record stop' first")
    }

    @Test("quit stops a recording and writes it")
    func quitStops() {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let repl = makeInterpreter(directory: directory.path)
        run(repl, "record start q.md", "let x = 1")
        let result = repl.execute("quit")
        #expect(result.shouldQuit)
        #expect(result.output == "recorded 1 command to q.md")
    }
}
