/// Draws figures as text: an ASCII canvas (one glyph per series, `#` where series overlap;
/// deterministic and diff-friendly, used by lessons, the Book and tests) or a Braille canvas
/// (2 × 4 dots per character, for UTF-8 terminals), inside a frame with ticks and labels.
///
/// The output has no trailing blanks and no trailing newline; it is a pure function of the
/// figure, the width and the renderer's options.
public struct TextRenderer: Sendable, Equatable {
    /// How the plot area is drawn.
    public enum Canvas: String, Sendable, Equatable, CaseIterable {
        /// One character per dot; each series draws its glyph.
        case ascii
        /// Unicode Braille patterns, 2 × 4 dots per character; series differ by colour only.
        case braille
    }

    /// Characters of the axes.
    public enum Frame: String, Sendable, Equatable, CaseIterable {
        /// Box-drawing characters `│ ┤ └ ─ ┬`.
        case unicode
        /// Plain `| + - +`, for pure 7-bit output.
        case ascii
    }

    public var canvas: Canvas
    public var frame: Frame
    /// Adds ANSI colours (an extra cue only; the ASCII glyphs stay).
    public var usesColor: Bool

    public init(canvas: Canvas = .ascii, frame: Frame = .unicode, usesColor: Bool = false) {
        self.canvas = canvas
        self.frame = frame
        self.usesColor = usesColor
    }

    /// The whole figure, `width` columns wide (at least 24 are used).
    public func render(_ figure: Figure, width: Int) -> String {
        let width = max(24, width)
        let gap = 4
        let count = figure.panels.count
        var sideBySide = false
        switch figure.layout {
        case .stacked: sideBySide = false
        case .sideBySide: sideBySide = count > 1
        case let .automatic(minimum):
            sideBySide = count > 1 && (width - gap * (count - 1)) / count >= minimum
        }
        var lines: [String] = []
        if sideBySide {
            let panelWidth = (width - gap * (count - 1)) / count
            let columns = figure.panels.map { render($0, width: panelWidth) }
            let rows = columns.map(\.count).max() ?? 0
            for r in 0..<rows {
                var line = ""
                for (k, column) in columns.enumerated() {
                    let cell = r < column.count ? column[r] : ""
                    line += cell
                    if k < count - 1 {
                        line += String(repeating: " ", count: max(0, panelWidth - visibleWidth(cell)) + gap)
                    }
                }
                lines.append(line)
            }
        } else {
            for (k, panel) in figure.panels.enumerated() {
                if k > 0 { lines.append("") }
                lines.append(contentsOf: render(panel, width: width))
            }
        }
        lines.append(contentsOf: figure.notes)
        return lines.map(Self.trimmingTrailingBlanks).joined(separator: "\n")
    }

