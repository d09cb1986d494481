import FairSupport
import Testing
@testable import FairPlot

@Suite("HistogramChart")
struct HistogramChartTests {
    @Test("bin counts agree with the half-open bin definition", arguments: [5, 6, 7])
    func countsMatchBruteForce(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<40 {
            let bins = 1 + rng.nextInt(below: 12)
            let edges = HistogramChart.binEdges(range: 0...1, bins: bins)
            let values = (0..<60).map { _ in Double(rng.nextInt(below: 25)) / 20 - 0.1 }
            let (counts, outside) = HistogramChart.binCounts(values, edges: edges)
            for k in 0..<bins {
                let expected = values.filter { v in
                    v >= edges[k] && (k == bins - 1 ? v <= edges[k + 1] : v < edges[k + 1])
                }.count
                #expect(counts[k] == expected)
            }
            #expect(outside == values.filter { $0 < 0 || $0 > 1 }.count)
            #expect(counts.reduce(0, +) + outside == values.count)
        }
    }

    @Test("fractions sum to one per series and the legend reports values outside the range")
    func fractions() throws {
        let panel = try HistogramChart.panel(
            series: [.init(name: "a", values: [0.1, 0.2, 0.6, 1.5])], bins: 4, normalization: .fraction, range: 0...1)
        let heights = stride(from: 1, to: panel.series[0].points.count - 1, by: 2).map { panel.series[0].points[$0].y }
        #expect(abs(heights.reduce(0, +) - 0.75) < 1e-12)
        #expect(panel.legend[0].stats == [LegendStat("outside range", "1")])
    }

    @Test("a bad number of bins is an error")
    func badBins() {
        #expect(throws: PlotError.invalidParameter(name: "bins", value: "0", allowed: "between 1 and 1000")) {
            try HistogramChart.panel(series: [.init(name: "a", values: [1])], bins: 0)
        }
    }
}
