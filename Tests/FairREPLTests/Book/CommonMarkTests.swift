import Testing
@testable import FairREPL

/// The cases Ink 0.6.0 got wrong, and the GFM extensions the lessons use, through cmark-gfm.
@Suite("CommonMark")
struct CommonMarkTests {
    @Test("a source line that starts with an inline code span continues its paragraph (Ink split the sentence)")
    func codeSpanAtLineStart() {
        let html = CommonMark.html("The repair maps a score\n`f` of group `s` to its rank,\n`F_s(f)`, then back.")
        #expect(html == "<p>The repair maps a score\n<code>f</code> of group <code>s</code> to its rank,\n<code>F_s(f)</code>, then back.</p>\n")
    }

    @Test("CommonMark details: emphasis with underscores inside words, hard breaks, entities, nested lists")
    func conformance() {
        #expect(CommonMark.html("snake_case_name and *em*") == "<p>snake_case_name and <em>em</em></p>\n")
        #expect(CommonMark.html("a  \nb") == "<p>a<br />\nb</p>\n")
        #expect(CommonMark.html("&copy; &amp; <") == "<p>© &amp; &lt;</p>\n")
        #expect(CommonMark.html("- a\n  - b\n") == "<ul>\n<li>a\n<ul>\n<li>b</li>\n</ul>\n</li>\n</ul>\n")
    }

    @Test("GFM: tables, strikethrough, autolinks")
    func extensions() {
        let table = CommonMark.html("| a | b |\n|---|--:|\n| 1 | 2 |\n")
        #expect(table.contains("<table>") && table.contains("<th>a</th>") && table.contains("<td align=\"right\">2</td>"))
        #expect(CommonMark.html("~~gone~~") == "<p><del>gone</del></p>\n")
        #expect(CommonMark.html("see https://arxiv.org/abs/2306.10155") == "<p>see <a href=\"https://arxiv.org/abs/2306.10155\">https://arxiv.org/abs/2306.10155</a></p>\n")
    }

    @Test("raw HTML is kept: a solution in <details> with Markdown inside")
    func details() {
        let html = CommonMark.html("<details><summary>Solution</summary>\n\nThe *answer*.\n\n</details>\n")
        #expect(html == "<details><summary>Solution</summary>\n<p>The <em>answer</em>.</p>\n</details>\n")
    }

    @Test("empty input")
    func empty() {
        #expect(CommonMark.html("") == "")
    }
}
