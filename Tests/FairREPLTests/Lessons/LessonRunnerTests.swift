import Foundation
import Testing
@testable import FairREPL

@Suite("LessonRunner")
struct LessonRunnerTests {
    func write(_ text: String, in directory: TemporaryDirectory, name: String = "01-test.md") throws -> String {
        try FileManager.default.createDirectory(atPath: directory.file("Lessons"), withIntermediateDirectories: true)
        try directory.write(text, to: "Lessons/" + name)
        return directory.file("Lessons/" + name)
    }

    @Test("a lesson whose outputs match passes, with front matter applied")
    func passes() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = try write("""
            ---
            seed: 9
            width: 64
            ---
            ```fair
            fair> set seed
            seed = 9  (an integer ≥ 0; seed of every random step that has no --seed of its own)
            fair> set width
            width = 64  (an integer between 24 and 400; width of plots and tables in columns)
            fair> let x = 1/3
            x = 0.33\\d (re)
            fair> expect x < 1
            ✓ x < 1
            ```
            ```fair error
            fair> nope
            ...
            ```
            """, in: directory)
        let report = LessonRunner().run(path: path, displayPath: "Lessons/01-test.md")
        #expect(report.isPassing, "\(report.failures)")
        #expect(report.commands == 5)
        #expect(report.summary == "Lessons/01-test.md: 5 commands, 1 expectation — all passed")
    }

    @Test("every command's actual output is captured, matched by a pattern or not compared at all")
    func captured() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = try write("""
            ```fair
            fair> let x = 1/3
            x = 0\\.\\d+ (re)
            fair> let y = 2
            ...
            ```
            ```fair nondeterministic
            fair> let z = 5
            ```
            ```fair skip
            fair> let w = 1
            ```
            """, in: directory)
        let report = LessonRunner().run(path: path)
        #expect(report.isPassing, "\(report.failures)")
        #expect(report.capturedOutputs == [2: ["x = 0.333"], 4: ["y = 2"], 8: ["z = 5"]])
        #expect(report.mismatchedOutputs.isEmpty)
    }

    @Test("a mismatch is reported at the command's line with a diff")
    func mismatch() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = try write("# Title\n\n```fair\nfair> let x = 2\nx = 3\n```\n", in: directory)
        let report = LessonRunner().run(path: path, displayPath: "L.md")
        #expect(report.failures == [.init(
            path: "L.md", line: 4, message: "output of 'let x = 2' differs from the lesson (- lesson, + actual):\n+ x = 2\n- x = 3")])
        #expect(report.failures[0].description.hasPrefix("L.md:4: output of"))
        #expect(report.summary == "L.md: 1 command, 0 expectations — 1 failure")
    }

    @Test("failures outside error blocks, ✗ expectations, and interrupted commands fail the lesson")
    func failures() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = try write("""
            ```fair
            fair> nope
            error: unknown command 'nope'. Type 'help' for the list of commands.
            fair> let x = 1
            x = 1
            fair> expect x > 2
            ✗ x > 2 (expected > 2, got 1)
            ```
            ```fair nondeterministic
            fair> let y = 5
            whatever
            ```
            ```fair skip
            fair> this is never run
            ```
            """, in: directory)
        let report = LessonRunner().run(path: path, displayPath: "L.md")
        #expect(report.failures.map(\.line) == [2, 6])
        #expect(report.failures[0].message.hasPrefix("'nope' failed, in a block without the 'error' flag"))
        #expect(report.failures[1].message.hasPrefix("expectation failed: ✗ x > 2"))
        #expect(report.commands == 4)
    }

    @Test("bless rewrites mismatched outputs only, keeping patterns that match")
    func bless() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let original = """
            Prose stays.

            ```fair
            fair> let x = 1/3
            x = 0\\.\\d+ (re)
            fair> let y = 2
            y = 3
            old second line
            fair> let z = 1
            ```
            """
        let path = try write(original, in: directory)
        let (report, rewritten) = LessonRunner().bless(path: path)
        #expect(!report.isPassing && rewritten)
        #expect(directory.read("Lessons/01-test.md") == """
            Prose stays.

            ```fair
            fair> let x = 1/3
            x = 0\\.\\d+ (re)
            fair> let y = 2
            y = 2
            fair> let z = 1
            z = 1
            ```

            """)
        #expect(LessonRunner().run(path: path).isPassing)
    }

    @Test("requires: skipped without a data directory, failing when the dataset is missing")
    func requires() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = try write("---\nrequires: compas\n---\n```fair\nfair> let x = 1\nx = 1\n```\n", in: directory)
        let skipped = LessonRunner(variables: [:]).run(path: path, displayPath: "L.md")
        #expect(skipped.isPassing)
        #expect(skipped.summary == "L.md: skipped (needs dataset compas; set FAIR_DATA_DIR to the data directory to run it)")
        let missing = LessonRunner(variables: ["FAIR_DATA_DIR": directory.path]).run(path: path, displayPath: "L.md")
        #expect(missing.failures.map(\.line) == [2])
        try FileManager.default.createDirectory(atPath: directory.file("compas"), withIntermediateDirectories: true)
        #expect(LessonRunner(variables: ["FAIR_DATA_DIR": directory.path]).run(path: path).isPassing)
    }

    @Test("tested-by must name an existing file; bad front matter values are reported at their line")
    func frontMatterChecks() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = try write("---\ntested-by: Tests/Nope.swift\n---\n", in: directory)
        let report = LessonRunner().run(path: path, displayPath: "L.md")
        #expect(report.failures.map(\.line) == [2])
        #expect(report.failures[0].message.contains("does not exist; point it at the property test"))
        try FileManager.default.createDirectory(atPath: directory.file("Tests"), withIntermediateDirectories: true)
        try directory.write("", to: "Tests/Nope.swift")
        #expect(LessonRunner().run(path: path).isPassing)
        let badWidth = try write("---\nwidth: 5\n---\n", in: directory, name: "02-w.md")
        #expect(LessonRunner().run(path: badWidth).failures.map(\.line) == [2])
    }

    @Test("each lesson runs in a fresh directory that is removed afterwards")
    func freshDirectory() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = try write("```fair\nfair> save here.fairws\nsaved 0 values and the settings to here.fairws\n```\n", in: directory)
        #expect(LessonRunner().run(path: path).isPassing)
        #expect(FileManager.default.fileExists(atPath: directory.file("here.fairws")) == false)
        #expect(LessonRunner(workingDirectory: directory.path).run(path: path).isPassing)
        #expect(FileManager.default.fileExists(atPath: directory.file("here.fairws")))
    }
}
