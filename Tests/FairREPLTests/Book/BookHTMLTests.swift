import Testing
@testable import FairREPL

@Suite("BookHTML")
struct BookHTMLTests {
    static func page() throws -> String {
        BookHTML(book: Book(chapters: [try BookFixtures.chapter()])).chapter(0).html
    }

    @Test("a chapter page: escaped heading and theorem, cmark prose with heading anchors, transcripts, verdicts")
    func chapter() throws {
        let page = try Self.page()
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"))
        #expect(page.contains("<title>Lesson 2: Escaping &lt;b&gt; &amp; &quot;quotes&quot; · FairMTL — the Book</title>"))
        #expect(page.contains("<h1>Lesson 2: Escaping &lt;b&gt; &amp; &quot;quotes&quot;</h1>"))
        #expect(page.contains(
            "<aside class=\"theorem\"><p><strong>Theorem.</strong> Claim 1 — a &lt; b &amp; b &gt; a, so *not* a = b</p></aside>"))
        #expect(page.contains("<p>Some <em>prose</em> with <code>code</code> &amp; <b>bold</b>.</p>"))
        #expect(page.contains(
            "<h2 id=\"visible\">Visible<a class=\"anchor\" href=\"#visible\" aria-label=\"Link to this section\">#</a></h2>"))
        #expect(page.contains("""
            <div class="transcript" data-commands="let x = 1/3&#10;expect x &lt; 1">
            <pre class="in"><code><span class="prompt">fair&gt; </span><a class="cmd" href="commands.html#cmd-let">let</a> x = 1/3</code></pre>
            <div class="out">
            <pre class="wrap"><code>x = 0.333</code></pre>
            </div>
            <pre class="in"><code><span class="prompt">fair&gt; </span><a class="cmd" href="commands.html#cmd-expect">expect</a> x &lt; 1</code></pre>
            <div class="out">
            <pre class="wrap"><code>✓ x &lt; 1</code></pre>
            </div>
            </div>
            <p class="verdict pass">✓ 2 commands; output as in the lesson</p>
            """))
        #expect(page.contains("error: unknown command &#39;frobnicate&#39;. Type &#39;help&#39; for the list of commands."))
        #expect(page.contains("<p class=\"verdict not-run\">not run (a skip block: shown as the lesson writes it)</p>"))
        #expect(page.contains("<script src=\"book.js\" defer></script>"))
    }

    @Test("a hidden setup block is shown collapsed, so the chapter can be reproduced from its page")
    func setup() throws {
        let page = try Self.page()
        #expect(page.contains("""
            <details class="setup"><summary>setup: the commands before this (1 command)</summary>
            <div class="transcript" data-commands="let hidden = 7">
            """))
        #expect(page.contains("<p class=\"verdict pass\">✓ 1 command of setup; output as in the lesson</p>\n</details>"))
    }

    @Test("links: the lesson source, the commands used (to the reference), the neighbours; the sidebar lists every chapter")
    func links() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        // File names in the other order than the lesson numbers: the contents follow `lesson`.
        let sources = try BookFixtures.write(["01-escaping.md": BookFixtures.lesson, "09-first.md": BookFixtures.first], in: directory)
        let book = BookBuilder().build(sources).book
        #expect(book.chapters.map(\.name) == ["09-first", "01-escaping"])
        let html = BookHTML(book: book)
        let index = html.index().html
        #expect(index.contains("""
            <ul class="contents">
            <li><a href="09-first.html">Lesson 1: First</a></li>
            <li><a href="01-escaping.html">Lesson 2: Escaping &lt;b&gt; &amp; &quot;quotes&quot;</a><br><span class="statement">Claim 1 — a &lt; b &amp; b &gt; a, so *not* a = b</span></li>
            </ul>
            """))
        #expect(index.contains("<title>FairMTL — the Book</title>"))
        let first = html.chapter(0).html, second = html.chapter(1).html
        #expect(first.contains("<li>Lesson source: <a href=\"../../Lessons/09-first.md\"><code>Lessons/09-first.md</code></a></li>"))
        #expect(first.contains("<li>Commands: <a href=\"commands.html#cmd-let\"><code>let</code></a></li>"))
        #expect(first.contains("<a href=\"01-escaping.html\" rel=\"next\">Lesson 2: Escaping &lt;b&gt; &amp; &quot;quotes&quot; →</a>"))
        #expect(second.contains("<a href=\"09-first.html\" rel=\"prev\">← Lesson 1: First</a>"))
        #expect(first.contains("<li class=\"current\"><a href=\"09-first.html\" aria-current=\"page\">Lesson 1: First</a></li>"))
        #expect(first.contains("<li><a href=\"01-escaping.html\">Lesson 2:"))
        #expect(second.contains("<ol class=\"sections\"><li><a href=\"#visible\">Visible</a></li></ol>"))
        let commands = html.commands().html
        #expect(commands.contains("<h3 id=\"cmd-plot-cdf\"><code>plot cdf</code>"))
        #expect(commands.contains("Usage: plot cdf"))
        let files = book.files.map(\.path)
        #expect(files == [
            "09-first.md", "01-escaping.md", "html/09-first.html", "html/01-escaping.html", "html/index.html",
            "html/commands.html", "html/book.css", "html/book.js", "html/search-index.js",
        ])
    }

    @Test("the paper's section is the theorem's name, linked to the paper")
    func paper() throws {
        let lesson = try LessonParser.parse("---\ntheorem: Section 6.4 — the risk identity\n---\nText.\n", path: "Lessons/03-p.md")
        let chapter = BookChapter(lesson: lesson, report: LessonReport(path: "x"))
        #expect(chapter.paper == "Section 6.4")
        #expect(BookHTML(book: Book(chapters: [chapter])).chapter(0).html.contains(
            "<li>In the paper: <a href=\"https://arxiv.org/abs/2306.10155v2\">Section 6.4</a>"))
        let plain = try LessonParser.parse("---\ntheorem: no name here\n---\nText.\n", path: "Lessons/03-p.md")
        #expect(BookChapter(lesson: plain, report: LessonReport(path: "x")).paper == nil)
    }

    @Test("a failing block's verdict is marked as a failure")
    func failing() {
        let transcript = BookTranscript(
            line: 1, flags: [], entries: [.init(command: "let x = 2", line: 2, output: ["x = 2"], varies: false)],
            status: .failed(lines: [2]))
        var figures = 0
        #expect(BookHTML(book: Book(chapters: [])).transcriptHTML(transcript, figures: &figures).last
            == "<p class=\"verdict fail\">✗ 1 command; the lesson fails at line 2</p>")
    }

    @Test("sentences wrap; tables and plots keep their columns (and scroll in their block)")
    func textRuns() {
        #expect(BookHTML.isSentence("y: KS after is 1.0× the noise floor (p = 0.373): at the noise floor"))
        #expect(!BookHTML.isSentence("task  before   after"))
        #expect(!BookHTML.isSentence("----  ------"))
        #expect(!BookHTML.isSentence("    └┬──────"))
        #expect(BookHTML.textRuns(["a sentence", "col  col", "x  y", "another one"]) == [
            "<pre class=\"wrap\"><code>a sentence</code></pre>",
            "<pre class=\"layout\"><code>col  col\nx  y</code></pre>",
            "<pre class=\"wrap\"><code>another one</code></pre>",
        ])
    }

    @Test("heading ids are stable slugs, numbered when repeated")
    func slugs() {
        #expect(BookHTML.slug("Fit the repair on the pool, measure it!") == "fit-the-repair-on-the-pool-measure-it")
        #expect(BookHTML.slug("λ and ε") == "and")
        #expect(BookHTML.slug("—") == "section")
        var ids: Set<String> = []
        let html = BookHTML(book: Book(chapters: [])).prose("## A\n\ntext\n\n## A\n", ids: &ids).html
        #expect(html.contains("<h2 id=\"a\">") && html.contains("<h2 id=\"a-2\">"))
    }

    @Test("escaping")
    func escaping() {
        #expect(BookHTML.escaped(#"<a href="x">&'é'</a>"#) == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;é&#39;&lt;/a&gt;")
    }
}
