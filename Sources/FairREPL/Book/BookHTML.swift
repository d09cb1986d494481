import FairPlot
import Foundation

/// Writes the Book's HTML pages: a page per chapter, the contents (`index.html`) and the
/// commands reference (`commands.html`), each with the sidebar of every chapter.
///
/// - Prose: TeX is taken out (`BookMath`), the Markdown rendered by cmark-gfm (`CommonMark`),
///   headings given stable ids (a slug of their text, `-2`, `-3`… when repeated) and a link
///   to themselves, and the formulas put back as KaTeX's HTML and MathML.
/// - Transcripts: the commands (each linked to its entry in the commands reference, and copied
///   without prompts or output by `book.js`'s copy button), then each command's output: text in
///   `<pre>` (lines that are sentences wrap; tables and plots keep their columns and scroll
///   inside their block), figures as inline SVG with the terminal's text in a collapsed
///   `<details>`. Setup (`hide`) blocks are collapsed `<details>`.
/// The same Book always gives the same bytes.
public struct BookHTML {
    /// A page and its entries in the search index.
    public struct Page {
        public var html: String
        public var search: [BookSearch.Entry]
    }

    /// A heading of a chapter, for the sidebar.
    struct Heading {
        var level: Int
        var id: String
        /// Plain text, formulas as TeX (for the search index).
        var text: String
        /// The heading's HTML, formulas typeset (for the sidebar).
        var html: String
    }

    /// The paper the lessons follow (Hu, Ratz & Charpentier, ECML PKDD 2023).
    static let paperURL = "https://arxiv.org/abs/2306.10155v2"
    static let paperCitation = "Hu, Ratz &amp; Charpentier, <em>Fairness in Multi-Task Learning via Wasserstein Barycenters</em>, ECML PKDD 2023"

    let book: Book
    let registry: CommandRegistry

    public init(book: Book, registry: CommandRegistry = .standard()) {
        self.book = book
        self.registry = registry
    }

    /// The HTML file name of a chapter (`01-strong-demographic-parity.html`).
    public static func fileName(of chapter: BookChapter) -> String { chapter.name + ".html" }

    /// The project's root as seen from `html/`, ending in `/`.
    var projectLink: String { "../" + book.projectPath + "/" }

    // MARK: Pages

    /// The page of chapter `number` (an index into `book.chapters`).
    public func chapter(_ number: Int) -> Page {
        let chapter = book.chapters[number]
        let file = Self.fileName(of: chapter)
        var ids: Set<String> = ["main", "search"]
        var headings: [Heading] = []
        var body: [String] = []
        var sections = [BookSearch.Entry(
            href: file, title: chapter.heading, page: chapter.heading, text: chapter.theorem.map(texText) ?? "")]
        var figures = 0

        body.append("<h1>\(Self.escaped(chapter.heading))</h1>")
        if let theorem = chapter.theorem {
            body.append("<aside class=\"theorem\"><p><strong>Theorem.</strong> \(inline(theorem))</p></aside>")
        }
        body += chapterLinks(chapter)
        for part in chapter.parts {
            switch part {
            case let .prose(lines):
                let rendered = prose(lines.joined(separator: "\n"), ids: &ids)
                for segment in rendered.segments {
                    if let heading = segment.heading {
                        headings.append(heading)
                        sections.append(BookSearch.Entry(href: file + "#" + heading.id, title: heading.text, page: chapter.heading, text: ""))
                    }
                    sections[sections.count - 1].text += (sections[sections.count - 1].text.isEmpty ? "" : " ") + segment.text
                }
                body.append(rendered.html)
            case let .transcript(transcript):
                body += transcriptHTML(transcript, figures: &figures)
                let commands = transcript.entries.map(\.command).joined(separator: " ")
                sections[sections.count - 1].text += (sections[sections.count - 1].text.isEmpty ? "" : " ") + commands
            }
        }
        var pager: [String] = []
        if number > 0 {
            let previous = book.chapters[number - 1]
            pager.append("<a href=\"\(Self.escaped(Self.fileName(of: previous)))\" rel=\"prev\">← \(Self.escaped(previous.heading))</a>")
        }
        if number + 1 < book.chapters.count {
            let next = book.chapters[number + 1]
            pager.append("<a href=\"\(Self.escaped(Self.fileName(of: next)))\" rel=\"next\">\(Self.escaped(next.heading)) →</a>")
        }
        body.append("<nav class=\"pager\" aria-label=\"Previous and next chapter\">" + pager.joined(separator: " ") + "</nav>")
        let html = BookTemplate.page(
            title: chapter.heading, sidebar: sidebar(current: file, headings: headings.filter { $0.level == 2 }), main: body)
        return Page(html: html, search: sections)
    }

