import FairSupport
import Testing
@testable import FairPlot

@Suite("CDFChart")
struct CDFChartTests {
    /// The ECDF read off the polyline: the level of the last vertex at or left of `x`.
    static func level(_ points: [Point], at x: Double) -> Double {
        var value = 0.0
        for p in points where p.x <= x { value = p.y }
        return value
    }

    @Test("the polyline is the right-continuous ECDF", arguments: [1, 2, 3, 4])
    func stepsMatchDefinition(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<50 {
            let n = 1 + rng.nextInt(below: 30)
            let sample = (0..<n).map { _ in Double(rng.nextInt(below: 8)) }.sorted()
            let points = CDFChart.steps(sorted: sample, over: -1...9)
            for x in stride(from: -1.0, through: 9.0, by: 0.5) {
                let expected = Double(sample.filter { $0 <= x }.count) / Double(n)
                #expect(Self.level(points, at: x) == expected, "x = \(x), sample \(sample)")
            }
            #expect(points.first == Point(-1, 0))
            #expect(points.last == Point(9, 1))
            // Ties make one jump: two vertices per distinct value, plus both ends.
            #expect(points.count == 2 * Set(sample).count + 2)
        }
    }

    @Test("unsorted input is sorted first")
    func unsorted() throws {
        let panel = try CDFChart.panel(series: [.init(name: "a", values: [3, 1, 2])], xRange: 0...4)
        #expect(panel.series[0].points == CDFChart.steps(sorted: [1, 2, 3], over: 0...4))
        #expect(panel.legend[0].count == 3)
    }

    @Test("a non-finite value is an error naming the series and index")
    func nonFinite() {
        #expect(throws: PlotError.nonFiniteValue(series: "F", index: 1, value: .infinity)) {
            try CDFChart.panel(series: [.init(name: "F", values: [0.1, .infinity])])
        }
        let message = PlotError.nonFiniteValue(series: "F", index: 1, value: .infinity).description
        #expect(message.contains("\"F\"") && message.contains("index 1") && message.contains("Remove or impute"))
    }

    @Test("an empty or reversed range is an error that says what is valid")
    func badRange() {
        #expect(throws: PlotError.invalidRange(axis: "x", lower: 1, upper: 1)) {
            try CDFChart.panel(series: [.init(name: "a", values: [1])], xRange: 1...1)
        }
        #expect(PlotError.invalidRange(axis: "x", lower: 1, upper: 1).description.contains("lower < upper"))
    }

    @Test("too many series is an error")
    func tooMany() {
        let series = (0..<27).map { CDFChart.Input(name: "g\($0)", values: [Double($0)]) }
        #expect(throws: PlotError.tooManySeries(count: 27, maximum: 26)) { try CDFChart.panel(series: series) }
        #expect(PlotError.tooManySeries(count: 27, maximum: 26).description.contains("merge small ones"))
    }

    @Test("a bad height is an error")
    func badHeight() {
        #expect(throws: PlotError.invalidParameter(name: "height", value: "2", allowed: "between 3 and 200 rows")) {
            try CDFChart.panel(series: [], height: 2)
        }
    }

    @Test("before and after panels share the pooled x range")
    func sharedAxes() throws {
        let figure = try CDFChart.beforeAfter(
            before: [.init(name: "a", values: [0.1, 0.2])], after: [.init(name: "a", values: [0.7, 0.93])])
        #expect(figure.panels.count == 2)
        #expect(figure.panels[0].xAxis == figure.panels[1].xAxis)
        #expect(figure.panels[0].xAxis.lower == 0 && figure.panels[0].xAxis.upper == 1)
    }
}
