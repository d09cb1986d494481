import Foundation

/// How FairData writes numbers: exactly for files and labels, with fixed significant digits for
/// people (so summaries are stable across machines).
public enum NumberFormatting {
    /// The shortest text that reads back as exactly `value` (Swift's round-trip form), with
    /// integral values below 2^53 in magnitude written as integers (`3`, `-0`, not `3.0`).
    /// NaN and infinities are written as Swift prints them (`nan`, `inf`, `-inf`).
    public static func exact(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 0x1p53 {
            if value == 0 { return value.sign == .minus ? "-0" : "0" }
            return String(Int64(value))
        }
        return "\(value)"
    }

    /// A category label for a number: the same as `exact`, except that -0 is labelled `0`.
    public static func label(_ value: Double) -> String {
        value == 0 ? "0" : exact(value)
    }

    /// `value` with `digits` significant digits (`%.*g`), e.g. `34.53` for 34.5345 at 4 digits.
    public static func significant(_ value: Double, digits: Int = 4) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        return String(format: "%.\(max(1, digits))g", value)
    }

    /// A count with thousands separators: `6,172`.
    public static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (i, character) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return value < 0 ? "-" + result : result
    }
}