    /// One panel as lines of at most about `width` columns.
    public func render(_ panel: Panel, width: Int) -> [String] {
        let rows = max(3, panel.height)
        let box = FrameCharacters(frame)

        // Y ticks and the left margin.
        let yScale = NiceScale(lower: panel.yAxis.lower, upper: panel.yAxis.upper, maximumCount: max(2, rows / 4 + 1))
        let yTicks = (panel.yAxis.ticks ?? yScale.ticks).filter { panel.yAxis.range.contains($0) }
        let yDecimals = panel.yAxis.ticks.map { $0.map(NiceScale.decimals(for:)).max() ?? 0 } ?? yScale.decimals
        let yLabels = yTicks.map { panel.yAxis.ticks == nil ? yScale.label($0) : NumberFormat.fixed($0, decimals: yDecimals) }
        let labelWidth = max(1, yLabels.map(\.count).max() ?? 1)
        let left = labelWidth + 2

        // X ticks, the right margin and the plot width.
        let estimate = max(8, width - left - 3)
        let xScale = NiceScale(
            lower: panel.xAxis.lower, upper: panel.xAxis.upper, maximumCount: max(2, min(11, estimate / 10 + 1)))
        let xTicks = (panel.xAxis.ticks ?? xScale.ticks).filter { panel.xAxis.range.contains($0) }
        let xLabels = xTicks.map {
            panel.xAxis.ticks == nil ? xScale.label($0) : NumberFormat.significant($0, digits: 3)
        }
        let right = max(1, ((xLabels.last?.count ?? 1) + 1) / 2)
        let plotWidth = max(8, width - left - right)

        // Rasterise.
        let (dotsX, dotsY) = canvas == .ascii ? (1, 1) : (2, 4)
        var grid = DotGrid(width: plotWidth * dotsX, height: rows * dotsY)
        let ordered = panel.series.enumerated().sorted { ($0.element.isBackground ? 0 : 1) < ($1.element.isBackground ? 0 : 1) }
        var seriesByBit: [Series] = []
        for (_, s) in ordered { seriesByBit.append(s) }
        grid.draw(seriesByBit, x: panel.xAxis, y: panel.yAxis)
        let mapping = DotGrid.Mapping(x: panel.xAxis.range, y: panel.yAxis.range, width: grid.width, height: grid.height)

        var lines: [String] = []
        if !panel.title.isEmpty || !panel.annotation.isEmpty {
            lines.append(titleLine(panel.title, panel.annotation, width: left + plotWidth + right))
        }
        if !panel.yAxis.label.isEmpty { lines.append(panel.yAxis.label) }

        var tickRow: [Int: String] = [:]
        for (value, label) in zip(yTicks, yLabels) {
            let dotRow = Int(mapping.row(value).rounded())
            tickRow[min(rows - 1, max(0, dotRow / dotsY))] = label
        }
        let pointLabelCells = pointLabels(panel.series, grid: grid, mapping: mapping, columns: plotWidth, rows: rows, dots: (dotsX, dotsY))
        var sawOverlap = false
        for r in 0..<rows {
            var line = ""
            if let label = tickRow[r] {
                line = String(repeating: " ", count: labelWidth - label.count) + label + " " + box.tick
            } else {
                line = String(repeating: " ", count: labelWidth + 1) + box.vertical
            }
            for c in 0..<plotWidth {
                if let character = pointLabelCells[r * plotWidth + c] {
                    line.append(character)
                    continue
                }
                let (cell, overlap) = canvas == .ascii
                    ? asciiCell(grid, column: c, row: r, series: seriesByBit)
                    : brailleCell(grid, column: c, row: r, series: seriesByBit)
                sawOverlap = sawOverlap || overlap
                line += cell
            }
            lines.append(line)
        }

        // X axis, tick labels and axis title.
        var tickColumns: [Int] = []
        for value in xTicks {
            let dotColumn = Int(mapping.column(value).rounded())
            tickColumns.append(min(plotWidth - 1, max(0, dotColumn / dotsX)))
        }
        let tickSet = Set(tickColumns)
        var axis = String(repeating: " ", count: labelWidth + 1) + box.corner
        for c in 0..<plotWidth { axis += tickSet.contains(c) ? box.downTick : box.horizontal }
        lines.append(axis)
        var labelLine = [Character](repeating: " ", count: left + plotWidth + right + 16)
        var lastEnd = -2
        for (column, label) in zip(tickColumns, xLabels) {
            let start = left + column - (label.count - 1) / 2
            guard start > lastEnd + 1, start >= 0, start + label.count <= labelLine.count else { continue }
            for (k, ch) in label.enumerated() { labelLine[start + k] = ch }
            lastEnd = start + label.count - 1
        }
        var labels = Self.trimmingTrailingBlanks(String(labelLine))
        if !panel.xAxis.label.isEmpty {
            if labels.count + 3 + panel.xAxis.label.count <= max(width, left + plotWidth + right) {
                labels += "   " + panel.xAxis.label
            } else {
                lines.append(labels)
                let total = max(width, left + plotWidth + right)
                labels = String(repeating: " ", count: max(0, total - panel.xAxis.label.count)) + panel.xAxis.label
            }
        }
        lines.append(labels)

        // Legend and notes.
        let indent = String(repeating: " ", count: left)
        lines.append(contentsOf: legendLines(panel.legend, series: seriesByBit).map { indent + $0 })
        if sawOverlap && canvas == .ascii { lines.append(indent + "# = overlap of two or more series") }
        if canvas == .braille && !usesColor && panel.series.filter({ !$0.isBackground }).count > 1 {
            lines.append(indent + "braille without colour does not tell series apart; use the ascii canvas")
        }
        lines.append(contentsOf: panel.notes.map { indent + $0 })
        return lines.map(Self.trimmingTrailingBlanks)
    }

    // MARK: Point labels

    /// The characters of the points' labels (`Series.labels`) by cell (`row * columns + column`):
    /// each label starts two cells right of its point (or ends two cells left of it when the
    /// right side has no room), and only on cells no series, no other label and no neighbour of
    /// either uses, so a label never hides a point. A label with no room anywhere is left out.
    private func pointLabels(
        _ series: [Series], grid: DotGrid, mapping: DotGrid.Mapping, columns: Int, rows: Int, dots: (Int, Int)
    ) -> [Int: Character] {
        var placed: [Int: Character] = [:]
        func isFree(_ row: Int, _ column: Int) -> Bool {
            guard row >= 0, row < rows, column >= 0, column < columns else { return false }
            if placed[row * columns + column] != nil { return false }
            var used = false
            for dc in 0..<dots.0 {
                for dr in 0..<dots.1 {
                    let (fg, bg) = grid.bits(column: column * dots.0 + dc, row: row * dots.1 + dr)
                    used = used || fg != 0 || bg != 0
                }
            }
            return !used
        }
        for s in series where !s.labels.isEmpty {
            for (point, label) in zip(s.points, s.labels) where !label.isEmpty {
                guard mapping.x.contains(point.x), mapping.y.contains(point.y) else { continue }
                let (dotColumn, dotRow) = mapping.dot(point)
                let column = dotColumn / dots.0, row = dotRow / dots.1
                let text = Array(label)
                for start in [column + 2, column - 1 - text.count] {
                    let span = (start - 1)...(start + text.count)
                    guard span.allSatisfy({ isFree(row, $0) }) else { continue }
                    for (k, character) in text.enumerated() { placed[row * columns + start + k] = character }
                    break
                }
            }
        }
        return placed
    }

