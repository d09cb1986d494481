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
