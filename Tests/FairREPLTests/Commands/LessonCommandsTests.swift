import Foundation
import Testing
@testable import FairREPL

@Suite("lessons, run, help names lessons")
struct LessonCommandsTests {
    static let lesson = """
        ---
        lesson: 1
        title: Thirds
        theorem: Arithmetic 1 — a third is less than a half
        seed: 9
        ---
        # Lesson 1

        ```fair hide
        fair> let third = 1/3
        third = 0.333
        ```

        ## Check

        ```fair
        fair> expect third < 0.5
        ✓ third < 0.5
        fair> let half = 0.5
        half = 0.500
        ```

        ## Skipped

        ```fair skip
        fair> let never = 1
        ```
        """

    func session() throws -> (Interpreter, TemporaryDirectory) {
        let directory = TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.file("Lessons"), withIntermediateDirectories: true)
        try directory.write(Self.lesson, to: "Lessons/01-thirds.md")
        return (makeInterpreter(directory: directory.path), directory)
    }

    @Test("lessons lists number, title and the result demonstrated")
    func list() throws {
        let (repl, directory) = try session()
        defer { directory.remove() }
        let output = run(repl, "lessons").output
        #expect(output.contains("     1  Thirds  Arithmetic 1"))
        #expect(DomainFixtures.failure(repl, "lessons --dir nowhere").hasPrefix("error: no lessons folder at"))
    }

    @Test("run N runs the lesson in this session: hidden setup silent, checks counted, the workspace kept, the seed applied")
    func runsInSession() throws {
        let (repl, directory) = try session()
        defer { directory.remove() }
        let result = run(repl, "run 1")
        #expect(result.status == .success && result.passedExpectations == 1)
        #expect(!result.output.contains("fair> let third"))
        #expect(result.output.contains("## Check\nfair> expect third < 0.5\n✓ third < 0.5"))
        #expect(result.output.hasSuffix("Lessons/01-thirds.md: 3 commands; 1 of 1 check held. The workspace keeps what the lesson built: try 'show'."))
        #expect(repl.workspace.number(named: "half") == 0.5 && repl.settings.seed == 9)
        #expect(!run(repl, "run thirds --show-setup").output.contains("never"))
        #expect(run(repl, "run 1 --show-setup").output.contains("fair> let third = 1/3"))
        #expect(DomainFixtures.failure(repl, "run 7").hasPrefix("error: no single lesson '7'"))
    }

    @Test("run --section K runs one section; on a terminal the front end steps through them")
    func sections() throws {
        let (repl, directory) = try session()
        defer { directory.remove() }
        #expect(run(repl, "run 1 --section 1").output.hasPrefix("lesson 1: Thirds"))
        let second = run(repl, "run 1 --section 2").output
        #expect(second.hasPrefix("\n## Check\nfair> expect third < 0.5"))
        #expect(second.hasSuffix("(section 2 of 3): 2 commands; 1 of 1 check held."))
        #expect(LessonStepping.sectionCommands(for: "run 1", workingDirectory: directory.path) == ["run 1 --section 1", "run 1 --section 2"])
        #expect(LessonStepping.sectionCommands(for: "run 1 --section 2", workingDirectory: directory.path) == nil)
        #expect(LessonStepping.sectionCommands(for: "run 9", workingDirectory: directory.path) == nil)
        #expect(DomainFixtures.failure(repl, "run 1 --section 4") == "error: Lessons/01-thirds.md has 3 sections; --section 4 is past the last")
    }

    @Test("a check that fails in the lesson makes run fail like expect")
    func failingCheck() throws {
        let (repl, directory) = try session()
        defer { directory.remove() }
        try directory.write(Self.lesson.replacingOccurrences(of: "third < 0.5", with: "third > 0.5"), to: "Lessons/01-thirds.md")
        let result = repl.execute("run 1")
        #expect(result.status == .expectationFailed && result.failedExpectations == 1)
        #expect(result.output.contains("(differs from the lesson at Lessons/01-thirds.md:17)"))
    }

    @Test("help CMD names the lessons that use the command")
    func helpNamesLessons() throws {
        let (repl, directory) = try session()
        defer { directory.remove() }
        #expect(run(repl, "help expect").output.hasSuffix("Used in: Lessons/01-thirds.md"))
        #expect(!run(repl, "help save").output.contains("Used in:"))
    }
}
