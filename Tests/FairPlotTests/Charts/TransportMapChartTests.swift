import Testing
@testable import FairPlot

@Suite("TransportMapChart")
struct TransportMapChartTests {
    @Test("pairs are drawn in increasing x, on one shared range, with the diagonal behind")
    func ordering() throws {
        let panel = try TransportMapChart.panel(groups: [.init(name: "g", x: [0.9, 0.1, 0.5], y: [0.8, 0.2, 0.4])])
        #expect(panel.series[0].isBackground && panel.series[0].glyph == ".")
        #expect(panel.series[1].points == [Point(0.1, 0.2), Point(0.5, 0.4), Point(0.9, 0.8)])
        #expect(panel.xAxis.range == panel.yAxis.range)
    }

    @Test("x and y of different lengths is an error")
    func mismatch() {
        #expect(throws: PlotError.lengthMismatch(series: "g", xCount: 2, yCount: 1)) {
            try TransportMapChart.panel(groups: [.init(name: "g", x: [1, 2], y: [1])])
        }
        #expect(PlotError.lengthMismatch(series: "g", xCount: 2, yCount: 1).description.contains("one y per x"))
    }
}
