import Foundation

/// The Book (REPL-AND-LESSONS.md §1.7): the chapters in table-of-contents order (by `lesson`,
/// then file name) and the files they are written as, relative to the Book's folder:
/// `NN-slug.md` per chapter, `html/NN-slug.html` per chapter and `html/index.html`. Nothing in
/// them depends on the time or the machine beyond the captured output itself, so the same
/// chapters always give the same bytes and the generated Book can be committed.
public struct Book: Sendable, Equatable {
    /// A file of the Book.
    public struct File: Sendable, Equatable {
        /// Path relative to the Book's folder (`01-slug.md`, `html/index.html`).
        public var path: String
        public var contents: String
    }

    /// The line that stands for an output that may vary by machine in a `masked()` Book.
    public static let variesPlaceholder = "@@ fair book: output that may vary by machine @@"

    public private(set) var chapters: [BookChapter]

    /// The Book of `chapters`, put in table-of-contents order.
    public init(chapters: [BookChapter]) {
        self.chapters = chapters.sorted { a, b in
            (a.number ?? Int.max, a.name) < (b.number ?? Int.max, b.name)
        }
    }

    /// Every file of the Book: the Markdown chapters, the HTML chapters, then the index.
    public var files: [File] {
        var files = chapters.map { File(path: $0.name + ".md", contents: BookMarkdown.chapter($0)) }
        for (index, chapter) in chapters.enumerated() {
            let previous = index > 0 ? chapters[index - 1] : nil
            let next = index + 1 < chapters.count ? chapters[index + 1] : nil
            files.append(File(
                path: "html/" + BookHTML.fileName(of: chapter),
                contents: BookHTML.chapter(chapter, previous: previous, next: next)))
        }
        files.append(File(path: "html/index.html", contents: BookHTML.index(chapters)))
        return files
    }

    /// The same Book with every output that may vary by machine (`BookTranscript.Entry.varies`)
    /// replaced by `variesPlaceholder`: what two builds on different machines share.
    public func masked() -> Book {
        Book(chapters: chapters.map { $0.masked(with: Self.variesPlaceholder) })
    }

    /// Writes every file under `directory` (created if needed, with its `html` folder), each
    /// atomically; files whose bytes are already right are left alone. Other files in the folder
    /// are never touched (see `BookCheck` for files no lesson produces).
    /// - Returns: the paths (relative to `directory`) that were written.
    /// - Throws: `CommandError.file` naming the file or folder that cannot be written.
    @discardableResult
    public func write(to directory: String) throws(CommandError) -> [String] {
        let html = URL(fileURLWithPath: directory).appendingPathComponent("html").path
        do {
            try FileManager.default.createDirectory(atPath: html, withIntermediateDirectories: true)
        } catch {
            throw .file(path: html, reason: "cannot create the folder (\(error.localizedDescription)); choose another --out")
        }
        var written: [String] = []
        for file in files {
            let path = URL(fileURLWithPath: directory).appendingPathComponent(file.path).path
            let bytes = Data(file.contents.utf8)
            if FileManager.default.contents(atPath: path) == bytes { continue }
            try FileWriting.write(bytes, to: path)
            written.append(file.path)
        }
        return written
    }
}
