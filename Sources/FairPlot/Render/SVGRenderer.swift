/// Draws figures as standalone SVG documents for the Book's HTML pages: the same panels,
/// axes, ticks and legends as the text renderer, with one colour and one dash pattern per
/// series (so series stay distinguishable in grey-scale print).
///
/// The output is deterministic: coordinates are printed with two decimals and elements appear
/// in the figure's order.
public struct SVGRenderer: Sendable, Equatable {
    /// Width of one panel in pixels.
    public var panelWidth: Int
    /// Height of one panel's plot area in pixels.
    public var plotHeight: Int

    public init(panelWidth: Int = 640, plotHeight: Int = 240) {
        self.panelWidth = max(200, panelWidth)
        self.plotHeight = max(80, plotHeight)
    }

    /// Colour-blind-safe colours (Okabe–Ito), one per foreground series in order.
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]
    static let dashes = ["", "6,3", "2,2", "8,3,2,3", "1,3", "10,4"]

    static let left = 56.0, right = 20.0, top = 30.0, axisBand = 44.0, legendLine = 16.0

    /// The figure as an SVG document.
    public func render(_ figure: Figure) -> String {
        let count = figure.panels.count
        var sideBySide = false
        switch figure.layout {
        case .stacked: sideBySide = false
        case .sideBySide: sideBySide = count > 1
        case .automatic: sideBySide = count == 2
        }
        let heights = figure.panels.map(panelHeight)
        let width = Double(panelWidth) * Double(sideBySide ? max(1, count) : 1)
        let notesHeight = Double(figure.notes.count) * Self.legendLine + (figure.notes.isEmpty ? 0 : 8)
        let height = (sideBySide ? (heights.max() ?? 0) : heights.reduce(0, +)) + notesHeight
        var body: [String] = []
        var offsetY = 0.0
        for (k, panel) in figure.panels.enumerated() {
            let origin = sideBySide ? (Double(k) * Double(panelWidth), 0.0) : (0.0, offsetY)
            body.append(contentsOf: render(panel, x: origin.0, y: origin.1))
            offsetY += heights[k]
        }
        var noteY = (sideBySide ? (heights.max() ?? 0) : offsetY) + Self.legendLine
        for note in figure.notes {
            body.append(text(note, x: Self.left, y: noteY, anchor: "start", size: 12))
            noteY += Self.legendLine
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(f(width))" height="\(f(height))" \
            viewBox="0 0 \(f(width)) \(f(height))" font-family="sans-serif">
            <rect x="0" y="0" width="\(f(width))" height="\(f(height))" fill="#ffffff"/>
            \(body.joined(separator: "\n"))
            </svg>
            """
    }

    func panelHeight(_ panel: Panel) -> Double {
        let legend = Double(panel.legend.count + panel.notes.count) * Self.legendLine
        return Self.top + Double(plotHeight) + Self.axisBand + legend + 12
    }

    private func render(_ panel: Panel, x originX: Double, y originY: Double) -> [String] {
        var out: [String] = ["<g>"]
        let plotLeft = originX + Self.left
        let plotTop = originY + Self.top
        let plotW = Double(panelWidth) - Self.left - Self.right
        let plotH = Double(plotHeight)
        let xr = panel.xAxis.range, yr = panel.yAxis.range
        func px(_ v: Double) -> Double { plotLeft + (v - xr.lowerBound) / (xr.upperBound - xr.lowerBound) * plotW }
        func py(_ v: Double) -> Double { plotTop + (1 - (v - yr.lowerBound) / (yr.upperBound - yr.lowerBound)) * plotH }

        if !panel.title.isEmpty { out.append(text(panel.title, x: plotLeft, y: originY + 18, anchor: "start", size: 14)) }
        if !panel.annotation.isEmpty {
            out.append(text(panel.annotation, x: plotLeft + plotW, y: originY + 18, anchor: "end", size: 13))
        }
        if !panel.yAxis.label.isEmpty {
            out.append(text(panel.yAxis.label, x: originX + 4, y: plotTop - 6, anchor: "start", size: 12))
        }
        out.append(
            "<rect x=\"\(f(plotLeft))\" y=\"\(f(plotTop))\" width=\"\(f(plotW))\" height=\"\(f(plotH))\" fill=\"none\" stroke=\"#888888\"/>")

        let xScale = NiceScale(lower: xr.lowerBound, upper: xr.upperBound, maximumCount: 6)
        let yScale = NiceScale(lower: yr.lowerBound, upper: yr.upperBound, maximumCount: 5)
        let yTicks = panel.yAxis.ticks ?? yScale.ticks
        let xTicks = panel.xAxis.ticks ?? xScale.ticks
        let yDecimals = panel.yAxis.ticks.map { $0.map(NiceScale.decimals(for:)).max() ?? 0 } ?? yScale.decimals
        for t in yTicks where yr.contains(t) {
            let y = py(t)
            out.append("<line x1=\"\(f(plotLeft - 4))\" y1=\"\(f(y))\" x2=\"\(f(plotLeft))\" y2=\"\(f(y))\" stroke=\"#888888\"/>")
            out.append(text(NumberFormat.fixed(t, decimals: yDecimals), x: plotLeft - 7, y: y + 4, anchor: "end", size: 11))
        }
        for t in xTicks where xr.contains(t) {
            let x = px(t)
            out.append(
                "<line x1=\"\(f(x))\" y1=\"\(f(plotTop + plotH))\" x2=\"\(f(x))\" y2=\"\(f(plotTop + plotH + 4))\" stroke=\"#888888\"/>")
            let label = panel.xAxis.ticks == nil ? xScale.label(t) : NumberFormat.significant(t, digits: 3)
            out.append(text(label, x: x, y: plotTop + plotH + 17, anchor: "middle", size: 11))
        }
        if !panel.xAxis.label.isEmpty {
            out.append(text(panel.xAxis.label, x: plotLeft + plotW, y: plotTop + plotH + 34, anchor: "end", size: 12))
        }

        // Series: background first, then the others in order.
        let foreground = panel.series.filter { !$0.isBackground }
        out.append(
            "<clipPath id=\"clip-\(Int(originX))-\(Int(originY))\"><rect x=\"\(f(plotLeft))\" y=\"\(f(plotTop))\" width=\"\(f(plotW))\" height=\"\(f(plotH))\"/></clipPath>"
        )
        out.append("<g clip-path=\"url(#clip-\(Int(originX))-\(Int(originY)))\">")
        for s in panel.series.filter(\.isBackground) {
            out.append(shape(s, px: px, py: py, color: "#999999", dash: "3,3"))
        }
        for (k, s) in foreground.enumerated() {
            out.append(shape(
                s, px: px, py: py, color: Self.palette[k % Self.palette.count], dash: Self.dashes[k % Self.dashes.count]))
        }
        out.append("</g>")

        // Legend and notes.
        var y = plotTop + plotH + Self.axisBand + 4
        for entry in panel.legend {
            let k = foreground.firstIndex { $0.glyph == entry.glyph && $0.name == entry.name } ?? 0
            let color = Self.palette[k % Self.palette.count]
            let dash = Self.dashes[k % Self.dashes.count]
            out.append(
                "<line x1=\"\(f(plotLeft))\" y1=\"\(f(y - 4))\" x2=\"\(f(plotLeft + 22))\" y2=\"\(f(y - 4))\" stroke=\"\(color)\" stroke-width=\"2\"\(dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"")/>"
            )
            var label = entry.name + (entry.count.map { " (n=\(NumberFormat.grouped($0)))" } ?? "")
            for stat in entry.stats { label += "   \(stat.label) \(stat.value)" }
            out.append(text(label, x: plotLeft + 30, y: y, anchor: "start", size: 12))
            y += Self.legendLine
        }
        for note in panel.notes {
            out.append(text(note, x: plotLeft, y: y, anchor: "start", size: 12))
            y += Self.legendLine
        }
        out.append("</g>")
        return out
    }

    private func shape(
        _ s: Series, px: (Double) -> Double, py: (Double) -> Double, color: String, dash: String
    ) -> String {
        let dashAttribute = dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\""
        switch s.style {
        case .points:
            let circles = s.points.map { "<circle cx=\"\(f(px($0.x)))\" cy=\"\(f(py($0.y)))\" r=\"2.5\" fill=\"\(color)\"/>" }
            return "<g>" + circles.joined() + "</g>"
        case .line:
            let path = Self.simplified(s.points.map { (Self.tenths(px($0.x)), Self.tenths(py($0.y))) })
            let coordinates = path.map { Self.decimal($0.0) + "," + Self.decimal($0.1) }
            return "<polyline points=\"\(coordinates.joined(separator: " "))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.5\"\(dashAttribute)/>"
        }
    }

    /// A coordinate in tenths of a pixel.
    static func tenths(_ value: Double) -> Int {
        guard value.isFinite else { return 0 }
        return Int((value * 10).rounded())
    }

    /// Tenths of a pixel as a decimal (`123` → `12.3`).
    static func decimal(_ tenths: Int) -> String {
        let sign = tenths < 0 ? "-" : ""
        return sign + String(abs(tenths) / 10) + "." + String(abs(tenths) % 10)
    }

    /// Drops repeated points and the middle of straight horizontal or vertical runs, which
    /// draws the same picture: a step CDF of a million values keeps a few thousand vertices.
    static func simplified(_ points: [(Int, Int)]) -> [(Int, Int)] {
        var kept: [(Int, Int)] = []
        kept.reserveCapacity(min(points.count, 4096))
        for p in points {
            if let last = kept.last, last == p { continue }
            if kept.count >= 2 {
                let a = kept[kept.count - 2], b = kept[kept.count - 1]
                let vertical = a.0 == b.0 && b.0 == p.0 && (a.1 - b.1) * (b.1 - p.1) >= 0
                let horizontal = a.1 == b.1 && b.1 == p.1 && (a.0 - b.0) * (b.0 - p.0) >= 0
                if vertical || horizontal { kept[kept.count - 1] = p; continue }
            }
            kept.append(p)
        }
        return kept
    }

    private func text(_ content: String, x: Double, y: Double, anchor: String, size: Int) -> String {
        "<text x=\"\(f(x))\" y=\"\(f(y))\" font-size=\"\(size)\" text-anchor=\"\(anchor)\">\(Self.escaped(content))</text>"
    }

    private func f(_ value: Double) -> String { NumberFormat.fixed(value, decimals: 2) }

    /// `text` with the five XML special characters escaped.
    static func escaped(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(ch)
            }
        }
        return out
    }
}
