import Testing
@testable import FairREPL

@Suite("BookHTML")
struct BookHTMLTests {
    @Test("a chapter page: escaped heading and theorem, Ink prose, <pre> transcripts, verdicts")
    func chapter() throws {
        let page = BookHTML.chapter(try BookFixtures.chapter())
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"))
        #expect(page.contains("<title>Lesson 2: Escaping &lt;b&gt; &amp; &quot;quotes&quot; · FairMTL — the Book</title>"))
        #expect(page.contains("<h1>Lesson 2: Escaping &lt;b&gt; &amp; &quot;quotes&quot;</h1>"))
        #expect(page.contains(
            "<aside class=\"theorem\"><p><strong>Theorem.</strong> Claim 1 — a &lt; b &amp; b &gt; a, so *not* a = b</p></aside>"))
        #expect(page.contains("<p>Some <em>prose</em> with <code>code</code> &amp; <b>bold</b>.</p><h2>Visible</h2>"))
        #expect(page.contains("""
            <pre class="transcript"><code class="language-text"><span class="prompt">fair&gt; </span><span class="command">let x = 1/3</span>
            x = 0.333
            <span class="prompt">fair&gt; </span><span class="command">expect x &lt; 1</span>
            ✓ x &lt; 1
            </code></pre>
            <p class="verdict pass">✓ 2 commands; output as in the lesson</p>
            """))
        #expect(page.contains("error: unknown command &#39;frobnicate&#39;. Type &#39;help&#39; for the list of commands.\n"))
        #expect(page.contains("<p class=\"verdict not-run\">not run (a skip block: shown as the lesson writes it)</p>"))
        #expect(!page.contains("hidden = 7"))
        #expect(page.hasSuffix("</main>\n<nav><a href=\"index.html\">Contents</a></nav>\n</body>\n</html>\n"))
        #expect(!page.contains("<script"))
    }

    @Test("a failing block's verdict is marked as a failure")
    func failing() {
        let transcript = BookTranscript(
            line: 1, flags: [], entries: [.init(command: "let x = 2", line: 2, output: ["x = 2"], varies: false)],
            status: .failed(lines: [2]))
        #expect(BookHTML.transcriptHTML(transcript).last == "<p class=\"verdict fail\">✗ 1 command; the lesson fails at line 2</p>")
    }

    @Test("the index lists the chapters by lesson number, and chapters link to their neighbours")
    func index() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        // File names in the other order than the lesson numbers: the index follows `lesson`.
        let sources = try BookFixtures.write(["01-escaping.md": BookFixtures.lesson, "09-first.md": BookFixtures.first], in: directory)
        let book = BookBuilder().build(sources).book
        #expect(book.chapters.map(\.name) == ["09-first", "01-escaping"])
        let index = BookHTML.index(book.chapters)
        #expect(index.contains("""
            <ul class="contents">
            <li><a href="09-first.html">Lesson 1: First</a></li>
            <li><a href="01-escaping.html">Lesson 2: Escaping &lt;b&gt; &amp; &quot;quotes&quot;</a><br><span class="statement">Claim 1 — a &lt; b &amp; b &gt; a, so *not* a = b</span></li>
            </ul>
            """))
        #expect(index.contains("<title>FairMTL — the Book</title>"))
        let files = book.files
        #expect(files.map(\.path) == ["09-first.md", "01-escaping.md", "html/09-first.html", "html/01-escaping.html", "html/index.html"])
        #expect(files[2].contents.contains(
            "<nav><a href=\"index.html\">Contents</a> · <a href=\"01-escaping.html\" rel=\"next\">Lesson 2: Escaping &lt;b&gt; &amp; &quot;quotes&quot; →</a></nav>"))
        #expect(files[3].contents.contains(
            "<nav><a href=\"index.html\">Contents</a> · <a href=\"09-first.html\" rel=\"prev\">← Lesson 1: First</a></nav>"))
    }

    @Test("escaping")
    func escaping() {
        #expect(BookHTML.escaped(#"<a href="x">&'é'</a>"#) == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;é&#39;&lt;/a&gt;")
    }
}
