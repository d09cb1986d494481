import Foundation

/// Formats numbers for people: a fixed number of significant digits, so that transcripts,
/// lessons and plot labels are stable across machines.
///
/// ## Mathematical properties
/// - Rounding is printf's round-half-to-even on the binary value (correctly rounded).
/// - `significant(x, digits: d)` shows `d` significant digits for `1e-4 <= |x| < 1e15`
///   (`0.591`, `12.3`, `0.00400`); outside that range it switches to exponent form (`1.20e-07`).
/// - Whole numbers below 1e15 print as integers with all their digits (`2`, `123456`), never
///   with zeros after a decimal point.
/// - Zero prints as `0`, a negative zero as `0`; NaN as `nan`, infinities as `inf` / `-inf`.
public enum NumberFormat {
    /// `x` with `digits` significant digits (at least 1).
    public static func significant(_ x: Double, digits: Int = 3) -> String {
        let digits = max(1, digits)
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if x == 0 { return "0" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        let magnitude = abs(x)
        var exponent = Int(log10(magnitude).rounded(.down))
        if exponent < -4 || exponent >= 15 {
            return String(format: "%.\(digits - 1)e", x)
        }
        var text = String(format: "%.\(max(0, digits - 1 - exponent))f", x)
        // Rounding may carry into a new leading digit (9.996 -> 10.00): one digit fewer then.
        if let rounded = Double(text), abs(rounded) >= pow(10, Double(exponent + 1)) {
            exponent += 1
            text = String(format: "%.\(max(0, digits - 1 - exponent))f", x)
        }
        return dropNegativeZero(text)
    }

    /// `x` with at most `digits` significant digits and no trailing zeros (`0.004`, `0.0234`,
    /// `0.333333`), for quoting actual values in messages.
    public static func compact(_ x: Double, digits: Int = 6) -> String {
        let text = significant(x, digits: digits)
        guard text.contains("."), !text.contains("e") else {
            guard let e = text.firstIndex(of: "e"), text[..<e].contains(".") else { return text }
            var mantissa = String(text[..<e])
            while mantissa.hasSuffix("0") { mantissa.removeLast() }
            if mantissa.hasSuffix(".") { mantissa.removeLast() }
            return mantissa + text[e...]
        }
        var trimmed = text
        while trimmed.hasSuffix("0") { trimmed.removeLast() }
        if trimmed.hasSuffix(".") { trimmed.removeLast() }
        return trimmed
    }

    /// `x` with exactly `decimals` digits after the decimal point (`fixed(0.5, decimals: 2)` is `0.50`).
    public static func fixed(_ x: Double, decimals: Int) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        return dropNegativeZero(String(format: "%.\(max(0, decimals))f", x))
    }

    /// `x` with its shortest exact decimal form (round-trips to the same `Double`), for files.
    public static func exact(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    /// An integer with thousands separators (`6,172`), as in the lessons' data summaries.
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }

    private static func dropNegativeZero(_ text: String) -> String {
        guard text.hasPrefix("-") else { return text }
        let body = text.dropFirst()
        return body.allSatisfy({ $0 == "0" || $0 == "." }) ? String(body) : text
    }
}
