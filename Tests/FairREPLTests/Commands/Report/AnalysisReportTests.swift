import FairPlot
import Testing
@testable import FairREPL

@Suite("AnalysisReport")
struct AnalysisReportTests {
    @Test("HTML escaping and Markdown escaping of names")
    func escaping() {
        #expect(AnalysisReport.escaped("a<b & \"c\">") == "a&lt;b &amp; &quot;c&quot;&gt;")
        #expect(AnalysisReport.markdownEscaped("y_binary *x*") == "y\\_binary \\*x\\*")
        #expect(AnalysisReport.cell("a|b") == "a\\|b")
    }

    @Test("sections render in order, as HTML with a table of contents and as Markdown")
    func rendering() {
        let table = ResultTable(columns: [ResultTable.Column("name"), ResultTable.Column("x", rightAligned: true)], rows: [[.text("a|b"), .number(0.123456)]])
        let report = AnalysisReport(title: "T <1>", sections: [
            AnalysisReport.Section(title: "One", blocks: [.paragraph("p & q"), .list(["i"]), .table(table)]),
            AnalysisReport.Section(title: "Two", blocks: [.code(["load x", "apply"])]),
        ])
        let html = report.html(digits: 3)
        #expect(html.contains("<title>T &lt;1&gt;</title>"))
        #expect(html.contains("<li><a href=\"#s1\">One</a></li><li><a href=\"#s2\">Two</a></li>"))
        #expect(html.contains("<p>p &amp; q</p>\n<ul><li>i</li></ul>"))
        #expect(html.contains("<tr><td>a|b</td><td class=\"num\">0.123</td></tr>"))
        #expect(html.contains("<pre><code>load x\napply</code></pre>"))
        let markdown = report.markdown(digits: 3)
        #expect(markdown.hasPrefix("# T \\<1\\>\n\n## One\n\np & q\n\n- i\n\n| name | x |\n| --- | ---: |\n| a\\|b | 0.123 |\n"))
        #expect(markdown.contains("## Two\n\n```text\nload x\napply\n```\n"))
    }
}
