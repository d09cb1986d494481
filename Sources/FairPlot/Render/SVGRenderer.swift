/// Draws figures as SVG, for the Book's HTML pages (inline) or standalone files: the same
/// panels, axes, ticks, legends and notes as the text renderer.
///
/// Series are told apart three ways at once, so that a figure reads in grey-scale print and for
/// colour-blind readers: a colour from the Okabe–Ito palette, a dash pattern, and a marker shape
/// (drawn at a few places along each line, at every point of a point series, and in the
/// legend). The barycenter series (glyph `*`) is drawn in the text colour. Point labels
/// (`Series.labels`, e.g. a trade-off point's eps) are written beside their points, leaving out
/// a label that would cover an earlier one.
///
/// Elements carry classes (`fp-text`, `fp-axis`, `fp-grid`, `fp-ink`, `fp-back`) so that a page's
/// style sheet can recolour them, e.g. for a dark scheme; the attributes alone give a
/// light figure. The output is deterministic: coordinates are printed with fixed decimals,
/// elements appear in the figure's order, and ids are `idPrefix` plus a counter.
public struct SVGRenderer: Sendable, Equatable {
    /// Width of one panel in pixels.
    public var panelWidth: Int
    /// Height of one panel's plot area in pixels.
    public var plotHeight: Int
    /// Prefix of the ids the document defines (clip paths), unique per figure when several
    /// figures are inlined into one HTML page.
    public var idPrefix: String

    public init(panelWidth: Int = 640, plotHeight: Int = 240, idPrefix: String = "fp") {
        self.panelWidth = max(200, panelWidth)
        self.plotHeight = max(80, plotHeight)
        self.idPrefix = idPrefix
    }