    /// The table of contents: every chapter, in the order of `book.chapters` (by `lesson`).
    public func index() -> Page {
        var body = [
            "<h1>\(Self.escaped(BookTemplate.bookTitle))</h1>",
            "<p>\(Self.escaped(BookTemplate.bookSubtitle))</p>",
            "<ul class=\"contents\">",
        ]
        for chapter in book.chapters {
            var item = "<li><a href=\"\(Self.escaped(Self.fileName(of: chapter)))\">\(Self.escaped(chapter.heading))</a>"
            if let theorem = chapter.theorem { item += "<br><span class=\"statement\">\(inline(theorem))</span>" }
            body.append(item + "</li>")
        }
        body += [
            "</ul>",
            "<p>Every command's help, as <code>help CMD</code> prints it: <a href=\"commands.html\">the commands reference</a>. "
                + "The lessons follow the paper: <a href=\"\(Self.paperURL)\">\(Self.paperCitation)</a>.</p>",
        ]
        return Page(html: BookTemplate.page(title: BookTemplate.bookTitle, sidebar: sidebar(current: "index.html", headings: []), main: body), search: [])
    }

    /// Every command's help, grouped as `help` groups them, each at `#cmd-NAME`.
    public func commands() -> Page {
        let title = "Commands reference"
        var body = [
            "<h1>\(title)</h1>",
            "<p>The help of every command of the <code>fair</code> REPL, as <code>help CMD</code> (or <code>?CMD</code>) prints it.</p>",
        ]
        var search: [BookSearch.Entry] = []
        let names = registry.commands.map(\.name).sorted()
        body.append("<p class=\"command-index\">" + names.map {
            "<a href=\"#\(Self.commandID($0))\"><code>\(Self.escaped($0))</code></a>"
        }.joined(separator: " · ") + "</p>")
        for group in CommandGroup.allCases {
            let commands = registry.commands.filter { $0.group == group }.sorted { $0.name < $1.name }
            guard !commands.isEmpty else { continue }
            body.append("<h2 id=\"\(Self.slug(group.rawValue))\">\(Self.escaped(group.rawValue))</h2>")
            for command in commands {
                let id = Self.commandID(command.name)
                let help = HelpFormatter.detail(command, registry: registry, width: 88)
                body.append("<h3 id=\"\(id)\"><code>\(Self.escaped(command.name))</code>\(Self.anchor(id))</h3>")
                body.append(Self.preformatted(help.components(separatedBy: "\n"), wraps: true))
                search.append(BookSearch.Entry(href: "commands.html#" + id, title: command.name, page: title, text: command.summary + " " + command.discussion))
            }
        }
        return Page(html: BookTemplate.page(title: title, sidebar: sidebar(current: "commands.html", headings: []), main: body), search: search)
    }

    // MARK: Parts of a page

