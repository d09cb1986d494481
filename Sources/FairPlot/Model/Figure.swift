/// What a renderer draws: one or more panels (e.g. before and after) and closing notes.
public struct Figure: Sendable, Equatable {
    /// How several panels are arranged.
    public enum Layout: Sendable, Equatable {
        /// One under the other.
        case stacked
        /// Next to each other.
        case sideBySide
        /// Side by side when each panel gets at least `minimumPanelWidth` columns, else stacked.
        case automatic(minimumPanelWidth: Int)
    }

    public var panels: [Panel]
    public var layout: Layout
    /// Lines printed after all panels.
    public var notes: [String]

    public init(panels: [Panel], layout: Layout = .automatic(minimumPanelWidth: 60), notes: [String] = []) {
        self.panels = panels
        self.layout = layout
        self.notes = notes
    }

    /// A figure of one panel.
    public init(_ panel: Panel) {
        self.init(panels: [panel], layout: .stacked)
    }
}
