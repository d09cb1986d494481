import CFastFloat

/// Parses decimal numbers from UTF-8 bytes without creating a `String`, to the correctly
/// rounded `Double`.
///
/// Accepted syntax: `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`,
/// e.g. `3`, `-0.5`, `1.`, `.5`, `6.02e23`. Not accepted: spaces (trim them first), `inf`,
/// `nan`, hexadecimal, thousands separators, a decimal comma.
///
/// The syntax is checked here; the conversion is fast_float's (Lemire's Eisel–Lemire
/// algorithm with an exact big-decimal fallback; Debian `libfast-float-dev`, called through
/// the `CFastFloat` shim), which reads 17-digit numbers about 5× faster than glibc's `strtod`
/// and does not depend on the C locale.
///
/// ## Mathematical properties
/// - The result is the correctly rounded (round-to-nearest, ties to even) `Double` of the
///   decimal value, for any number of digits (tested against glibc's correctly rounded
///   `strtod` on random, subnormal, 19+-digit and halfway inputs).
/// - `-0` gives -0.0. Values beyond ±`Double.greatestFiniteMagnitude` after rounding are
///   reported as out of range; values below the smallest subnormal round to ±0.
enum DecimalParser {
    enum Outcome: Equatable {
        case number(Double)
        case notANumber
        case outOfRange
    }

    /// Parses `text` entirely; `nil` when it is not a decimal number or is out of range.
    static func parse(_ text: String) -> Double? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return nil }
            guard case let .number(value) = parse(UnsafePointer(base), count: buffer.count) else {
                return nil
            }
            return value
        }
    }

    /// Parses the `count` bytes at `start` entirely.
    @inline(__always)
    static func parse(_ start: UnsafePointer<UInt8>, count: Int) -> Outcome {
        guard isDecimal(start, count: count) else { return .notANumber }
        // fast_float takes no leading "+".
        let skip = start[0] == UInt8(ascii: "+") ? 1 : 0
        var value = 0.0
        let consumed = (start + skip).withMemoryRebound(to: CChar.self, capacity: count - skip) {
            fair_parse_double($0, count - skip, &value)
        }
        if consumed == 0 { return .notANumber }
        if value.isInfinite { return .outOfRange }
        return .number(value)
    }

    /// Whether the `count` bytes at `start` are exactly the accepted syntax.
    @inline(__always)
    static func isDecimal(_ start: UnsafePointer<UInt8>, count: Int) -> Bool {
        var i = 0
        if i < count, start[i] == UInt8(ascii: "-") || start[i] == UInt8(ascii: "+") { i &+= 1 }
        let integerStart = i
        while i < count, start[i] &- 48 < 10 { i &+= 1 }
        var digits = i &- integerStart
        if i < count, start[i] == UInt8(ascii: ".") {
            i &+= 1
            let fractionStart = i
            while i < count, start[i] &- 48 < 10 { i &+= 1 }
            digits &+= i &- fractionStart
        }
        if digits == 0 { return false }
        if i < count, start[i] | 0x20 == UInt8(ascii: "e") {
            i &+= 1
            if i < count, start[i] == UInt8(ascii: "-") || start[i] == UInt8(ascii: "+") { i &+= 1 }
            let exponentStart = i
            while i < count, start[i] &- 48 < 10 { i &+= 1 }
            if i == exponentStart { return false }
        }
        return i == count
    }
}
