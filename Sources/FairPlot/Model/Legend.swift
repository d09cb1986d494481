/// One legend line: the series glyph and name, its size, and free-form statistics
/// (`KS→bary 0.237`, `W2 0.074`), aligned in columns across the entries of a panel.
public struct LegendEntry: Sendable, Equatable {
    /// The series glyph.
    public var glyph: Character
    /// The series name.
    public var name: String
    /// Number of observations, shown as `(n=400)`; `nil` for none.
    public var count: Int?
    /// Labelled values, shown in order.
    public var stats: [LegendStat]

    public init(glyph: Character, name: String, count: Int? = nil, stats: [LegendStat] = []) {
        self.glyph = glyph
        self.name = name
        self.count = count
        self.stats = stats
    }
}

/// A labelled value of a legend entry; the value is already formatted by the caller.
public struct LegendStat: Sendable, Equatable {
    public var label: String
    public var value: String
    public init(_ label: String, _ value: String) {
        self.label = label
        self.value = value
    }
}
