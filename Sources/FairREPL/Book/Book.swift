import Foundation

/// The Book (REPL-AND-LESSONS.md §1.7): the chapters in table-of-contents order (by `lesson`,
/// then file name) and the files they are written as, relative to the Book's folder:
/// `NN-slug.md` per chapter; `html/NN-slug.html` per chapter, `html/index.html` (contents),
/// `html/commands.html` (every command's help), `html/book.css`, `html/book.js` and
/// `html/search-index.js`; and KaTeX's stylesheet and fonts under `html/katex/`, copied from
/// the system (`assets`). Nothing in them depends on the time or the machine beyond the
/// captured output itself, so the same chapters always give the same bytes and the generated
/// Book can be committed.
public struct Book: Sendable, Equatable {
    /// A file of the Book.
    public struct File: Sendable, Equatable {
        /// Path relative to the Book's folder (`01-slug.md`, `html/index.html`).
        public var path: String
        public var contents: String
    }

    /// A file copied as is from the system (KaTeX's stylesheet and fonts).
    public struct Asset: Sendable, Equatable {
        /// Path relative to the Book's folder (`html/katex/katex.min.css`).
        public var path: String
        /// Where it is copied from.
        public var source: String
    }

    /// The line that stands for an output that may vary by machine in a `masked()` Book.
    public static let variesPlaceholder = "@@ fair book: output that may vary by machine @@"

    public private(set) var chapters: [BookChapter]
    /// The HTML of each formula of the chapters, from `typesetMath(with:)`. A formula missing
    /// here (a Book made without typesetting) is shown as its TeX in code.
    public var typesetMath: [BookMath.Formula: String] = [:]
    /// The files copied from the system, from `typesetMath(with:)`.
    public var assets: [Asset] = []
    /// The project's root relative to the Book's folder (`..` for `Book/`): links to the lesson
    /// sources and property tests go through it.
    public var projectPath = ".."

    /// The Book of `chapters`, put in table-of-contents order.
    public init(chapters: [BookChapter]) {
        self.chapters = chapters.sorted { a, b in
            (a.number ?? Int.max, a.name) < (b.number ?? Int.max, b.name)
        }
    }

    /// Every formula of the chapters (prose and theorems), each once, in order of appearance.
    public var formulas: [BookMath.Formula] {
        var seen = Set<BookMath.Formula>()
        var result: [BookMath.Formula] = []
        for chapter in chapters {
            var texts = chapter.theorem.map { [$0] } ?? []
            for part in chapter.parts { if case let .prose(lines) = part { texts.append(lines.joined(separator: "\n")) } }
            for text in texts {
                for formula in BookMath.formulas(in: text) where seen.insert(formula).inserted { result.append(formula) }
            }
        }
        return result
    }

    /// Typesets every formula with KaTeX (one node process) and lists KaTeX's stylesheet and
    /// fonts as assets.
    /// - Throws: `KaTeX.Failure`: KaTeX missing (naming the Debian package), or the index into
    ///   `formulas` of a formula KaTeX rejects.
    public mutating func typesetMath(with katex: KaTeX) throws(KaTeX.Failure) {
        let formulas = self.formulas
        let html = try katex.typeset(formulas)
        typesetMath = Dictionary(uniqueKeysWithValues: zip(formulas, html))
        assets = try katex.assets().map { Asset(path: "html/" + $0.path, source: $0.source) }
    }

    /// Every generated file: the Markdown chapters, the HTML chapters, then the other pages,
    /// the style sheet, the script and the search index.
    public var files: [File] {
        var files = chapters.map { File(path: $0.name + ".md", contents: BookMarkdown.chapter($0, projectPath: projectPath)) }
        let html = BookHTML(book: self)
        var index: [BookSearch.Entry] = []
        for (number, chapter) in chapters.enumerated() {
            let page = html.chapter(number)
            files.append(File(path: "html/" + BookHTML.fileName(of: chapter), contents: page.html))
            index += page.search
        }
        let contents = html.index()
        files.append(File(path: "html/index.html", contents: contents.html))
        let commands = html.commands()
        files.append(File(path: "html/commands.html", contents: commands.html))
        index += commands.search
        files.append(File(path: "html/book.css", contents: BookTemplate.style))
        files.append(File(path: "html/book.js", contents: BookTemplate.script))
        files.append(File(path: "html/search-index.js", contents: BookSearch.script(index)))
        return files
    }

    /// The same Book with every output that may vary by machine (`BookTranscript.Entry.varies`)
    /// replaced by `variesPlaceholder`: what two builds on different machines share.
    public func masked() -> Book {
        var copy = self
        copy.chapters = chapters.map { $0.masked(with: Self.variesPlaceholder) }
        return copy
    }

    /// Writes every file and asset under `directory` (created if needed, with its `html`
    /// folders), each atomically; files whose bytes are already right are left alone. Other
    /// files in the folder are never touched (see `BookCheck` for files no lesson produces).
    /// - Returns: the paths (relative to `directory`) that were written.
    /// - Throws: `CommandError.file` naming the file or folder that cannot be written or read.
    @discardableResult
    public func write(to directory: String) throws(CommandError) -> [String] {
        let root = URL(fileURLWithPath: directory)
        var outputs = files.map { ($0.path, Optional(Data($0.contents.utf8)), nil as String?) }
        outputs += assets.map { ($0.path, nil, $0.source) }
        var written: [String] = []
        for (path, contents, source) in outputs {
            let url = root.appendingPathComponent(path)
            let folder = url.deletingLastPathComponent().path
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw .file(path: folder, reason: "cannot create the folder (\(error.localizedDescription)); choose another --out")
            }
            guard let bytes = contents ?? source.flatMap({ FileManager.default.contents(atPath: $0) }) else {
                throw .file(path: source ?? path, reason: "cannot read it; reinstall the package it comes from (.ci/install-deps)")
            }
            if FileManager.default.contents(atPath: url.path) == bytes { continue }
            try FileWriting.write(bytes, to: url.path)
            written.append(path)
        }
        return written
    }
}
