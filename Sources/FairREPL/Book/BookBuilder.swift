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
    /// Typesets the chapters' math.
    public var katex: KaTeX

    public init(runner: LessonRunner = LessonRunner(), katex: KaTeX = KaTeX()) {
        self.runner = runner
        self.katex = katex
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
        do {
            try result.book.typesetMath(with: katex)
        } catch {
            let paths = Dictionary(lessons.map { ($0.displayPath, $0.path) }, uniquingKeysWith: { first, _ in first })
            result.failures.append(mathFailure(error, in: result.book, paths: paths))
        }
        return result
    }

    /// A typesetting failure as a lesson failure: a formula KaTeX rejects at its lesson's line;
    /// KaTeX missing at the first lesson.
    func mathFailure(_ failure: KaTeX.Failure, in book: Book, paths: [String: String]) -> LessonReport.Failure {
        guard case let .formula(index, message) = failure else {
            return .init(path: book.chapters.first?.source ?? "Lessons", line: 1, message: failure.description)
        }
        let formula = book.formulas[index]
        let shown = (formula.display ? "$$" : "$") + formula.tex + (formula.display ? "$$" : "$")
        for chapter in book.chapters {
            let texts = (chapter.theorem.map { [$0] } ?? []) + chapter.parts.compactMap { part -> String? in
                if case let .prose(lines) = part { lines.joined(separator: "\n") } else { nil }
            }
            guard texts.contains(where: { BookMath.formulas(in: $0).contains(formula) }) else { continue }
            // The line of the lesson where the formula starts (its first line, for display math).
            let firstLine = formula.tex.split(separator: "\n").first.map(String.init) ?? formula.tex
            let lessonText = (try? String(contentsOfFile: paths[chapter.source] ?? chapter.source, encoding: .utf8)) ?? ""
            let line = lessonText.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(firstLine) }.map { $0 + 1 } ?? 1
            return .init(path: chapter.source, line: line, message: "KaTeX cannot typeset \(shown): \(message)")
        }
        return .init(path: "Lessons", line: 1, message: "KaTeX cannot typeset \(shown): \(message)")
    }
}