    /// The sidebar: the Book's title, the search box (shown by `book.js`), every chapter (the
    /// current one with its sections) and the commands reference.
    func sidebar(current: String, headings: [Heading]) -> [String] {
        var lines = [
            "<p class=\"book-title\"><a href=\"index.html\">\(Self.escaped(BookTemplate.bookTitle))</a></p>",
            "<form class=\"search\" role=\"search\" hidden><input id=\"search\" type=\"search\" placeholder=\"Search the Book\" "
                + "aria-label=\"Search the Book\" autocomplete=\"off\"><ol class=\"search-results\"></ol></form>",
            "<ol class=\"chapters\">",
        ]
        for chapter in book.chapters {
            let file = Self.fileName(of: chapter)
            let isCurrent = file == current
            var item = "<li\(isCurrent ? " class=\"current\"" : "")><a href=\"\(Self.escaped(file))\"\(isCurrent ? " aria-current=\"page\"" : "")>"
                + Self.escaped(chapter.heading) + "</a>"
            if isCurrent && !headings.isEmpty {
                item += "<ol class=\"sections\">" + headings.map { "<li><a href=\"#\($0.id)\">\($0.html)</a></li>" }.joined() + "</ol>"
            }
            lines.append(item + "</li>")
        }
        lines.append("</ol>")
        let isCommands = current == "commands.html"
        lines.append("<p class=\"reference\"><a href=\"commands.html\"\(isCommands ? " aria-current=\"page\"" : "")>Commands reference</a></p>")
        return lines
    }

    /// Links to the chapter's lesson, property test, the paper and the commands it uses.
    func chapterLinks(_ chapter: BookChapter) -> [String] {
        var items = ["<li>Lesson source: <a href=\"\(Self.escaped(projectLink + chapter.source))\"><code>\(Self.escaped(chapter.source))</code></a></li>"]
        if let testedBy = chapter.testedBy {
            items.append("<li>Property test: <a href=\"\(Self.escaped(projectLink + testedBy))\"><code>\(Self.escaped(testedBy))</code></a></li>")
        }
        if let paper = chapter.paper {
            items.append("<li>In the paper: <a href=\"\(Self.paperURL)\">\(inline(paper))</a> (\(Self.paperCitation))</li>")
        }
        var names: [String] = []
        for transcript in chapter.transcripts {
            for entry in transcript.entries {
                if let name = commandName(entry.command), !names.contains(name) { names.append(name) }
            }
        }
        if !names.isEmpty {
            let links = names.map { "<a href=\"commands.html#\(Self.commandID($0))\"><code>\(Self.escaped($0))</code></a>" }
            items.append("<li>Commands: " + links.joined(separator: ", ") + "</li>")
        }
        return ["<ul class=\"chapter-links\">"] + items + ["</ul>"]
    }

    /// The registered command a line runs (`plot cdf` for `plot cdf --after`), if any.
    func commandName(_ line: String) -> String? {
        var words = line.split(whereSeparator: \.isWhitespace).map(String.init)
        if let first = words.first, first.hasPrefix("?") { words = ["help"] }
        return (try? registry.resolve(words: words))?.command.name
    }

    /// A run of prose: its HTML and its text between headings, for the index.
    struct Prose {
        struct Segment {
            /// The heading that opens the segment; nil for text before the first heading.
            var heading: Heading?
            var text: String
        }
        var html: String
        var segments: [Segment]
    }

    func prose(_ markdown: String, ids: inout Set<String>) -> Prose {
        let extraction = BookMath.extract(markdown)
        let rendered = CommonMark.html(extraction.markdown)
        let tex = extraction.formulas.map { ($0.display ? "$$" : "$") + $0.tex + ($0.display ? "$$" : "$") }
        func plain(_ html: String) -> String {
            BookMath.restore(BookSearch.plainText(html), typeset: tex).replacingOccurrences(of: "<span class=\"dollar\">$</span>", with: "$")
        }
        var html = ""
        var segments = [Prose.Segment(heading: nil, text: "")]
        var rest = Substring(rendered)
        while let open = Self.headingOpen(in: rest) {
            segments[segments.count - 1].text += plain(String(rest[..<open.range.lowerBound]))
            let close = "</h\(open.level)>"
            guard let end = rest[open.range.upperBound...].range(of: close) else { break }
            let inner = String(rest[open.range.upperBound..<end.lowerBound])
            let text = plain(inner)
            var id = Self.slug(text)
            if ids.contains(id) {
                var k = 2
                while ids.contains("\(id)-\(k)") { k += 1 }
                id = "\(id)-\(k)"
            }
            ids.insert(id)
            html += rest[..<open.range.lowerBound]
            html += "<h\(open.level) id=\"\(id)\">\(inner)\(Self.anchor(id))</h\(open.level)>"
            segments.append(Prose.Segment(heading: Heading(level: open.level, id: id, text: text, html: restore(inner, extraction)), text: ""))
            rest = rest[end.upperBound...]
        }
        segments[segments.count - 1].text += plain(String(rest))
        html += rest
        for k in segments.indices { segments[k].text = segments[k].text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        return Prose(html: restore(html, extraction), segments: segments.filter { $0.heading != nil || !$0.text.isEmpty })
    }

    /// The next `<hN>` tag (cmark writes headings without attributes).
    static func headingOpen(in text: Substring) -> (level: Int, range: Range<Substring.Index>)? {
        var search = text.startIndex
        while let range = text[search...].range(of: "<h") {
            let after = range.upperBound
            if after < text.endIndex, let level = text[after].wholeNumberValue, (1...6).contains(level) {
                let close = text.index(after: after)
                if close < text.endIndex && text[close] == ">" { return (level, range.lowerBound..<text.index(after: close)) }
            }
            search = after
        }
        return nil
    }

    /// The placeholders of `extraction` replaced by the typeset formulas.
    func restore(_ html: String, _ extraction: BookMath.Extraction) -> String {
        BookMath.restore(html, typeset: extraction.formulas.map { formula in
            book.typesetMath[formula] ?? "<code class=\"tex\">" + Self.escaped(formula.tex) + "</code>"
        })
    }

    /// Plain text with formulas (a front-matter value): escaped, with its math typeset.
    func inline(_ text: String) -> String {
        let extraction = BookMath.extract(text)
        return restore(Self.escaped(extraction.markdown), extraction)
    }

    /// Plain text with formulas as their TeX, for the index.
    func texText(_ text: String) -> String {
        let extraction = BookMath.extract(text)
        return BookMath.restore(extraction.markdown, typeset: extraction.formulas.map { "$" + $0.tex + "$" })
            .replacingOccurrences(of: "<span class=\"dollar\">$</span>", with: "$")
    }

    // MARK: Transcripts

    /// A transcript: the commands and outputs, then the verdict; a setup block collapsed.
    func transcriptHTML(_ transcript: BookTranscript, figures: inout Int) -> [String] {
        let commands = transcript.entries.map(\.command).joined(separator: "\n")
        var lines = ["<div class=\"transcript\" data-commands=\"\(Self.escaped(commands).replacingOccurrences(of: "\n", with: "&#10;"))\">"]
        for entry in transcript.entries {
            var command = Self.escaped(entry.command)
            if let name = commandName(entry.command), let range = entry.command.range(of: name), range.lowerBound == entry.command.startIndex {
                command = "<a class=\"cmd\" href=\"commands.html#\(Self.commandID(name))\">\(Self.escaped(name))</a>"
                    + Self.escaped(String(entry.command[range.upperBound...]))
            }
            lines.append("<pre class=\"in\"><code><span class=\"prompt\">fair&gt; </span>\(command)</code></pre>")
            guard entry.varies || !entry.output.isEmpty else { continue }
            lines.append("<div class=\"out\">")
            if entry.output == [Book.variesPlaceholder] {
                // A masked Book (BookCheck): one line that stands for any output.
                lines.append(Book.variesPlaceholder)
            } else {
                lines += outputHTML(entry, figures: &figures)
            }
            lines.append("</div>")
        }
        lines.append("</div>")
        let verdict = switch transcript.passed {
        case true?: "pass"
        case false?: "fail"
        case nil: "not-run"
        }
        lines.append("<p class=\"verdict \(verdict)\">\(Self.escaped(transcript.verdict))</p>")
        if transcript.flags.contains(.hide) {
            let count = transcript.entries.count
            lines = ["<details class=\"setup\"><summary>setup: the commands before this (\(count) command\(count == 1 ? "" : "s"))</summary>"]
                + lines + ["</details>"]
        }
        return lines
    }

    /// An entry's output: its text, with each figure's text replaced by the figure as SVG.
    func outputHTML(_ entry: BookTranscript.Entry, figures: inout Int) -> [String] {
        var lines: [String] = []
        var cursor = 0
        var unplaced: [CommandResult.PrintedFigure] = []
        for printed in entry.figures {
            let figureLines = OutputMatcher.normalizedLines(printed.text)
            guard let start = Self.find(figureLines, in: entry.output, from: cursor) else {
                unplaced.append(printed)
                continue
            }
            lines += Self.textRuns(Array(entry.output[cursor..<start]))
            figures += 1
            lines += Self.figureHTML(printed.figure, text: figureLines, number: figures)
            cursor = start + figureLines.count
        }
        lines += Self.textRuns(Array(entry.output[cursor...]))
        // A figure whose text is not in the output (the REPL always prints it) is still drawn, last.
        for printed in unplaced {
            figures += 1
            lines += Self.figureHTML(printed.figure, text: OutputMatcher.normalizedLines(printed.text), number: figures)
        }
        return lines
    }

    /// The first index at or after `from` where `needle` occurs in `lines`.
    static func find(_ needle: [String], in lines: [String], from: Int) -> Int? {
        guard !needle.isEmpty, needle.count <= lines.count - from else { return nil }
        for start in from...(lines.count - needle.count) where Array(lines[start..<(start + needle.count)]) == needle {
            return start
        }
        return nil
    }

    /// A figure as inline SVG, with the text the terminal printed collapsed under it.
    static func figureHTML(_ figure: Figure, text: [String], number: Int) -> [String] {
        var stacked = figure
        stacked.layout = .stacked
        let svg = SVGRenderer(idPrefix: "fig\(number)").render(stacked)
        return ["<figure class=\"plot\">"] + svg.components(separatedBy: "\n") + [
            "<details class=\"ascii\"><summary>the same figure as the terminal prints it</summary>",
            preformatted(text, wraps: false),
            "</details>",
            "</figure>",
        ]
    }

    /// Output text as `<pre>` runs: consecutive sentence lines wrap; tables and plots (lines
    /// with aligned columns or box drawing) do not, and scroll inside their block when too wide.
    static func textRuns(_ lines: [String]) -> [String] {
        var result: [String] = []
        var run: [String] = []
        var wraps = false
        for line in lines {
            let lineWraps = isSentence(line)
            if !run.isEmpty && lineWraps != wraps {
                result.append(preformatted(run, wraps: wraps))
                run = []
            }
            wraps = lineWraps
            run.append(line)
        }
        if !run.isEmpty { result.append(preformatted(run, wraps: wraps)) }
        return result
    }

    /// Whether a line reads as a sentence (may wrap): no run of two spaces after its
    /// indentation (aligned columns), and no box drawing or rule.
    static func isSentence(_ line: String) -> Bool {
        let body = line.drop { $0 == " " }
        if body.contains("  ") { return false }
        if body.contains(where: { "│┤└─┬┼├┐┘┌".contains($0) }) { return false }
        if body.hasPrefix("--") { return false }
        return true
    }

    /// Lines in one `<pre>` (one output line per HTML line, escaped).
    static func preformatted(_ lines: [String], wraps: Bool) -> String {
        "<pre class=\"\(wraps ? "wrap" : "layout")\"><code>" + lines.map(escaped).joined(separator: "\n") + "</code></pre>"
    }

    // MARK: Text

    /// A heading's self-link, shown on hover.
    static func anchor(_ id: String) -> String {
        "<a class=\"anchor\" href=\"#\(id)\" aria-label=\"Link to this section\">#</a>"
    }

    /// The id of a command's entry in the reference (`cmd-plot-cdf`).
    static func commandID(_ name: String) -> String { "cmd-" + slug(name) }

    /// A stable id from a heading's text: lower-case ASCII letters and digits, other runs as `-`.
    static func slug(_ text: String) -> String {
        var slug = ""
        for scalar in text.lowercased().unicodeScalars {
            if scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar)) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty && !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug.isEmpty ? "section" : slug
    }

    /// `text` with `&`, `<`, `>`, `"` and `'` as character references.
    public static func escaped(_ text: String) -> String {
        MarkupEscaping.escaped(text, apostrophe: "&#39;")
    }
}
