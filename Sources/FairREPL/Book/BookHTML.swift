import Ink

/// Writes the Book's HTML (`Book/html/NN-slug.html`, `Book/html/index.html`): the prose is
/// rendered by Ink, the generated parts (heading, theorem call-out, transcripts, verdicts, the
/// table of contents) are escaped here, and every page is wrapped in `BookTemplate`'s page.
/// Transcripts, ASCII plots included, stay text inside `<pre>`: one line of output per line of
/// HTML. The same chapters always give the same bytes.
public enum BookHTML {
    /// The HTML file name of a chapter (`01-strong-demographic-parity.html`).
    public static func fileName(of chapter: BookChapter) -> String { chapter.name + ".html" }

    /// The page of `chapter`; `previous` and `next` are its neighbours in the table of contents.
    public static func chapter(_ chapter: BookChapter, previous: BookChapter? = nil, next: BookChapter? = nil) -> String {
        var body: [String] = []
        var links = ["<a href=\"index.html\">Contents</a>"]
        if let previous { links.append("<a href=\"\(escaped(fileName(of: previous)))\" rel=\"prev\">← \(escaped(previous.heading))</a>") }
        if let next { links.append("<a href=\"\(escaped(fileName(of: next)))\" rel=\"next\">\(escaped(next.heading)) →</a>") }
        let navigation = "<nav>" + links.joined(separator: " · ") + "</nav>"
        body.append(navigation)
        body.append("<main>")
        body.append("<h1>\(escaped(chapter.heading))</h1>")
        if let theorem = chapter.theorem {
            body.append("<aside class=\"theorem\"><p><strong>Theorem.</strong> \(escaped(theorem))</p></aside>")
        }
        var source = "Lesson file: <code>\(escaped(chapter.source))</code>"
        if let testedBy = chapter.testedBy { source += " · property test: <code>\(escaped(testedBy))</code>" }
        body.append("<p class=\"source\">\(source)</p>")
        let parser = MarkdownParser()
        for part in chapter.parts {
            switch part {
            case let .prose(lines):
                body.append(parser.html(from: lines.joined(separator: "\n")))
            case let .transcript(transcript):
                body += transcriptHTML(transcript)
            }
        }
        body.append("</main>")
        body.append(navigation)
        return BookTemplate.page(title: chapter.heading, body: body)
    }

    /// The table of contents: every chapter, in the order given (`Book.chapters`, by `lesson`).
    public static func index(_ chapters: [BookChapter]) -> String {
        var body = [
            "<main>",
            "<h1>\(escaped(BookTemplate.bookTitle))</h1>",
            "<p>\(escaped(BookTemplate.bookSubtitle))</p>",
            "<ul class=\"contents\">",
        ]
        for chapter in chapters {
            var item = "<li><a href=\"\(escaped(fileName(of: chapter)))\">\(escaped(chapter.heading))</a>"
            if let theorem = chapter.theorem { item += "<br><span class=\"statement\">\(escaped(theorem))</span>" }
            body.append(item + "</li>")
        }
        body += ["</ul>", "</main>"]
        return BookTemplate.page(title: BookTemplate.bookTitle, body: body)
    }

    /// A transcript as `<pre>` lines (commands marked up as such) and its verdict.
    static func transcriptHTML(_ transcript: BookTranscript) -> [String] {
        var lines: [String] = []
        for entry in transcript.entries {
            lines.append("<span class=\"prompt\">fair&gt; </span><span class=\"command\">\(escaped(entry.command))</span>")
            lines += entry.output.map(escaped)
        }
        if lines.isEmpty { lines.append("") }
        lines[0] = "<pre class=\"transcript\"><code class=\"language-text\">" + lines[0]
        lines.append("</code></pre>")
        let verdict = switch transcript.passed {
        case true?: "pass"
        case false?: "fail"
        case nil: "not-run"
        }
        lines.append("<p class=\"verdict \(verdict)\">\(escaped(transcript.verdict))</p>")
        return lines
    }

    /// `text` with `&`, `<`, `>`, `"` and `'` as character references.
    public static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
