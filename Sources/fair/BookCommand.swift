import ArgumentParser
import FairREPL
import Foundation

/// `fair book [--bless] [--out DIR]`: runs every lesson of `Lessons/` and writes the Book (the
/// Markdown chapters, their HTML and the HTML table of contents) to DIR, `Book` by default.
/// A lesson that fails, or whose output differs from what it says, stops the build with its
/// `file:line` and nothing is written (exit 1); `--bless` first takes the new output into the
/// lesson, as `fair lessons --bless` does.
struct BookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "book",
        abstract: "Run every lesson and write the Book with the fresh output.",
        discussion: """
            Writes the Markdown chapters, their HTML and the table of contents. Fails (exit 1, \
            nothing written) if an output differs from its lesson, unless --bless rewrites the \
            lesson.
            """)

    @Flag(help: "First take the new output into the lessons, as 'fair lessons --bless' does.")
    var bless = false

    @Option(
        help: ArgumentHelp("The folder to write the Book to.", valueName: "dir"),
        completion: .directory)
    var out: String = "Book"

    func validate() throws {
        if out.isEmpty { throw ValidationError("--out needs a value (the folder to write the Book to)") }
    }

    func run() throws {
        let status = build()
        if status != 0 { throw ExitCode(status) }
    }

    private func build() -> Int32 {
        let lessonsDirectory = "Lessons"
        guard let names = LessonFiles.names(in: lessonsDirectory) else {
            Terminal.printError("fair: no Lessons directory here; run 'fair book' from the project root")
            return 64
        }
        guard !names.isEmpty else {
            Terminal.printError("fair: no lessons (NN-name.md) in Lessons/, so there is no Book to write")
            return 64
        }
        let directory = out
        let resolvedOut = URL(fileURLWithPath: directory).standardizedFileURL.resolvingSymlinksInPath().path
        let resolvedLessons = URL(fileURLWithPath: lessonsDirectory).standardizedFileURL.resolvingSymlinksInPath().path
        guard resolvedOut != resolvedLessons else {
            Terminal.printError("fair: --out \(directory) is the Lessons folder; the chapters would overwrite the lessons. Choose another folder.")
            return 64
        }

        let sources = names.map { BookBuilder.Source(path: lessonsDirectory + "/" + $0) }
        let result = BookBuilder().build(sources, bless: bless)
        for report in result.reports {
            if let count = result.rewritten[report.path] {
                Terminal.printLine("\(report.path): rewrote \(count) output\(count == 1 ? "" : "s")")
            }
            for failure in report.failures { Terminal.printLine(failure.description) }
            Terminal.printLine(report.summary)
        }
        let reported = result.reports.flatMap(\.failures)
        for failure in result.failures where !reported.contains(failure) { Terminal.printLine(failure.description) }
        guard result.isPassing else {
            var message = "fair book: the Book was not written; fix the lessons above"
            if result.hasMismatches && !bless {
                message += ", or run 'fair book --bless' to take their new output into the lessons (review it with git diff)"
            }
            Terminal.printError(message)
            return 1
        }

        var book = result.book
        book.projectPath = Self.relativePath(from: resolvedOut, to: FileManager.default.currentDirectoryPath)
        let written: [String]
        do {
            written = try book.write(to: directory)
        } catch {
            Terminal.printError("fair book: \(error)")
            return 1
        }
        let chapters = book.chapters.count
        let files = book.files.count + book.assets.count
        let changed = written.isEmpty ? "all up to date" : "\(written.count) written, \(files - written.count) unchanged"
        var shown = directory
        while shown.count > 1 && shown.hasSuffix("/") { shown.removeLast() }
        Terminal.printLine("wrote the Book to \(shown)/: \(chapters) chapter\(chapters == 1 ? "" : "s"), \(files) files (\(changed)); open \(shown)/html/index.html")
        for stray in BookCheck.differences(of: directory, from: book) where stray.kind == .stray {
            Terminal.printError("fair book: note: \(stray)")
        }
        return 0
    }

    /// The relative path from the folder `from` to the folder `to` (both absolute), `..` for
    /// the project root seen from `Book/`: the Book links to lessons and tests through it.
    static func relativePath(from: String, to: String) -> String {
        let source = URL(fileURLWithPath: from).standardizedFileURL.resolvingSymlinksInPath().pathComponents
        let target = URL(fileURLWithPath: to).standardizedFileURL.resolvingSymlinksInPath().pathComponents
        var common = 0
        while common < source.count && common < target.count && source[common] == target[common] { common += 1 }
        let parts = Array(repeating: "..", count: source.count - common) + target[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
