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

    @Test("one polyline per series, text escaped, deterministic")
    func document() throws {
        let svg = SVGRenderer().render(try Self.figure())
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.hasSuffix("</svg>"))
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 4)
        #expect(svg.contains("before &amp; after"))
        #expect(svg.contains("M&lt;1&gt; (n=1)"))
        #expect(!svg.contains("M<1>"))
        #expect(svg.contains("a note"))
        #expect(svg == SVGRenderer().render(try Self.figure()))
    }

    @Test("series differ by dash pattern as well as colour")
    func dashes() throws {
        let svg = SVGRenderer().render(try Self.figure())
        #expect(svg.contains("stroke=\"#0072B2\""))
        #expect(svg.contains("stroke=\"#D55E00\" stroke-width=\"1.5\" stroke-dasharray=\"6,3\""))
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
