/// One axis of a panel: its label and the data range it shows.
public struct Axis: Sendable, Equatable {
    /// Axis title (`score`, `F(x)`); empty for none.
    public var label: String
    /// The data range mapped onto the canvas; values outside it are clipped.
    public var lower: Double
    /// The data range mapped onto the canvas; values outside it are clipped.
    public var upper: Double
    /// Explicit tick values; `nil` picks nice ticks for the available room.
    public var ticks: [Double]?

    public init(label: String = "", lower: Double, upper: Double, ticks: [Double]? = nil) {
        self.label = label
        self.lower = lower
        self.upper = upper
        self.ticks = ticks
    }

    /// The range as a closed interval.
    public var range: ClosedRange<Double> { min(lower, upper)...max(lower, upper) }
}
