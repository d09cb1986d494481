import Foundation
import Testing
@testable import FairREPL

/// KaTeX is a build dependency of the Book (.ci/install-deps installs it), so these run for real.
@Suite("KaTeX")
struct KaTeXTests {
    @Test("one node process typesets every formula into KaTeX HTML plus MathML")
    func typeset() throws {
        let html = try KaTeX().typeset([.init(tex: "W_2^2(\\nu_s, \\nu^*)", display: false), .init(tex: "\\sum_s \\pi_s", display: true)])
        #expect(html.count == 2)
        #expect(html[0].hasPrefix("<span class=\"katex\"><span class=\"katex-mathml\"><math"))
        #expect(html[0].contains("<annotation encoding=\"application/x-tex\">W_2^2(\\nu_s, \\nu^*)</annotation>"))
        #expect(html[1].hasPrefix("<span class=\"katex-display\">"))
        #expect(try KaTeX().typeset([]) == [])
    }

    @Test("a formula KaTeX rejects is named by its index with KaTeX's message")
    func rejects() {
        #expect {
            try KaTeX().typeset([.init(tex: "x", display: false), .init(tex: "\\frac{1}{", display: false)])
        } throws: { error in
            guard case let .formula(index, message)? = error as? KaTeX.Failure else { return false }
            return index == 1 && message.contains("KaTeX parse error")
        }
    }

    @Test("missing KaTeX files name the Debian packages to install")
    func missing() {
        #expect {
            try KaTeX(styleDirectory: "/nonexistent").assets()
        } throws: { error in
            (error as? KaTeX.Failure)?.description.contains("apt-get install katex libjs-katex fonts-katex") == true
        }
        #expect((try? KaTeX().assets().first?.path) == "katex/katex.min.css")
        // No node: a clear message, not a crash (writing to a node that is not there raised SIGPIPE).
        #expect {
            try KaTeX(node: "fair-test-no-such-node").typeset([.init(tex: "x", display: false)])
        } throws: { error in
            (error as? KaTeX.Failure) == .missing(
                "fair book needs node to typeset math, and it is not installed: apt-get install katex libjs-katex fonts-katex nodejs (.ci/install-deps installs them)")
        }
    }

    @Test("the Book builder typesets the chapters' math; a bad formula fails the build at its lesson line")
    func builder() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let good = "---\nlesson: 1\ntheorem: Claim — $a < b$\n---\nThe law $\\nu_s$ of `code $x$`.\n"
        let sources = try BookFixtures.write(["01-math.md": good], in: directory)
        let result = BookBuilder().build(sources)
        #expect(result.isPassing, "\(result.failures)")
        let page = BookHTML(book: result.book).chapter(0).html
        #expect(page.contains("<p>The law <span class=\"katex\">"))
        #expect(page.contains("<code>code $x$</code>"))
        #expect(page.contains("<strong>Theorem.</strong> Claim — <span class=\"katex\">"))
        #expect(BookMarkdown.chapter(result.book.chapters[0]).contains("> **Theorem.** Claim — $a < b$"))
        #expect(result.book.assets.contains { $0.path == "html/katex/katex.min.css" })

        let bad = try BookFixtures.write(["01-bad.md": "---\nlesson: 1\n---\nFine.\n\nBroken $\\frac{1}{$ here.\n"], in: directory)
        let failed = BookBuilder().build(bad)
        #expect(failed.failures.map(\.path) == ["Lessons/01-bad.md"] && failed.failures.map(\.line) == [6])
        #expect(failed.failures.first?.message.hasPrefix("KaTeX cannot typeset $\\frac{1}{$: KaTeX parse error") == true)
    }
}
