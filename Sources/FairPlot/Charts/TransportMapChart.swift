/// The transport map of each group: every input value `x` (e.g. a score before repair) against
/// its image `y` (after repair), drawn as a line per group, with the diagonal `y = x` as a
/// dotted background.
///
/// ## Mathematical properties
/// - Pairs are drawn in increasing `x` (ties by `y`), so a non-decreasing map draws a
///   non-decreasing curve; a decreasing stretch — a rank inversion — is visible as a downward step.
/// - Both axes share one range (the caller's, or the pooled range of all `x` and `y` widened to
///   nice ticks), so the diagonal is the identity map.
public enum TransportMapChart {
    /// One group's pairs `(x[i], y[i])`.
    public struct Input: Sendable, Equatable {
        public var name: String
        public var x: [Double]
        public var y: [Double]
        public var stats: [LegendStat]
        public var glyph: Character?

        public init(name: String, x: [Double], y: [Double], stats: [LegendStat] = [], glyph: Character? = nil) {
            self.name = name
            self.x = x
            self.y = y
            self.stats = stats
            self.glyph = glyph
        }
    }

    /// A panel with one line per group and the diagonal.
    public static func panel(
        title: String = "", annotation: String = "", groups: [Input], xLabel: String = "before",
        yLabel: String = "after", range: ClosedRange<Double>? = nil, showsDiagonal: Bool = true,
        notes: [String] = [], height: Int = 11
    ) throws(PlotError) -> Panel {
        try ChartInput.checkCount(groups.count)
        try ChartInput.checkHeight(height)
        try ChartInput.checkRange(range, axis: "x")
        for g in groups {
            guard g.x.count == g.y.count else {
                throw .lengthMismatch(series: g.name, xCount: g.x.count, yCount: g.y.count)
            }
            try ChartInput.checkFinite(g.x, series: g.name)
            try ChartInput.checkFinite(g.y, series: g.name)
        }
        let shared = ChartInput.axisRange(fixed: range, data: ChartInput.extent(groups.flatMap { [$0.x, $0.y] }))
        let glyphs = GlyphAssignment.glyphs(for: groups.map(\.name), fixed: groups.map(\.glyph))
        var series: [Series] = []
        if showsDiagonal {
            series.append(Series(
                name: "y = x", glyph: ".",
                points: [Point(shared.lowerBound, shared.lowerBound), Point(shared.upperBound, shared.upperBound)],
                isBackground: true))
        }
        var legend: [LegendEntry] = []
        for (i, g) in groups.enumerated() {
            let order = g.x.indices.sorted { g.x[$0] < g.x[$1] || (g.x[$0] == g.x[$1] && g.y[$0] < g.y[$1]) }
            series.append(Series(name: g.name, glyph: glyphs[i], points: order.map { Point(g.x[$0], g.y[$0]) }))
            legend.append(LegendEntry(glyph: glyphs[i], name: g.name, count: g.x.count, stats: g.stats))
        }
        let diagonalNote = showsDiagonal ? [". = identity (y = x)"] : []
        return Panel(
            title: title, annotation: annotation,
            xAxis: Axis(label: xLabel, lower: shared.lowerBound, upper: shared.upperBound),
            yAxis: Axis(label: yLabel, lower: shared.lowerBound, upper: shared.upperBound),
            series: series, legend: legend, notes: diagonalNote + notes, height: height)
    }
}
