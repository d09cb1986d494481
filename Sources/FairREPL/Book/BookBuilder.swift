import Foundation

/// Builds the Book (REPL-AND-LESSONS.md §1.7): runs every lesson in order, each in a fresh
/// session, and makes a chapter of each from the output its commands print. With `bless`, a
/// lesson whose output differs from what it says is first rewritten with the new output (as
/// `fair lessons --bless` does) and run again. Nothing is written here: the caller writes
/// `result.book` only when `result.isPassing`, so the Book never shows stale output.
public struct BookBuilder: Sendable {
    /// A lesson to run: its path on disk and the path shown in messages and in the Book.
    public struct Source: Sendable, Equatable {
        public var path: String
        public var displayPath: String

        public init(path: String, displayPath: String? = nil) {
            self.path = path
            self.displayPath = displayPath ?? path
        }
    }

    /// The outcome of a build.
    public struct Result: Sendable {
        /// The chapters of every lesson that could be read and run.
        public var book: Book
        /// One report per lesson, in run order (after blessing, the report of the second run).
        public var reports: [LessonReport]
        /// Outputs rewritten by bless, by the lesson's display path.
        public var rewritten: [String: Int]
        /// Why the Book cannot be written: every lesson failure, at `file:line`, and every lesson
        /// that did not run (the Book shows real output only).
        public var failures: [LessonReport.Failure]

        public var isPassing: Bool { failures.isEmpty }
        /// Whether some failure is an output that differs from its lesson (what `--bless` takes).
        public var hasMismatches: Bool { reports.contains { !$0.mismatchedOutputs.isEmpty } }
    }

    public var runner: LessonRunner

    public init(runner: LessonRunner = LessonRunner()) {
        self.runner = runner
    }

    /// Runs `lessons` in the order given and makes the Book of them.
    public func build(_ lessons: [Source], bless: Bool = false) -> Result {
        var result = Result(book: Book(chapters: []), reports: [], rewritten: [:], failures: [])
        var chapters: [BookChapter] = []
        for source in lessons {
            var report = runner.run(path: source.path, displayPath: source.displayPath)
            if bless && !report.mismatchedOutputs.isEmpty && LessonRunner.rewrite(path: source.path, with: report) {
                result.rewritten[source.displayPath] = report.mismatchedOutputs.count
                report = runner.run(path: source.path, displayPath: source.displayPath)
            }
            result.reports.append(report)
            result.failures += report.failures
            // The report found the file readable and parsable, or it has failures saying why not.
            guard report.failures.isEmpty || !report.capturedOutputs.isEmpty,
                let data = FileManager.default.contents(atPath: source.path),
                let lesson = try? LessonParser.parse(String(decoding: data, as: UTF8.self), path: source.displayPath)
            else { continue }
            if let reason = report.skipReason {
                result.failures.append(.init(
                    path: source.displayPath, line: lesson.value("requires")?.line ?? 1,
                    message: "the Book shows real output only, and this lesson did not run: \(reason)"))
                continue
            }
            chapters.append(BookChapter(lesson: lesson, report: report))
        }
        result.book = Book(chapters: chapters)
        return result
    }
}
