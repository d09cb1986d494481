/// Histograms of several series over shared bins, each drawn as a step outline so that
/// overlapping groups stay readable.
///
/// ## Mathematical properties
/// - Bins are `[e_k, e_{k+1})` for equally spaced edges, except the last, which is closed
///   `[e_{m-1}, e_m]` so the largest value is counted.
/// - `.fraction` bars sum to 1 per series (comparable across groups of different sizes);
///   `.count` bars sum to n; `.density` bars integrate to 1 (fraction divided by bin width).
/// - Edges span the caller's range or the pooled range of all series widened to nice ticks; values outside a
///   caller's range are not counted, and the legend says how many were left out.
public enum HistogramChart {
    /// What a bar's height measures.
    public enum Normalization: String, Sendable, Equatable, CaseIterable {
        case count, fraction, density
    }

    /// One series of values.
    public typealias Input = SampleSeries

    /// A panel of histogram outlines over `bins` equal bins.
    public static func panel(
        title: String = "", annotation: String = "", series: [Input], bins: Int = 20,
        normalization: Normalization = .fraction, xLabel: String = "value", range: ClosedRange<Double>? = nil,
        notes: [String] = [], height: Int = 11
    ) throws(PlotError) -> Panel {
        try ChartInput.checkCount(series.count)
        try ChartInput.checkHeight(height)
        try ChartInput.checkRange(range, axis: "x")
        guard bins >= 1 && bins <= 1000 else {
            throw .invalidParameter(name: "bins", value: "\(bins)", allowed: "between 1 and 1000")
        }
        for s in series { try ChartInput.checkFinite(s.values, series: s.name) }
        let edges = binEdges(
            range: ChartInput.axisRange(fixed: range, data: ChartInput.extent(series.map(\.values))), bins: bins)
        let glyphs = GlyphAssignment.glyphs(for: series.map(\.name), fixed: series.map(\.glyph))
        var heights: [[Double]] = []
        var legend: [LegendEntry] = []
        for (i, s) in series.enumerated() {
            let (counts, outside) = binCounts(s.values, edges: edges)
            let n = Double(max(1, s.values.count))
            let width = edges[1] - edges[0]
            heights.append(counts.map { c in
                switch normalization {
                case .count: return Double(c)
                case .fraction: return Double(c) / n
                case .density: return Double(c) / n / width
                }
            })
            var stats = s.stats
            if outside > 0 { stats.append(LegendStat("outside range", "\(outside)")) }
            legend.append(LegendEntry(glyph: glyphs[i], name: s.name, count: s.values.count, stats: stats))
        }
        let top = heights.flatMap { $0 }.max() ?? 1
        let yScale = NiceScale.expanded(lower: 0, upper: top > 0 ? top : 1, maximumCount: 4)
        var drawn: [Series] = []
        for (i, s) in series.enumerated() {
            var points: [Point] = [Point(edges[0], 0)]
            for (k, h) in heights[i].enumerated() {
                points.append(Point(edges[k], h))
                points.append(Point(edges[k + 1], h))
            }
            points.append(Point(edges[edges.count - 1], 0))
            drawn.append(Series(name: s.name, glyph: glyphs[i], points: points))
        }
        return Panel(
            title: title, annotation: annotation,
            xAxis: Axis(label: xLabel, lower: edges[0], upper: edges[edges.count - 1]),
            yAxis: Axis(label: normalization.rawValue, lower: 0, upper: yScale.upper),
            series: drawn, legend: legend, notes: notes, height: height)
    }

    /// `bins + 1` equally spaced edges from the range's lower to upper bound (a degenerate range is widened).
    public static func binEdges(range: ClosedRange<Double>, bins: Int) -> [Double] {
        var lo = range.lowerBound, hi = range.upperBound
        if lo == hi {
            lo -= 0.5
            hi += 0.5
        }
        let count = max(1, bins)
        return (0...count).map { k in k == count ? hi : lo + (hi - lo) * Double(k) / Double(count) }
    }

    /// Counts per bin and the number of values outside `[edges.first, edges.last]`.
    public static func binCounts(_ values: [Double], edges: [Double]) -> (counts: [Int], outside: Int) {
        let bins = edges.count - 1
        guard bins >= 1 else { return ([], values.count) }
        var counts = [Int](repeating: 0, count: bins)
        var outside = 0
        let lo = edges[0], hi = edges[bins]
        for v in values {
            if v < lo || v > hi {
                outside += 1
                continue
            }
            var k = Int(((v - lo) / (hi - lo) * Double(bins)).rounded(.down))
            k = min(max(k, 0), bins - 1)
            // Floating-point guard: the bin must satisfy edges[k] <= v < edges[k+1].
            while k > 0 && v < edges[k] { k -= 1 }
            while k < bins - 1 && v >= edges[k + 1] { k += 1 }
            counts[k] += 1
        }
        return (counts, outside)
    }
}
