/// Step plots of empirical CDFs, one glyph per series, with a legend of n and free-form stats;
/// and before/after figures whose panels share their axes.
///
/// ## Mathematical properties
/// - Each series is drawn as its ECDF `F(x) = #{i : v_i <= x} / n`, a right-continuous step
///   function: flat at `0` left of the smallest value, a vertical jump of `k/n` at a value seen
///   `k` times (ties make one jump), flat at `1` right of the largest value.
/// - The y axis is `[0, 1]` with ticks 0, 0.5, 1; the x axis is the caller's range or the
///   pooled range of every series (of both panels for before/after) widened to nice ticks.
/// - The KS distance between two series is the largest vertical gap between their steps.
public enum CDFChart {
    /// One series: a name and its values (sorted ascending or not; a sorted copy is used).
    public typealias Input = SampleSeries

    /// A panel of ECDFs.
    /// - Parameters:
    ///   - title: the panel's title line.
    ///   - annotation: text at the right end of the title line (e.g. the KS statistic).
    ///   - series: the samples, one ECDF each.
    ///   - xLabel: the x axis label.
    ///   - xRange: the x range; nil uses the pooled range of the series, widened to nice ticks.
    ///   - notes: lines shown under the chart.
    ///   - height: plot rows, 3 to 200.
    public static func panel(
        title: String = "", annotation: String = "", series: [Input], xLabel: String = "value",
        xRange: ClosedRange<Double>? = nil, notes: [String] = [], height: Int = 11
    ) throws(PlotError) -> Panel {
        try ChartInput.checkCount(series.count)
        try ChartInput.checkHeight(height)
        try ChartInput.checkRange(xRange, axis: "x")
        for s in series { try ChartInput.checkFinite(s.values, series: s.name) }
        let range = ChartInput.axisRange(fixed: xRange, data: ChartInput.extent(series.map(\.values)))
        let glyphs = GlyphAssignment.glyphs(for: series.map(\.name), fixed: series.map(\.glyph))
        var drawn: [Series] = []
        var legend: [LegendEntry] = []
        for (i, s) in series.enumerated() {
            let sorted = isSorted(s.values) ? s.values : s.values.sorted()
            drawn.append(Series(name: s.name, glyph: glyphs[i], points: steps(sorted: sorted, over: range)))
            legend.append(LegendEntry(glyph: glyphs[i], name: s.name, count: s.values.count, stats: s.stats))
        }
        return Panel(
            title: title, annotation: annotation,
            xAxis: Axis(label: xLabel, lower: range.lowerBound, upper: range.upperBound),
            yAxis: Axis(label: "", lower: 0, upper: 1, ticks: [0, 0.5, 1]),
            series: drawn, legend: legend, notes: notes, height: height)
    }

    /// Two panels, before and after, drawn with the same x range (the pooled range of both,
    /// unless `xRange` is given): the comparison is the point, so the axes never change between them.
    public static func beforeAfter(
        before: [Input], after: [Input], beforeTitle: String = "before", afterTitle: String = "after",
        beforeAnnotation: String = "", afterAnnotation: String = "", xLabel: String = "value",
        xRange: ClosedRange<Double>? = nil, layout: Figure.Layout = .automatic(minimumPanelWidth: 60),
        notes: [String] = [], height: Int = 11
    ) throws(PlotError) -> Figure {
        try ChartInput.checkRange(xRange, axis: "x")
        for s in before + after { try ChartInput.checkFinite(s.values, series: s.name) }
        let shared = ChartInput.axisRange(
            fixed: xRange, data: ChartInput.extent(before.map(\.values) + after.map(\.values)))
        let first = try panel(
            title: beforeTitle, annotation: beforeAnnotation, series: before, xLabel: xLabel,
            xRange: shared, height: height)
        let second = try panel(
            title: afterTitle, annotation: afterAnnotation, series: after, xLabel: xLabel,
            xRange: shared, height: height)
        return Figure(panels: [first, second], layout: layout, notes: notes)
    }

    /// The vertices of the ECDF of `sorted` as a polyline over `range`: horizontal runs at each
    /// level and a vertical segment at each distinct value (right-continuous steps).
    public static func steps(sorted: [Double], over range: ClosedRange<Double>) -> [Point] {
        guard !sorted.isEmpty else { return [] }
        let n = Double(sorted.count)
        var points: [Point] = [Point(min(range.lowerBound, sorted[0]), 0)]
        points.reserveCapacity(2 * sorted.count + 2)
        var level = 0.0
        var i = 0
        while i < sorted.count {
            let value = sorted[i]
            var j = i
            while j < sorted.count && sorted[j] == value { j += 1 }
            points.append(Point(value, level))
            level = Double(j) / n
            points.append(Point(value, level))
            i = j
        }
        points.append(Point(max(range.upperBound, sorted[sorted.count - 1]), 1))
        return points
    }

    static func isSorted(_ values: [Double]) -> Bool {
        var i = 1
        while i < values.count {
            if values[i] < values[i - 1] { return false }
            i += 1
        }
        return true
    }
}
