/// One chart: a title line, two axes, series, a legend and notes. Charts build panels; the
/// renderers (text, SVG) draw them.
public struct Panel: Sendable, Equatable {
    /// Left part of the title line.
    public var title: String
    /// Right-aligned part of the title line (e.g. `KS(F,M) = 0.591`).
    public var annotation: String
    public var xAxis: Axis
    public var yAxis: Axis
    /// Drawn in order; background series first whatever their position.
    public var series: [Series]
    public var legend: [LegendEntry]
    /// Free lines under the legend.
    public var notes: [String]
    /// Canvas height in text rows (11 puts 0.5 of a [0, 1] axis on a row).
    public var height: Int

    public init(
        title: String = "", annotation: String = "", xAxis: Axis, yAxis: Axis, series: [Series],
        legend: [LegendEntry] = [], notes: [String] = [], height: Int = 11
    ) {
        self.title = title
        self.annotation = annotation
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.series = series
        self.legend = legend
        self.notes = notes
        self.height = height
    }
}
