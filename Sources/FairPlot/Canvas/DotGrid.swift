/// A grid of dots, each remembering which series cover it (one bit per series), onto which a
/// panel's series are rasterised in data coordinates. The ASCII canvas shows one dot per
/// character, the Braille canvas 2 × 4 dots per character.
///
/// ## Mathematical properties
/// - `x = lower` maps to dot column 0 and `x = upper` to the last column; rows run top-down, so
///   `y = upper` is row 0. Coordinates are rounded to the nearest dot.
/// - Segments are clipped to the data range (Liang–Barsky) before rasterising, so lines leaving
///   the range stop at its border instead of being squashed onto it; marks outside are skipped.
/// - Lines are drawn with Bresenham's algorithm: every dot column or row a segment crosses is
///   set, so vertical jumps of step functions are drawn in full.
struct DotGrid {
    let width: Int
    let height: Int
    /// Series bits of foreground dots, row-major from the top.
    private(set) var foreground: [UInt32]
    /// Series bits of background dots.
    private(set) var background: [UInt32]

    init(width: Int, height: Int) {
        self.width = max(1, width)
        self.height = max(1, height)
        foreground = [UInt32](repeating: 0, count: self.width * self.height)
        background = foreground
    }

    func bits(column: Int, row: Int) -> (foreground: UInt32, background: UInt32) {
        let i = row * width + column
        return (foreground[i], background[i])
    }

    /// Rasterises every series of a panel (series `i` sets bit `min(i, 31)`).
    mutating func draw(_ series: [Series], x: Axis, y: Axis) {
        for (index, s) in series.enumerated() {
            let bit = UInt32(1) << UInt32(min(index, 31))
            let map = Mapping(x: x.range, y: y.range, width: width, height: height)
            switch s.style {
            case .points:
                for p in s.points where x.range.contains(p.x) && y.range.contains(p.y) {
                    let (c, r) = map.dot(p)
                    set(column: c, row: r, bit: bit, background: s.isBackground)
                }
            case .line:
                if s.points.count == 1, let p = s.points.first, x.range.contains(p.x), y.range.contains(p.y) {
                    let (c, r) = map.dot(p)
                    set(column: c, row: r, bit: bit, background: s.isBackground)
                }
                var i = 1
                while i < s.points.count {
                    if let (a, b) = map.clip(s.points[i - 1], s.points[i]) {
                        line(from: a, to: b, bit: bit, background: s.isBackground)
                    }
                    i += 1
                }
            }
        }
    }

    private mutating func set(column: Int, row: Int, bit: UInt32, background isBackground: Bool) {
        guard column >= 0, column < width, row >= 0, row < height else { return }
        if isBackground {
            background[row * width + column] |= bit
        } else {
            foreground[row * width + column] |= bit
        }
    }

    private mutating func line(from a: (Int, Int), to b: (Int, Int), bit: UInt32, background: Bool) {
        var (x0, y0) = a
        let (x1, y1) = b
        let dx = abs(x1 - x0), sx = x0 < x1 ? 1 : -1
        let dy = -abs(y1 - y0), sy = y0 < y1 ? 1 : -1
        var error = dx + dy
        while true {
            set(column: x0, row: y0, bit: bit, background: background)
            if x0 == x1 && y0 == y1 { break }
            let e2 = 2 * error
            if e2 >= dy {
                error += dy
                x0 += sx
            }
            if e2 <= dx {
                error += dx
                y0 += sy
            }
        }
    }

    /// Data coordinates to dot coordinates.
    struct Mapping {
        let x: ClosedRange<Double>
        let y: ClosedRange<Double>
        let width: Int
        let height: Int

        func column(_ value: Double) -> Double {
            (value - x.lowerBound) / (x.upperBound - x.lowerBound) * Double(width - 1)
        }

        func row(_ value: Double) -> Double {
            (1 - (value - y.lowerBound) / (y.upperBound - y.lowerBound)) * Double(height - 1)
        }

        func dot(_ p: Point) -> (Int, Int) {
            (Int(column(p.x).rounded()), Int(row(p.y).rounded()))
        }

        /// The part of segment a–b inside the range, in dot coordinates; nil when none is.
        func clip(_ a: Point, _ b: Point) -> ((Int, Int), (Int, Int))? {
            let x0 = column(a.x), y0 = row(a.y), x1 = column(b.x), y1 = row(b.y)
            guard x0.isFinite, y0.isFinite, x1.isFinite, y1.isFinite else { return nil }
            let dx = x1 - x0, dy = y1 - y0
            var t0 = 0.0, t1 = 1.0
            let xMax = Double(width - 1), yMax = Double(height - 1)
            let tolerance = 1e-9
            for (p, q) in [(-dx, x0 + tolerance), (dx, xMax - x0 + tolerance), (-dy, y0 + tolerance), (dy, yMax - y0 + tolerance)] {
                if p == 0 {
                    if q < 0 { return nil }
                } else {
                    let t = q / p
                    if p < 0 {
                        if t > t1 { return nil }
                        if t > t0 { t0 = t }
                    } else {
                        if t < t0 { return nil }
                        if t < t1 { t1 = t }
                    }
                }
            }
            func clamp(_ v: Double, _ upper: Double) -> Int { Int(min(max(v, 0), upper).rounded()) }
            return ((clamp(x0 + t0 * dx, xMax), clamp(y0 + t0 * dy, yMax)),
                    (clamp(x0 + t1 * dx, xMax), clamp(y0 + t1 * dy, yMax)))
        }
    }
}
