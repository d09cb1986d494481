import Testing
@testable import FairPlot

@Suite("TextRenderer")
struct TextRendererTests {
    /// a = {1, 2, 3}, b = {2, 2, 4} on [0, 4]: F_a jumps by 1/3 at 1, 2, 3; F_b by 2/3 at 2 and 1/3 at 4.
    /// KS = sup |F_a - F_b| = 1/3 (on [1, 2) and [3, 4)); W1 = ∫ |F_a - F_b| = 2/3.
    static func twoSamples() throws -> Figure {
        Figure(try CDFChart.panel(
            title: "two samples", annotation: "KS = 0.333",
            series: [.init(name: "a", values: [1, 2, 3], stats: [LegendStat("W1", "0.667")]), .init(name: "b", values: [2, 4, 2])],
            xLabel: "x", xRange: 0...4, height: 5))
    }

    @Test("ASCII golden: step CDFs with overlaps, ticks, legend")
    func asciiGolden() throws {
        let expected = """
            two samples           KS = 0.333
            1.0 ┤                   aaaaaa#
                │             #######bbbbbb
            0.5 ┤             #
                │      aaaaaaa#
            0.0 ┤#######bbbbbbb
                └┬────────────┬───────────┬
                 0            2           4
                                           x
                 a = a (n=3)  W1 0.667
                 b = b (n=3)
                 # = overlap of two or more series
            """
        #expect(TextRenderer().render(try Self.twoSamples(), width: 32) == expected)
    }

    @Test("ASCII frame uses 7-bit characters only")
    func asciiFrame() throws {
        let text = TextRenderer(frame: .ascii).render(try Self.twoSamples(), width: 32)
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(text.contains("0.0 +#######bbbbbbb"))
        #expect(text.contains("    ++------------+-----------+"))
    }

    @Test("Braille golden: 2 × 4 dots per character")
    func brailleGolden() throws {
        let expected = """
            two samples           KS = 0.333
            1.0 ┤                   ⡏⠉⠉⠉⠉⠉⢹
                │             ⡤⠤⠤⠤⠤⠤⠧⠤⠤⠤⠤⠤⠼
            0.5 ┤             ⡇
                │      ⢰⠒⠒⠒⠒⠒⠒⡇
            0.0 ┤⣀⣀⣀⣀⣀⣀⣸⣀⣀⣀⣀⣀⣀⡇
                └┬────────────┬───────────┬
                 0            2           4
                                           x
                 a = a (n=3)  W1 0.667
                 b = b (n=3)
                 braille without colour does not tell series apart; use the ascii canvas
            """
        #expect(TextRenderer(canvas: .braille).render(try Self.twoSamples(), width: 32) == expected)
    }

    @Test("one Braille dot sets the documented bit")
    func brailleBits() throws {
        // A single mark at the top-left dot of the canvas is dot 1 (bit 0x01): U+2801.
        let panel = Panel(
            xAxis: Axis(lower: 0, upper: 1), yAxis: Axis(lower: 0, upper: 1),
            series: [Series(name: "p", glyph: "p", style: .points, points: [Point(0, 1)])], height: 3)
        let lines = TextRenderer(canvas: .braille).render(panel, width: 30)
        #expect(lines.contains { $0.hasSuffix("┤\u{2801}") })
    }

    @Test("marks golden: points are not joined")
    func pointsGolden() throws {
        let panel = try TradeoffChart.panel(
            series: [.init(name: "eps", unfairness: [0, 0.5, 1], risk: [1, 0.5, 0], style: .points)],
            xRange: 0...1, yRange: 0...1, height: 5)
        let expected = """
            risk
            1 ┤e
              │
              │           e
              │
            0 ┤                      e
              └┬──────────┬──────────┬
              0.0        0.5        1.0
                         unfairness (KS)
               e = eps
            """
        #expect(TextRenderer().render(Figure(panel), width: 28) == expected)
    }

    @Test("point labels: beside their point where there is room (right, else left), never over a series or a label")
    func pointLabels() throws {
        let panel = try TradeoffChart.panel(
            series: [.init(name: "eps", unfairness: [0, 0.5, 0.55, 1], risk: [1, 0.5, 0.5, 0], style: .points,
                           labels: ["ε=0", "ε=0.5", "ε=0.55", "ε=1"])],
            xRange: 0...1, yRange: 0...1, height: 5)
        let expected = """
            risk
            1 ┤e ε=0
              │
              │     ε=0.5 ee ε=0.55
              │
            0 ┤                  ε=1 e
              └┬──────────┬──────────┬
              0.0        0.5        1.0
                         unfairness (KS)
               e = eps
            """
        #expect(TextRenderer().render(Figure(panel), width: 28) == expected)
    }

    @Test("a background series shows only where nothing else is drawn")
    func background() throws {
        let panel = try TransportMapChart.panel(groups: [.init(name: "g", x: [0, 1], y: [0, 1])], range: 0...1, height: 5)
        let text = TextRenderer().render(Figure(panel), width: 30)
        #expect(text.contains("g"))
        #expect(!text.contains("#"), "the diagonal under an identical map must not count as an overlap")
    }

    @Test("wide figures put panels side by side, narrow ones stack them")
    func layout() throws {
        let figure = try CDFChart.beforeAfter(
            before: [.init(name: "a", values: [0.2])], after: [.init(name: "a", values: [0.4])],
            beforeTitle: "BEFORE", afterTitle: "AFTER", xRange: 0...1, height: 5)
        let wide = TextRenderer().render(figure, width: 130).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(wide[0].hasPrefix("BEFORE") && wide[0].contains("AFTER"))
        let narrow = TextRenderer().render(figure, width: 64).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(narrow[0] == "BEFORE")
        #expect(narrow.contains("AFTER"))
        #expect(narrow.count > wide.count)
    }

    @Test("no line has trailing blanks and the width is respected", arguments: [30, 48, 64, 80, 100])
    func tidyLines(width: Int) throws {
        let figure = try CDFChart.beforeAfter(
            before: [.init(name: "F", values: [0.1, 0.3, 0.35]), .init(name: "M", values: [0.5, 0.9])],
            after: [.init(name: "F", values: [0.4]), .init(name: "M", values: [0.45])], xRange: 0...1)
        let text = TextRenderer().render(figure, width: width)
        for line in text.split(separator: "\n") {
            #expect(!line.hasSuffix(" "))
            if line.contains("┤") || line.contains("│") { #expect(line.count <= width) }
        }
    }

    @Test("colour adds ANSI sequences only when asked")
    func colour() throws {
        #expect(!TextRenderer().render(try Self.twoSamples(), width: 40).contains("\u{1B}["))
        let coloured = TextRenderer(usesColor: true).render(try Self.twoSamples(), width: 40)
        #expect(coloured.contains("\u{1B}[34ma\u{1B}[0m"))
    }
}
