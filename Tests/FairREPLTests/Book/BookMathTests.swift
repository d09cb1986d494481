import Testing
@testable import FairREPL

@Suite("BookMath")
struct BookMathTests {
    @Test("inline and display formulas are replaced by placeholders Markdown leaves alone")
    func extract() {
        let extraction = BookMath.extract("Let $F_s$ and $\\pi_s$ be\n\n$$\nE(f-g)^2 = \\sum_s \\pi_s W_2^2\n$$\n")
        #expect(extraction.formulas == [
            .init(tex: "F_s", display: false), .init(tex: "\\pi_s", display: false),
            .init(tex: "E(f-g)^2 = \\sum_s \\pi_s W_2^2", display: true),
        ])
        #expect(extraction.markdown == "Let FAIRMATHX0X and FAIRMATHX1X be\n\nFAIRMATHX2X\n")
        #expect(CommonMark.html(extraction.markdown) == "<p>Let FAIRMATHX0X and FAIRMATHX1X be</p>\n<p>FAIRMATHX2X</p>\n")
    }

    @Test("code is never touched: code spans, fenced blocks, indented blocks")
    func code() {
        let text = "Run `let x = $a$` then\n\n```text\n$ not math $\n```\n\n    $indented$\n\nand $y$."
        let extraction = BookMath.extract(text)
        #expect(extraction.formulas == [.init(tex: "y", display: false)])
        #expect(extraction.markdown == "Run `let x = $a$` then\n\n```text\n$ not math $\n```\n\n    $indented$\n\nand FAIRMATHX0X.")
        #expect(BookMath.extract("``a ` $b$ ``, $c$").formulas == [.init(tex: "c", display: false)])
    }

    @Test("\\$ is a dollar; prices and lone dollars are not math")
    func dollars() {
        #expect(BookMath.extract("costs $5 and $6 today").formulas.isEmpty)
        #expect(BookMath.extract("a $ b").formulas.isEmpty)
        #expect(BookMath.extract("a $x $ b").formulas.isEmpty)
        let escaped = BookMath.extract("pay \\$3 for $x$")
        #expect(escaped.formulas == [.init(tex: "x", display: false)] && escaped.dollars == 1)
        #expect(BookMath.restore(CommonMark.html(escaped.markdown), typeset: ["X"]) == "<p>pay <span class=\"dollar\">$</span>3 for X</p>\n")
    }

    @Test("a formula spans lines inside its paragraph, and TeX underscores never become emphasis")
    func emphasis() {
        let extraction = BookMath.extract("the law $\\nu_s$ and\n$\\nu_{s'}$ here")
        #expect(extraction.formulas.map(\.tex) == ["\\nu_s", "\\nu_{s'}"])
        #expect(!CommonMark.html(extraction.markdown).contains("<em>"))
    }
}
