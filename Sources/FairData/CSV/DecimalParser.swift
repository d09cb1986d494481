#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses decimal numbers from UTF-8 bytes without creating a `String`, to the correctly
/// rounded `Double`.
///
/// Accepted syntax (the same for every path): `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`,
/// e.g. `3`, `-0.5`, `1.`, `.5`, `6.02e23`. Not accepted: spaces (trim them first), `inf`,
/// `nan`, hexadecimal, thousands separators, a decimal comma.
///
/// ## Mathematical properties
/// - The result is the correctly rounded (round-to-nearest-even) `Double` of the decimal value.
/// - Fast path (Clinger 1990): with at most 19 significant digits whose integer `m ≤ 2^53` and a
///   decimal exponent `|e| ≤ 22`, `m` and `10^|e|` are exact Doubles, so one IEEE multiplication
///   or division gives the correctly rounded result.
/// - Otherwise the bytes go to C `strtod` (correctly rounded in glibc) in a NUL-terminated
///   stack buffer; if the C locale's decimal point is not `.` (a program called `setlocale`),
///   strtod stops early and the locale-independent `Double(String)` parses instead.
/// - `-0` gives -0.0. Values beyond ±`Double.greatestFiniteMagnitude` after rounding are
///   reported as out of range; values below the smallest subnormal round to ±0.
enum DecimalParser {
    enum Outcome: Equatable {
        case number(Double)
        case notANumber
        case outOfRange
    }

    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Parses `text` entirely; `nil` when it is not a decimal number or is out of range.
    static func parse(_ text: String) -> Double? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return nil }
            if case let .number(value) = parse(UnsafePointer(base), count: buffer.count) { return value }
            return nil
        }
    }

    /// Parses the `count` bytes at `start` entirely.
    @inline(__always)
    static func parse(_ start: UnsafePointer<UInt8>, count: Int) -> Outcome {
        // Syntax first: sign, integer digits, fraction digits, exponent.
        var i = 0
        var negative = false
        if i < count, start[i] == UInt8(ascii: "-") || start[i] == UInt8(ascii: "+") {
            negative = start[i] == UInt8(ascii: "-")
            i &+= 1
        }
        let integerStart = i
        while i < count, start[i] &- 48 < 10 { i &+= 1 }
        let integerEnd = i
        var fractionStart = i
        var fractionEnd = i
        if i < count, start[i] == UInt8(ascii: ".") {
            i &+= 1
            fractionStart = i
            while i < count, start[i] &- 48 < 10 { i &+= 1 }
            fractionEnd = i
        }
        if integerEnd == integerStart && fractionEnd == fractionStart { return .notANumber }
        var exponent = 0
        if i < count, start[i] | 0x20 == UInt8(ascii: "e") {
            i &+= 1
            var exponentNegative = false
            if i < count, start[i] == UInt8(ascii: "-") || start[i] == UInt8(ascii: "+") {
                exponentNegative = start[i] == UInt8(ascii: "-")
                i &+= 1
            }
            let exponentStart = i
            while i < count {
                let digit = start[i] &- 48
                if digit >= 10 { break }
                if exponent < 100_000 { exponent = exponent &* 10 &+ Int(digit) }
                i &+= 1
            }
            if i == exponentStart { return .notANumber }
            if exponentNegative { exponent = -exponent }
        }
        if i != count { return .notANumber }

        // Digits: the integer of all digits (wrapping; only used with at most 19 significant
        // digits, which fit in a UInt64) and the number of significant digits.
        var mantissa: UInt64 = 0
        var significant = 0
        var k = integerStart
        while k < integerEnd {
            let digit = UInt64(start[k] &- 48)
            significant &+= (mantissa | digit) != 0 ? 1 : 0
            mantissa = mantissa &* 10 &+ digit
            k &+= 1
        }
        k = fractionStart
        while k < fractionEnd {
            let digit = UInt64(start[k] &- 48)
            significant &+= (mantissa | digit) != 0 ? 1 : 0
            mantissa = mantissa &* 10 &+ digit
            k &+= 1
        }
        if significant == 0 { return .number(negative ? -0.0 : 0.0) }
        exponent &-= fractionEnd &- fractionStart
        if significant <= 19, mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
            let value = powersOfTen.withUnsafeBufferPointer { powers in
                exponent >= 0 ? Double(mantissa) * powers[exponent] : Double(mantissa) / powers[-exponent]
            }
            return .number(negative ? -value : value)
        }
        return slowPath(start, count: count)
    }

    /// strtod on a NUL-terminated copy (syntax already checked), with a locale-proof fallback.
    private static func slowPath(_ start: UnsafePointer<UInt8>, count: Int) -> Outcome {
        let value: Double = withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 1) { buffer in
            let base = buffer.baseAddress!
            for j in 0..<count { base[j] = CChar(bitPattern: start[j]) }
            base[count] = 0
            var end: UnsafeMutablePointer<CChar>? = nil
            let parsed = strtod(base, &end)
            if end == base + count { return parsed }
            // A locale whose decimal point is not ".": parse without the C library.
            let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
            return Double(text) ?? .nan
        }
        if value.isNaN { return .notANumber }
        if value.isInfinite { return .outOfRange }
        return .number(value)
    }
}
