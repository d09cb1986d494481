import Testing
@testable import FairREPL

@Suite("LessonParser")
struct LessonParserTests {
    static let text = """
        ---
        lesson: 3
        title: Ranks
        seed: 42
        ---

        # Prose

        ```text
        fair> not run
        ```

        ~~~~markdown
        ```fair
        fair> inside an example, not run
        ```
        ~~~~

        ```fair hide
        fair> let x = 1
        x = 1
        fair> let y = \\
        ....> 2
        y = 2
        ```

        ```fair error nondeterministic
        fair> oops

        error: unknown command 'oops'.
        ```
        """

    @Test("front matter, executable blocks with flags, commands with their lines and output")
    func structure() throws {
        let lesson = try LessonParser.parse(Self.text, path: "L.md")
        #expect(lesson.frontMatter.map(\.key) == ["lesson", "title", "seed"])
        #expect(lesson.value("seed")?.line == 4)
        #expect(lesson.blocks.count == 2)
        #expect(lesson.blocks[0].flags == [.hide])
        #expect(lesson.blocks[0].line == 19)
        #expect(lesson.blocks[0].commands.map(\.text) == ["let x = 1", "let y = 2"])
        #expect(lesson.blocks[0].commands.map(\.line) == [20, 22])
        #expect(lesson.blocks[0].commands[1].expected == ["y = 2"])
        #expect(lesson.blocks[0].commands[1].expectedLines == 23..<24)
        #expect(lesson.blocks[1].flags == [.error, .nondeterministic])
        #expect(lesson.blocks[1].commands[0].expected == ["", "error: unknown command 'oops'."])
    }

    @Test("mistakes are reported at their line", arguments: [
        ("---\ntitle x\n---\n", 2, "front matter lines are 'key: value'; this one has no ':'"),
        ("---\ntitel: x\n---\n", 2, "unknown front matter key 'titel'. Did you mean 'title'? Keys: lesson, title, theorem, tested-by, seed, width, requires."),
        ("---\ntitle: x\n", 1, "the front matter opened here is never closed with '---'"),
        ("text\n```fair\nfair> x\n", 2, "the ```fair block opened here is never closed"),
        ("```fair skpi\n```\n", 1, "unknown block flag 'skpi'. Did you mean 'skip'? Flags: error, skip, hide, nondeterministic."),
        ("```fair\noutput first\n```\n", 2, "output before the first 'fair> ' command of the block; start the block with a command"),
        ("```fair\n....> x\n```\n", 2, "a '....> ' continuation line must follow a 'fair> ' command directly"),
        ("```text\nnever closed\n", 1, "the ``` block opened here is never closed"),
    ])
    func errors(text: String, line: Int, message: String) {
        #expect(throws: LessonError(path: "L.md", line: line, message: message)) { try LessonParser.parse(text, path: "L.md") }
        #expect(LessonError(path: "L.md", line: line, message: message).description == "L.md:\(line): \(message)")
    }
}
