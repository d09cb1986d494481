import Testing
@testable import FairPlot

@Suite("TradeoffChart")
struct TradeoffChartTests {
    @Test("points keep the caller's order")
    func order() throws {
        let panel = try TradeoffChart.panel(series: [.init(name: "eps", unfairness: [0.3, 0.1, 0.2], risk: [1, 3, 2])])
        #expect(panel.series[0].points.map(\.x) == [0.3, 0.1, 0.2])
        #expect(panel.xAxis.label == "unfairness (KS)" && panel.yAxis.label == "risk")
    }

    @Test("risk and unfairness of different lengths is an error")
    func mismatch() {
        #expect(throws: PlotError.lengthMismatch(series: "eps", xCount: 1, yCount: 2)) {
            try TradeoffChart.panel(series: [.init(name: "eps", unfairness: [0.3], risk: [1, 2])])
        }
    }
}
