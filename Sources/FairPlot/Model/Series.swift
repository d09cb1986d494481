/// One drawn series of a panel: points in data coordinates, joined by straight lines or drawn
/// as marks, with a one-character glyph for the ASCII canvas.
public struct Series: Sendable, Equatable {
    /// How the points are drawn.
    public enum Style: Sendable, Equatable {
        /// A polyline through the points in order (steps are polylines with vertical segments).
        case line
        /// One mark per point, unconnected.
        case points
    }

    /// Name shown in the legend.
    public var name: String
    /// The character that draws this series on the ASCII canvas (and keys it in the legend).
    public var glyph: Character
    /// Line or marks.
    public var style: Style
    /// Vertices in data coordinates, in drawing order.
    public var points: [Point]
    /// A background series (e.g. the diagonal `y = x`) is drawn only where no other series is,
    /// and never counts as an overlap.
    public var isBackground: Bool
    /// A label per point (e.g. the eps or λ of a trade-off point), written beside it; empty for
    /// none. Renderers leave out a label that would cover another series or label.
    public var labels: [String]

    public init(
        name: String, glyph: Character, style: Style = .line, points: [Point], isBackground: Bool = false, labels: [String] = []
    ) {
        self.name = name
        self.glyph = glyph
        self.style = style
        self.points = points
        self.isBackground = isBackground
        self.labels = labels
    }
}

/// A point in data coordinates.
public struct Point: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
}
