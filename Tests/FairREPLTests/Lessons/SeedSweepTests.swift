import Foundation
import Testing
@testable import FairREPL

@Suite("SeedSweep")
struct SeedSweepTests {
    func write(_ text: String, in directory: TemporaryDirectory) throws -> String {
        try FileManager.default.createDirectory(atPath: directory.file("Lessons"), withIntermediateDirectories: true)
        try directory.write(text, to: "Lessons/01-sweep.md")
        return directory.file("Lessons/01-sweep.md")
    }

    @Test("the seed replaces the lesson's own and outputs are not compared; only checks are judged")
    func replacesSeed() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = try write("""
            ---
            seed: 42
            ---
            ```fair
            fair> set seed
            seed = 42 (this output is wrong at any other seed, and is not compared)
            fair> let x = 2
            x = 2.00
            fair> expect x > 1
            ✓ x > 1
            ```
            """, in: directory)
        let report = LessonRunner(seedOverride: 7).run(path: path, displayPath: "Lessons/01-sweep.md")
        #expect(report.isPassing, "\(report.failures)")
        #expect(report.capturedOutputs[5]?.first?.hasPrefix("seed = 7") == true)
        #expect(report.checks.map(\.line) == [9] && report.checks.map(\.condition) == ["x > 1"] && report.checks.allSatisfy(\.held))
    }

    @Test("a failing check is named with its seed and actual value, and counted once per seed")
    func failures() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = try write("""
            ```fair
            fair> let x = 2
            x = 2.00
            fair> expect x > 1
            ✓ x > 1
            fair> expect x > 3
            ✓ x > 3
            fair> expect y > 3
            ✓ y > 3
            ```
            """, in: directory)
        let sweep = SeedSweep(runner: LessonRunner(), seeds: [1, 2]).run(path: path, displayPath: "Lessons/01-sweep.md")
        #expect(sweep.held == 2 && sweep.total == 6)
        #expect(!sweep.isPassing)
        #expect(sweep.failedChecks.map(\.seed) == [1, 1, 2, 2])
        #expect(sweep.failedChecks[0].description == "Lessons/01-sweep.md:6: seed 1: expect x > 3 — ✗ x > 3 (expected > 3, got 2)")
        #expect(sweep.failedChecks[1].actual.hasPrefix("error: no result named 'y'"))
        #expect(sweep.otherFailures.isEmpty)
        #expect(sweep.lines.first == "Lessons/01-sweep.md: 2 of 6 checks held over 2 seeds")
        #expect(SeedSweep.summary([sweep]) == "2 of 6 checks held")
    }

    @Test("a command that fails outside an error block fails the sweep, with its seed")
    func commandFailure() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = try write("""
            ```fair
            fair> apply
            ```
            """, in: directory)
        let sweep = SeedSweep(runner: LessonRunner(), seeds: [5]).run(path: path, displayPath: "Lessons/01-sweep.md")
        #expect(sweep.total == 0 && !sweep.isPassing)
        #expect(sweep.otherFailures.first?.hasPrefix("Lessons/01-sweep.md:2: seed 5: 'apply' failed") == true)
    }

    @Test("seed ranges", arguments: [("1-3", [1, 2, 3] as [UInt64]), ("7", [7]), ("0-0", [0])])
    func ranges(text: String, seeds: [UInt64]) throws {
        #expect(try SeedSweep.seeds(parsing: text) == seeds)
    }

    @Test("lesson references: a number or the start of a name or slug, when it names one lesson")
    func references() {
        let names = ["00-reading.md", "01-strong.md", "02-ranks.md", "12-rates.md"]
        #expect(LessonFiles.name(matching: "1", among: names) == "01-strong.md")
        #expect(LessonFiles.name(matching: "12", among: names) == "12-rates.md")
        #expect(LessonFiles.name(matching: "rank", among: names) == "02-ranks.md")
        #expect(LessonFiles.name(matching: "02-ranks.md", among: names) == "02-ranks.md")
        #expect(LessonFiles.name(matching: "ra", among: names) == nil)
        #expect(LessonFiles.name(matching: "9", among: names) == nil)
    }

    /// The repository's lessons keep their claims at seeds other than their own (the full sweep,
    /// `fair lessons --seeds 1-30`, is a command; this runs a few).
    @Test("every lesson's checks hold at other seeds")
    func repositoryLessons() throws {
        let root = LessonTests.root
        let names = LessonTests.lessons
        let sweep = SeedSweep(runner: LessonRunner(projectRoot: root.path), seeds: [7, 8])
        for name in names {
            let result = sweep.run(path: root.appendingPathComponent("Lessons/" + name).path, displayPath: "Lessons/" + name)
            if result.skipReason != nil { continue }
            #expect(result.isPassing, "\(result.lines.joined(separator: "\n"))")
            #expect(result.total > 0 || name.hasPrefix("00"), "\(name) has no checks")
        }
    }
}