    // MARK: Cells

    private func asciiCell(_ grid: DotGrid, column: Int, row: Int, series: [Series]) -> (String, Bool) {
        let (fg, bg) = grid.bits(column: column, row: row)
        if fg != 0 {
            if fg.nonzeroBitCount > 1 { return (colored("#", code: usesColor ? "1" : nil), true) }
            let index = fg.trailingZeroBitCount
            return (colored(String(series[index].glyph), code: colorCode(index, series)), false)
        }
        if bg != 0 {
            let index = bg.trailingZeroBitCount
            return (colored(String(series[index].glyph), code: usesColor ? "90" : nil), false)
        }
        return (" ", false)
    }

    private static let brailleBits: [[UInt32]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    private func brailleCell(_ grid: DotGrid, column: Int, row: Int, series: [Series]) -> (String, Bool) {
        var pattern: UInt32 = 0
        var fgMask: UInt32 = 0
        var bgMask: UInt32 = 0
        for dc in 0..<2 {
            for dr in 0..<4 {
                let (fg, bg) = grid.bits(column: column * 2 + dc, row: row * 4 + dr)
                if fg != 0 || bg != 0 { pattern |= Self.brailleBits[dc][dr] }
                fgMask |= fg
                bgMask |= bg
            }
        }
        guard pattern != 0, let scalar = Unicode.Scalar(0x2800 + pattern) else { return (" ", false) }
        let text = String(Character(scalar))
        if fgMask != 0 {
            if fgMask.nonzeroBitCount > 1 { return (colored(text, code: usesColor ? "1" : nil), true) }
            return (colored(text, code: colorCode(fgMask.trailingZeroBitCount, series)), false)
        }
        return (colored(text, code: usesColor ? "90" : nil), bgMask.nonzeroBitCount > 1)
    }

    private static let palette = ["34", "31", "32", "35", "33", "36", "94", "91", "92", "95"]

    private func colorCode(_ index: Int, _ series: [Series]) -> String? {
        guard usesColor else { return nil }
        let foregroundIndex = series[..<min(index, series.count)].filter { !$0.isBackground }.count
        return Self.palette[foregroundIndex % Self.palette.count]
    }

    private func colored(_ text: String, code: String?) -> String {
        guard let code else { return text }
        return "\u{1B}[\(code)m" + text + "\u{1B}[0m"
    }

    // MARK: Title and legend

    private func titleLine(_ title: String, _ annotation: String, width: Int) -> String {
        if annotation.isEmpty { return title }
        let room = width - title.count - annotation.count
        return title + String(repeating: " ", count: max(2, room)) + annotation
    }

    private func legendLines(_ legend: [LegendEntry], series: [Series]) -> [String] {
        guard !legend.isEmpty else { return [] }
        let heads = legend.map { entry in
            "\(entry.glyph) = \(entry.name)" + (entry.count.map { " (n=\(NumberFormat.grouped($0)))" } ?? "")
        }
        let headWidth = heads.map(\.count).max() ?? 0
        let statColumns = legend.map(\.stats.count).max() ?? 0
        var columnWidths = [Int](repeating: 0, count: statColumns)
        for entry in legend {
            for (k, stat) in entry.stats.enumerated() {
                columnWidths[k] = max(columnWidths[k], stat.label.count + 1 + stat.value.count)
            }
        }
        return zip(legend, heads).map { entry, head in
            var line = head + String(repeating: " ", count: headWidth - head.count)
            for (k, stat) in entry.stats.enumerated() {
                let text = stat.label + " " + stat.value
                line += "  " + text + String(repeating: " ", count: columnWidths[k] - text.count)
            }
            if usesColor, let index = series.firstIndex(where: { $0.glyph == entry.glyph && $0.name == entry.name }),
                let code = colorCode(index, series)
            {
                line = colored(String(entry.glyph), code: code) + line.dropFirst()
            }
            return line
        }
    }

    static func trimmingTrailingBlanks(_ line: String) -> String {
        var end = line.endIndex
        while end > line.startIndex {
            let before = line.index(before: end)
            guard line[before] == " " else { break }
            end = before
        }
        return String(line[..<end])
    }

    /// Width of a line in terminal columns, ignoring ANSI colour sequences.
    func visibleWidth(_ line: String) -> Int {
        var count = 0
        var inEscape = false
        for ch in line {
            if inEscape {
                if ch == "m" { inEscape = false }
            } else if ch == "\u{1B}" {
                inEscape = true
            } else {
                count += 1
            }
        }
        return count
    }
}

/// The characters of a frame style.
struct FrameCharacters {
    let vertical: String
    let tick: String
    let corner: String
    let horizontal: String
    let downTick: String

    init(_ frame: TextRenderer.Frame) {
        switch frame {
        case .unicode: (vertical, tick, corner, horizontal, downTick) = ("│", "┤", "└", "─", "┬")
        case .ascii: (vertical, tick, corner, horizontal, downTick) = ("|", "+", "+", "-", "+")
        }
    }
}
