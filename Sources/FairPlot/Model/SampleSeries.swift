/// A chart's input series drawn from a sample: a name, the values (in any order; the charts
/// sort or bin a copy), statistics for the legend and an optional fixed glyph. The input of
/// `CDFChart` and `HistogramChart` alike.
public struct SampleSeries: Sendable, Equatable {
    public var name: String
    public var values: [Double]
    /// Statistics for the legend (`KS→bary 0.237`).
    public var stats: [LegendStat]
    /// A fixed glyph (e.g. `*` for the barycenter); nil picks one from the name.
    public var glyph: Character?

    public init(name: String, values: [Double], stats: [LegendStat] = [], glyph: Character? = nil) {
        self.name = name
        self.values = values
        self.stats = stats
        self.glyph = glyph
    }
}
