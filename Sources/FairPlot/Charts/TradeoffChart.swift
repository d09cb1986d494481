/// Risk against unfairness: one line of points per family of models (e.g. over the repair
/// strength `eps` or the task weight `lambda`), to read the price of fairness.
///
/// ## Mathematical properties
/// - Points are joined in the caller's order (e.g. increasing eps), not re-sorted, so the
///   path shows how the trade-off moves along the parameter.
/// - Each point may carry a label (its eps or λ), written beside it where there is room.
/// - Both ranges are the pooled ranges of the points widened to nice ticks, unless given.
public enum TradeoffChart {
    /// One family of points `(unfairness[i], risk[i])`, e.g. labelled by eps.
    public struct Input: Sendable, Equatable {
        public var name: String
        public var unfairness: [Double]
        public var risk: [Double]
        public var stats: [LegendStat]
        public var glyph: Character?
        public var style: Series.Style
        /// One label per point (its eps or λ), written beside it; empty for none.
        public var labels: [String]

        public init(
            name: String, unfairness: [Double], risk: [Double], stats: [LegendStat] = [], glyph: Character? = nil,
            style: Series.Style = .line, labels: [String] = []
        ) {
            self.name = name
            self.unfairness = unfairness
            self.risk = risk
            self.stats = stats
            self.glyph = glyph
            self.style = style
            self.labels = labels
        }
    }

    /// A panel with unfairness on x and risk on y.
    public static func panel(
        title: String = "", annotation: String = "", series: [Input], xLabel: String = "unfairness (KS)",
        yLabel: String = "risk", xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil,
        notes: [String] = [], height: Int = 11
    ) throws(PlotError) -> Panel {
        try ChartInput.checkCount(series.count)
        try ChartInput.checkHeight(height)
        try ChartInput.checkRange(xRange, axis: "x")
        try ChartInput.checkRange(yRange, axis: "y")
        for s in series {
            guard s.unfairness.count == s.risk.count else {
                throw .lengthMismatch(series: s.name, xCount: s.unfairness.count, yCount: s.risk.count)
            }
            guard s.labels.isEmpty || s.labels.count == s.unfairness.count else {
                throw .invalidParameter(
                    name: "labels of \"\(s.name)\"", value: "\(s.labels.count) labels",
                    allowed: "one label per point (\(s.unfairness.count)), or none")
            }
            try ChartInput.checkFinite(s.unfairness, series: s.name)
            try ChartInput.checkFinite(s.risk, series: s.name)
        }
        let x = ChartInput.axisRange(fixed: xRange, data: ChartInput.extent(series.map(\.unfairness)))
        let y = ChartInput.axisRange(fixed: yRange, data: ChartInput.extent(series.map(\.risk)))
        let glyphs = GlyphAssignment.glyphs(for: series.map(\.name), fixed: series.map(\.glyph))
        var drawn: [Series] = []
        var legend: [LegendEntry] = []
        for (i, s) in series.enumerated() {
            let points = zip(s.unfairness, s.risk).map { Point($0, $1) }
            drawn.append(Series(name: s.name, glyph: glyphs[i], style: s.style, points: points, labels: s.labels))
            legend.append(LegendEntry(glyph: glyphs[i], name: s.name, count: nil, stats: s.stats))
        }
        return Panel(
            title: title, annotation: annotation,
            xAxis: Axis(label: xLabel, lower: x.lowerBound, upper: x.upperBound),
            yAxis: Axis(label: yLabel, lower: y.lowerBound, upper: y.upperBound),
            series: drawn, legend: legend, notes: notes, height: height)
    }
}