    /// Colour-blind-safe colours (Okabe–Ito), one per foreground series in order (black is left
    /// for the barycenter, yellow out: too light on white).
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]
    static let dashes = ["", "7,3", "2,2", "9,3,2,3", "4,4", "12,3,2,3,2,3"]
    static let markers: [Marker] = [.circle, .square, .triangle, .diamond, .downTriangle, .cross]
    static let ink = "#1f2328"

    static let left = 56.0, right = 20.0, top = 30.0, axisBand = 44.0, legendLine = 17.0
    /// Width of a legend character (a monospace font at 12 px), for aligning the columns.
    static let legendCharacter = 7.3

    /// A marker shape.
    enum Marker: Sendable {
        case circle, square, triangle, diamond, downTriangle, cross

        /// The shape centred at (x, y), about 7 px across.
        func element(x: Double, y: Double, color: String, inkClass: String) -> String {
            let r = 3.5
            let shape: String
            switch self {
            case .circle:
                return "<circle\(inkClass) cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"3.2\" fill=\"\(color)\" stroke=\"#ffffff\" stroke-width=\"0.8\"/>"
            case .square:
                shape = "M\(f(x - r + 0.4)),\(f(y - r + 0.4))h\(f(2 * r - 0.8))v\(f(2 * r - 0.8))h\(f(-2 * r + 0.8))z"
            case .triangle:
                shape = "M\(f(x)),\(f(y - r - 0.5))L\(f(x + r + 0.5)),\(f(y + r - 0.5))L\(f(x - r - 0.5)),\(f(y + r - 0.5))z"
            case .diamond:
                shape = "M\(f(x)),\(f(y - r - 0.5))L\(f(x + r + 0.5)),\(f(y))L\(f(x)),\(f(y + r + 0.5))L\(f(x - r - 0.5)),\(f(y))z"
            case .downTriangle:
                shape = "M\(f(x)),\(f(y + r + 0.5))L\(f(x + r + 0.5)),\(f(y - r + 0.5))L\(f(x - r - 0.5)),\(f(y - r + 0.5))z"
            case .cross:
                return "<path\(inkClass) d=\"M\(f(x - r)),\(f(y - r))L\(f(x + r)),\(f(y + r))M\(f(x - r)),\(f(y + r))L\(f(x + r)),\(f(y - r))\" stroke=\"\(color)\" stroke-width=\"2\" fill=\"none\"/>"
            }
            return "<path\(inkClass) d=\"\(shape)\" fill=\"\(color)\" stroke=\"#ffffff\" stroke-width=\"0.8\"/>"
        }
    }

    /// How one series is drawn.
    struct Style {
        var color: String
        var dash: String
        var marker: Marker
        /// Drawn in the text colour (the barycenter); a page's dark scheme recolours it.
        var isInk: Bool

    }

    /// The styles of a panel's foreground series, in order.
    static func styles(_ series: [Series]) -> [Style] {
        var next = 0
        return series.map { s in
            if s.glyph == "*" { return Style(color: ink, dash: "2,3", marker: .cross, isInk: true) }
            defer { next += 1 }
            return Style(
                color: palette[next % palette.count], dash: dashes[next % dashes.count],
                marker: markers[next % markers.count], isInk: false)
        }
    }

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
            body.append(contentsOf: render(panel, number: k, x: origin.0, y: origin.1))
            offsetY += heights[k]
        }
        var noteY = (sideBySide ? (heights.max() ?? 0) : offsetY) + Self.legendLine
        for note in figure.notes {
            body.append(text(note, x: Self.left, y: noteY, anchor: "start", size: 12))
            noteY += Self.legendLine
        }
        let titles = figure.panels.map(\.title).filter { !$0.isEmpty }
        let label = titles.isEmpty ? "chart" : titles.joined(separator: "; ")
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(f(width))" height="\(f(height))" \
            viewBox="0 0 \(f(width)) \(f(height))" font-family="system-ui, sans-serif" role="img" aria-label="\(Self.escaped(label))">
            <title>\(Self.escaped(label))</title>
            <rect class="fp-back" x="0" y="0" width="\(f(width))" height="\(f(height))" fill="#ffffff"/>
            \(body.joined(separator: "\n"))
            </svg>
            """
    }

    func panelHeight(_ panel: Panel) -> Double {
        let legend = Double(panel.legend.count + panel.notes.count) * Self.legendLine
        return Self.top + Double(plotHeight) + Self.axisBand + legend + 12
    }

    private func render(_ panel: Panel, number: Int, x originX: Double, y originY: Double) -> [String] {
        var out: [String] = ["<g>"]
        let plotLeft = originX + Self.left
        let plotTop = originY + Self.top
        let plotW = Double(panelWidth) - Self.left - Self.right
        let plotH = Double(plotHeight)
        let xr = panel.xAxis.range, yr = panel.yAxis.range
        func px(_ v: Double) -> Double { plotLeft + (v - xr.lowerBound) / (xr.upperBound - xr.lowerBound) * plotW }
        func py(_ v: Double) -> Double { plotTop + (1 - (v - yr.lowerBound) / (yr.upperBound - yr.lowerBound)) * plotH }

        if !panel.title.isEmpty {
            out.append(text(panel.title, x: plotLeft, y: originY + 18, anchor: "start", size: 14, weight: "600"))
        }
        if !panel.annotation.isEmpty {
            out.append(text(panel.annotation, x: plotLeft + plotW, y: originY + 18, anchor: "end", size: 13))
        }
        if !panel.yAxis.label.isEmpty {
            out.append(text(panel.yAxis.label, x: originX + 4, y: plotTop - 6, anchor: "start", size: 12))
        }

        let xScale = NiceScale(lower: xr.lowerBound, upper: xr.upperBound, maximumCount: 6)
        let yScale = NiceScale(lower: yr.lowerBound, upper: yr.upperBound, maximumCount: 5)
        let yTicks = panel.yAxis.ticks ?? yScale.ticks
        let xTicks = panel.xAxis.ticks ?? xScale.ticks
        let yDecimals = panel.yAxis.ticks.map { $0.map(NiceScale.decimals(for:)).max() ?? 0 } ?? yScale.decimals
        for t in yTicks where yr.contains(t) {
            let y = py(t)
            out.append(line(plotLeft, y, plotLeft + plotW, y, class: "fp-grid", color: "#e6e8eb"))
            out.append(line(plotLeft - 4, y, plotLeft, y, class: "fp-axis", color: "#6e7781"))
            out.append(text(NumberFormat.fixed(t, decimals: yDecimals), x: plotLeft - 7, y: y + 4, anchor: "end", size: 11))
        }
        for t in xTicks where xr.contains(t) {
            let x = px(t)
            out.append(line(x, plotTop, x, plotTop + plotH, class: "fp-grid", color: "#e6e8eb"))
            out.append(line(x, plotTop + plotH, x, plotTop + plotH + 4, class: "fp-axis", color: "#6e7781"))
            let label = panel.xAxis.ticks == nil ? xScale.label(t) : NumberFormat.significant(t, digits: 3)
            out.append(text(label, x: x, y: plotTop + plotH + 17, anchor: "middle", size: 11))
        }
        out.append(
            "<rect class=\"fp-axis\" x=\"\(f(plotLeft))\" y=\"\(f(plotTop))\" width=\"\(f(plotW))\" height=\"\(f(plotH))\" fill=\"none\" stroke=\"#6e7781\"/>")
        if !panel.xAxis.label.isEmpty {
            out.append(text(panel.xAxis.label, x: plotLeft + plotW, y: plotTop + plotH + 34, anchor: "end", size: 12))
        }

        // Series: background first, then the others in order; lines clipped to the plot area.
        let foreground = panel.series.filter { !$0.isBackground }
        let styles = Self.styles(foreground)
        let clip = "\(idPrefix)-clip-\(number)"
        out.append(
            "<clipPath id=\"\(clip)\"><rect x=\"\(f(plotLeft - 4))\" y=\"\(f(plotTop - 4))\" width=\"\(f(plotW + 8))\" height=\"\(f(plotH + 8))\"/></clipPath>"
        )
        out.append("<g clip-path=\"url(#\(clip))\">")
        for s in panel.series.filter(\.isBackground) {
            let points = s.points.map { (Self.tenths(px($0.x)), Self.tenths(py($0.y))) }
            out.append(polyline(Self.simplified(points), color: "#8c959f", dash: "3,3", width: 1, class: "fp-axis"))
        }
        for (k, s) in foreground.enumerated() {
            out.append(contentsOf: shape(s, index: k, of: foreground.count, style: styles[k], px: px, py: py))
        }
        out.append("</g>")

        // Point labels, outside the clip so that a label near the frame stays whole.
        var taken: [(Double, Double, Double, Double)] = []
        for s in foreground where !s.labels.isEmpty {
            for (point, label) in zip(s.points, s.labels) where !label.isEmpty && xr.contains(point.x) && yr.contains(point.y) {
                let width = Double(label.count) * 6.2 + 2
                var x = px(point.x) + 6, anchor = "start"
                if x + width > plotLeft + plotW + Self.right - 2 {
                    x = px(point.x) - 6
                    anchor = "end"
                }
                let y = py(point.y) - 6
                let box = anchor == "start" ? (x, y - 10, x + width, y + 2) : (x - width, y - 10, x, y + 2)
                if taken.contains(where: { $0.0 < box.2 && box.0 < $0.2 && $0.1 < box.3 && box.1 < $0.3 }) { continue }
                taken.append(box)
                out.append(text(label, x: x, y: y, anchor: anchor, size: 11))
            }
        }

        // Legend (a sample of each series' line and marker, then aligned columns) and notes.
        let heads = panel.legend.map { $0.name + ($0.count.map { " (n=\(NumberFormat.grouped($0)))" } ?? "") }
        let headWidth = heads.map(\.count).max() ?? 0
        let columns = panel.legend.map(\.stats.count).max() ?? 0
        var columnWidths = [Int](repeating: 0, count: columns)
        for entry in panel.legend {
            for (k, stat) in entry.stats.enumerated() {
                columnWidths[k] = max(columnWidths[k], stat.label.count + 1 + stat.value.count)
            }
        }
        var y = plotTop + plotH + Self.axisBand + 4
        for (entry, head) in zip(panel.legend, heads) {
            if let k = foreground.firstIndex(where: { $0.glyph == entry.glyph && $0.name == entry.name }) {
                let style = styles[k]
                if foreground[k].style == .line {
                    out.append(polyline(
                        [(Self.tenths(plotLeft), Self.tenths(y - 4)), (Self.tenths(plotLeft + 28), Self.tenths(y - 4))],
                        color: style.color, dash: style.dash, width: 2, class: style.isInk ? "fp-ink" : nil))
                }
                out.append(style.marker.element(x: plotLeft + 14, y: y - 4, color: style.color, inkClass: style.fillClassFor(style.marker)))
            }
            var tspans = "<tspan>\(Self.escaped(head))</tspan>"
            var column = Double(headWidth + 3)
            for (k, stat) in entry.stats.enumerated() {
                tspans += "<tspan x=\"\(f(plotLeft + 36 + column * Self.legendCharacter))\">\(Self.escaped(stat.label + " " + stat.value))</tspan>"
                column += Double(columnWidths[k] + 3)
            }
            out.append(
                "<text class=\"fp-text\" x=\"\(f(plotLeft + 36))\" y=\"\(f(y))\" font-size=\"12\" font-family=\"ui-monospace, 'DejaVu Sans Mono', monospace\" fill=\"\(Self.ink)\">\(tspans)</text>")
            y += Self.legendLine
        }
        let backgrounds = panel.series.filter(\.isBackground)
        for note in panel.notes {
            // A note that keys a background series by its ASCII glyph (`. = identity (y = x)`)
            // gets the series' dashed grey sample instead of the glyph.
            if let series = backgrounds.first(where: { note.hasPrefix("\($0.glyph) = ") }) {
                out.append(polyline(
                    [(Self.tenths(plotLeft), Self.tenths(y - 4)), (Self.tenths(plotLeft + 28), Self.tenths(y - 4))],
                    color: "#8c959f", dash: "3,3", width: 1, class: "fp-axis"))
                out.append(text(String(note.dropFirst("\(series.glyph) = ".count)), x: plotLeft + 36, y: y, anchor: "start", size: 12))
            } else {
                out.append(text(note, x: plotLeft, y: y, anchor: "start", size: 12))
            }
            y += Self.legendLine
        }
        out.append("</g>")
        return out
    }

    /// A foreground series: its line (or nothing for a point series) and its markers.
    private func shape(
        _ s: Series, index: Int, of count: Int, style: Style, px: (Double) -> Double, py: (Double) -> Double
    ) -> [String] {
        let path = Self.simplified(s.points.map { (Self.tenths(px($0.x)), Self.tenths(py($0.y))) })
        var out: [String] = []
        var marks: [(Double, Double)]
        switch s.style {
        case .points:
            marks = path.map { (Double($0.0) / 10, Double($0.1) / 10) }
        case .line:
            out.append(polyline(path, color: style.color, dash: style.dash, width: 1.75, class: style.isInk ? "fp-ink" : nil))
            // Few vertices (a trade-off path): mark each; else a few marks spread along the line,
            // shifted per series so that lines on top of each other still show every marker.
            marks = s.points.count <= 16
                ? path.map { (Double($0.0) / 10, Double($0.1) / 10) }
                : Self.along(Self.trimmingFlatEnds(path), count: 6, shift: (Double(index) + 0.5) / Double(max(1, count)))
        }
        let fillClass = style.fillClassFor(style.marker)
        out.append("<g>" + marks.map { style.marker.element(x: $0.0, y: $0.1, color: style.color, inkClass: fillClass) }.joined() + "</g>")
        return out
    }

    /// The path without its first and last segments when they are horizontal (a CDF's flat
    /// tails at 0 and 1, where markers would tell the series apart nowhere).
    static func trimmingFlatEnds(_ path: [(Int, Int)]) -> [(Int, Int)] {
        var trimmed = path[...]
        if trimmed.count > 2, let first = trimmed.first, first.1 == trimmed[trimmed.startIndex + 1].1 { trimmed.removeFirst() }
        if trimmed.count > 2, let last = trimmed.last, last.1 == trimmed[trimmed.endIndex - 2].1 { trimmed.removeLast() }
        return Array(trimmed)
    }

    /// `count` points spread evenly by length along a polyline (in tenths of a pixel), the k-th
    /// at the fraction `(k + shift) / count` of its length.
    static func along(_ path: [(Int, Int)], count: Int, shift: Double) -> [(Double, Double)] {
        guard path.count >= 2 else { return path.map { (Double($0.0) / 10, Double($0.1) / 10) } }
        var lengths: [Double] = [0]
        for i in 1..<path.count {
            let dx = Double(path[i].0 - path[i - 1].0), dy = Double(path[i].1 - path[i - 1].1)
            lengths.append(lengths[i - 1] + (dx * dx + dy * dy).squareRoot())
        }
        guard let total = lengths.last, total > 0 else { return [] }
        var result: [(Double, Double)] = []
        var segment = 1
        for k in 0..<count {
            let target = (Double(k) + shift) / Double(count) * total
            while segment < path.count - 1 && lengths[segment] < target { segment += 1 }
            let span = lengths[segment] - lengths[segment - 1]
            let t = span > 0 ? (target - lengths[segment - 1]) / span : 0
            let a = path[segment - 1], b = path[segment]
            let x = Double(a.0) + t * Double(b.0 - a.0), y = Double(a.1) + t * Double(b.1 - a.1)
            result.append(((x).rounded() / 10, (y).rounded() / 10))
        }
        return result
    }

    private func polyline(_ path: [(Int, Int)], color: String, dash: String, width: Double, class name: String?) -> String {
        let coordinates = path.map { Self.decimal($0.0) + "," + Self.decimal($0.1) }.joined(separator: " ")
        let dashAttribute = dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\""
        let classAttribute = name.map { " class=\"\($0)\"" } ?? ""
        return "<polyline\(classAttribute) points=\"\(coordinates)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"\(NumberFormat.compact(width))\" stroke-linejoin=\"round\"\(dashAttribute)/>"
    }

    private func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, class name: String, color: String) -> String {
        "<line class=\"\(name)\" x1=\"\(f(x1))\" y1=\"\(f(y1))\" x2=\"\(f(x2))\" y2=\"\(f(y2))\" stroke=\"\(color)\"/>"
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

    private func text(_ content: String, x: Double, y: Double, anchor: String, size: Int, weight: String? = nil) -> String {
        let weightAttribute = weight.map { " font-weight=\"\($0)\"" } ?? ""
        return "<text class=\"fp-text\" x=\"\(f(x))\" y=\"\(f(y))\" font-size=\"\(size)\" text-anchor=\"\(anchor)\"\(weightAttribute) fill=\"\(Self.ink)\">\(Self.escaped(content))</text>"
    }

    private func f(_ value: Double) -> String { SVGRenderer.f(value) }

    static func f(_ value: Double) -> String { NumberFormat.fixed(value, decimals: 2) }

    /// `text` with the five XML special characters escaped.
    static func escaped(_ text: String) -> String { MarkupEscaping.escaped(text) }
}

/// Shorthand for the marker's coordinates.
private func f(_ value: Double) -> String { SVGRenderer.f(value) }

extension SVGRenderer.Style {
    /// The class a marker of this style carries: the cross is stroked, the other shapes filled.
    func fillClassFor(_ marker: SVGRenderer.Marker) -> String {
        guard isInk else { return "" }
        if case .cross = marker { return " class=\"fp-ink\"" }
        return " class=\"fp-ink-fill\""
    }
}
