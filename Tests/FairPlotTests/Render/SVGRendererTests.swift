import Testing
@testable import FairPlot

@Suite("SVGRenderer")
struct SVGRendererTests {
    static func figure() throws -> Figure {
        try CDFChart.beforeAfter(
            before: [.init(name: "F", values: [0.1, 0.4]), .init(name: "M<1>", values: [0.5])],
            after: [.init(name: "F", values: [0.3]), .init(name: "M<1>", values: [0.35])],
            beforeTitle: "before & after", xRange: 0...1, notes: ["a note"])
    }

    @Test("one polyline per series and one per legend sample, text escaped, deterministic")
    func document() throws {
        let svg = SVGRenderer().render(try Self.figure())
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.hasSuffix("</svg>"))
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 4 + 4)
        #expect(svg.contains("<title>before &amp; after; after</title>"))
        #expect(svg.contains("before &amp; after"))
        #expect(svg.contains("M&lt;1&gt; (n=1)"))
        #expect(!svg.contains("M<1>"))
        #expect(svg.contains("a note"))
        #expect(svg == SVGRenderer().render(try Self.figure()))
    }

    @Test("series differ by colour, dash pattern and marker shape, in the plot and in the legend")
    func styles() throws {
        let svg = SVGRenderer().render(try Self.figure())
        #expect(svg.contains("stroke=\"#0072B2\" stroke-width=\"1.75\" stroke-linejoin=\"round\"/>"))
        #expect(svg.contains("stroke=\"#D55E00\" stroke-width=\"1.75\" stroke-linejoin=\"round\" stroke-dasharray=\"7,3\"/>"))
        // F's markers are circles, M<1>'s squares (paths): in each panel's plot and legend.
        #expect(svg.components(separatedBy: "<circle").count - 1 >= 4)
        #expect(svg.components(separatedBy: "fill=\"#D55E00\" stroke=\"#ffffff\"").count - 1 >= 4)
        let styles = SVGRenderer.styles([
            Series(name: "a", glyph: "a", points: []), Series(name: "barycenter", glyph: "*", points: []),
            Series(name: "b", glyph: "b", points: []),
        ])
        #expect(styles.map(\.color) == ["#0072B2", SVGRenderer.ink, "#D55E00"])
        #expect(styles.map(\.isInk) == [false, true, false])
    }

    @Test("legends give n and the statistics; ids carry the figure's prefix, so figures can share a page")
    func legendAndIDs() throws {
        let figure = Figure(try CDFChart.panel(
            series: [.init(name: "A", values: [1, 2], stats: [LegendStat("KS→bary", "0.5"), LegendStat("W2→bary", "0.1")])]))
        let svg = SVGRenderer(idPrefix: "fig7").render(figure)
        #expect(svg.contains("<tspan>A (n=2)</tspan><tspan x=\"165.00\">KS→bary 0.5</tspan><tspan x=\"267.20\">W2→bary 0.1</tspan>"))
        #expect(svg.contains("<clipPath id=\"fig7-clip-0\">") && svg.contains("clip-path=\"url(#fig7-clip-0)\""))
        #expect(!svg.contains("id=\"fp-"))
    }

    @Test("trade-off points carry their labels; a label that would cover another is left out")
    func labels() throws {
        let panel = try TradeoffChart.panel(series: [.init(
            name: "eps", unfairness: [0.1, 0.5, 0.5001], risk: [0.9, 0.4, 0.4001], style: .points,
            labels: ["ε=0", "ε=0.5", "ε=0.51"])])
        let svg = SVGRenderer().render(Figure(panel))
        #expect(svg.contains(">ε=0</text>") && svg.contains(">ε=0.5</text>"))
        #expect(!svg.contains(">ε=0.51</text>"))
        #expect(throws: PlotError.self) {
            try TradeoffChart.panel(series: [.init(name: "eps", unfairness: [0.1], risk: [0.9], labels: ["a", "b"])])
        }
    }

    @Test("markers spread along a line skip a CDF's flat tails")
    func markersAlong() {
        let path = [(0, 100), (50, 100), (50, 0), (100, 0)]
        #expect(SVGRenderer.trimmingFlatEnds(path).map { [$0.0, $0.1] } == [[50, 100], [50, 0]])
        let marks = SVGRenderer.along([(0, 0), (100, 0)], count: 2, shift: 0.5)
        #expect(marks.map { [$0.0, $0.1] } == [[2.5, 0], [7.5, 0]])
    }
}

import Foundation

@Suite("SVGRenderer path simplification")
struct SVGSimplificationTests {
    @Test("repeated points and the middle of straight monotone runs are dropped; turning points stay")
    func simplify() {
        let points = [(0, 0), (0, 0), (0, 5), (0, 10), (5, 10), (9, 10), (9, 4), (9, 7), (12, 7)]
        #expect(SVGRenderer.simplified(points).map { [$0.0, $0.1] } == [[0, 0], [0, 10], [9, 10], [9, 4], [9, 7], [12, 7]])
    }

    @Test("a large step CDF keeps its ends and few vertices")
    func largeCDF() throws {
        let values = (0..<100_000).map { Double($0) / 100_000 }
        let figure = Figure(try CDFChart.panel(series: [.init(name: "u", values: values)], xRange: 0...1))
        let svg = SVGRenderer().render(figure)
        let start = try #require(svg.range(of: "<polyline points=\""))
        let end = try #require(svg[start.upperBound...].firstIndex(of: "\""))
        let vertices = svg[start.upperBound..<end].split(separator: " ")
        #expect(vertices.count < 20_000)
        #expect(vertices.first == "56.0,270.0", "starts at (0, 0)")
        #expect(vertices.last == "620.0,30.0", "ends at (1, 1)")
    }

    @Test("tenths of a pixel print as decimals")
    func decimals() {
        #expect(SVGRenderer.decimal(123) == "12.3")
        #expect(SVGRenderer.decimal(-5) == "-0.5")
        #expect(SVGRenderer.decimal(0) == "0.0")
    }
}
