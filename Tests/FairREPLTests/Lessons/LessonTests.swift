import Foundation
import Testing
@testable import FairREPL

/// Every lesson of the repository, run as a test; failures point at the lesson's line.
/// `FAIR_BLESS=1 swift test --filter LessonTests` rewrites mismatched outputs in place.
@Suite("Lessons")
struct LessonTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var lessons: [String] {
        let directory = root.appendingPathComponent("Lessons").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".md") && $0.first?.isNumber == true }.sorted()
    }

    @Test("the repository has lessons")
    func present() {
        #expect(!Self.lessons.isEmpty)
    }

    @Test("lesson", arguments: lessons)
    func lesson(name: String) {
        let path = Self.root.appendingPathComponent("Lessons/" + name).path
        let runner = LessonRunner(projectRoot: Self.root.path)
        let bless = ProcessInfo.processInfo.environment["FAIR_BLESS"] == "1"
        let report = bless ? runner.bless(path: path, displayPath: "Lessons/" + name).report : runner.run(path: path, displayPath: "Lessons/" + name)
        if let reason = report.skipReason {
            Issue.record(Comment(rawValue: "skipped: \(reason)"), severity: .warning)
            return
        }
        for failure in report.failures {
            Issue.record(
                Comment(rawValue: failure.message),
                sourceLocation: SourceLocation(fileID: "Lessons/\(name)", filePath: path, line: failure.line, column: 1))
        }
    }
}
