import Foundation

/// Axis ticks at "nice" round numbers: multiples of 1, 2, 2.5 or 5 times a power of ten.
///
/// ## Mathematical properties
/// - Every tick is an integer multiple `k · step` of the step (computed as `k * step`, never by
///   repeated addition, so there is no drift), lies in `[lower, upper]`, and ticks increase.
/// - `step` is the smallest nice number giving at most `maximumCount` ticks in the range (and at
///   least 2 whenever the range holds two multiples of some nice step).
/// - `expanded(...)` widens a range outwards to the nearest multiples of its step, so data
///   ranges such as `[0.13, 0.87]` become `[0.0, 1.0]`.
/// - A degenerate range (`lower == upper`) is widened by one unit of its magnitude on each side.
public struct NiceScale: Sendable, Equatable {
    /// The range the ticks cover.
    public let lower: Double
    /// The range the ticks cover.
    public let upper: Double
    /// Distance between consecutive ticks.
    public let step: Double
    /// Tick values, increasing.
    public let ticks: [Double]
    /// Decimals needed to print every tick exactly (0 for integer steps).
    public let decimals: Int

    /// Ticks inside `[lower, upper]`, at most `maximumCount` of them (at least 2 is asked for).
    public init(lower: Double, upper: Double, maximumCount: Int) {
        let (lo, hi) = Self.sanitized(lower, upper)
        let count = max(2, maximumCount)
        var step = Self.niceStep(atLeast: (hi - lo) / Double(count - 1))
        var ticks = Self.multiples(of: step, in: lo, hi)
        // A nice step can still give one tick too many (e.g. both ends are multiples).
        while ticks.count > count {
            step = Self.niceStep(atLeast: step * 1.0000001)
            ticks = Self.multiples(of: step, in: lo, hi)
        }
        // A range narrower than that step may hold no multiple of it: take smaller steps until one does.
        while ticks.isEmpty {
            step = Self.niceStep(below: step)
            ticks = Self.multiples(of: step, in: lo, hi)
        }
        self.lower = lo
        self.upper = hi
        self.step = step
        self.ticks = ticks
        self.decimals = Self.decimals(for: step)
    }

    /// A range widened outwards to multiples of a nice step chosen for about `maximumCount` ticks.
    public static func expanded(lower: Double, upper: Double, maximumCount: Int) -> NiceScale {
        let (lo, hi) = sanitized(lower, upper)
        let count = max(2, maximumCount)
        var step = niceStep(atLeast: (hi - lo) / Double(count - 1))
        var newLo = (lo / step).rounded(.down) * step
        var newHi = (hi / step).rounded(.up) * step
        while ((newHi - newLo) / step).rounded() + 1 > Double(count) {
            step = niceStep(atLeast: step * 1.0000001)
            newLo = (lo / step).rounded(.down) * step
            newHi = (hi / step).rounded(.up) * step
        }
        return NiceScale(lower: newLo, upper: newHi, maximumCount: count)
    }

    /// Formats a tick with this scale's decimals (exponent form for very small or large steps).
    public func label(_ value: Double) -> String {
        if decimals > 6 || abs(step) >= 1e9 { return NumberFormat.significant(value, digits: 3) }
        return NumberFormat.fixed(value, decimals: decimals)
    }

    /// The smallest number of the form {1, 2, 2.5, 5} × 10^k that is ≥ `raw` (raw > 0).
    static func niceStep(atLeast raw: Double) -> Double {
        guard raw.isFinite, raw > 0 else { return 1 }
        let power = pow(10, (log10(raw)).rounded(.down))
        for mantissa in [1.0, 2.0, 2.5, 5.0, 10.0] where mantissa * power >= raw * (1 - 1e-12) {
            return mantissa * power
        }
        return 10 * power
    }

    /// The largest nice number strictly below `step`.
    static func niceStep(below step: Double) -> Double {
        let power = pow(10, (log10(step)).rounded(.down))
        for mantissa in [5.0, 2.5, 2.0, 1.0, 0.5] where mantissa * power < step * (1 - 1e-12) {
            return mantissa * power
        }
        return step / 2
    }

    static func multiples(of step: Double, in lo: Double, _ hi: Double) -> [Double] {
        let first = (lo / step - 1e-9).rounded(.up)
        let last = (hi / step + 1e-9).rounded(.down)
        guard first <= last else { return [] }
        guard last - first < 10_000 else { return [lo, hi] }
        var result: [Double] = []
        var k = first
        while k <= last {
            let value = k * step
            result.append(value == 0 ? 0 : value)
            k += 1
        }
        return result
    }

    static func decimals(for step: Double) -> Int {
        for d in 0...12 {
            let scaled = step * pow(10, Double(d))
            if abs(scaled - scaled.rounded()) < 1e-6 * max(1, scaled) { return d }
        }
        return 12
    }

    static func sanitized(_ lower: Double, _ upper: Double) -> (Double, Double) {
        var lo = lower.isFinite ? lower : 0
        var hi = upper.isFinite ? upper : 1
        if lo > hi { swap(&lo, &hi) }
        if lo == hi {
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            lo -= pad
            hi += pad
        }
        return (lo, hi)
    }
}
