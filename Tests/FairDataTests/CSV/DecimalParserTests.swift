#if canImport(Glibc)
import Glibc
#endif
import FairCore
import Testing
@testable import FairData

@Suite("DecimalParser")
struct DecimalParserTests {
    private func parse(_ text: String) -> DecimalParser.Outcome {
        let bytes = Array(text.utf8) + [0]
        return bytes.withUnsafeBufferPointer { DecimalParser.parse($0.baseAddress!, count: bytes.count - 1) }
    }

    @Test(
        "hard cases give the correctly rounded Double (Swift's own parser as oracle)",
        arguments: [
            "0.1", "0.3", "1e23", "8.98846567431158e307", "9007199254740993", "9007199254740992", "123456789012345678901234567890",
            "2.2250738585072011e-308", "2.2250738585072014e-308", "4.9e-324", "2.4703282292062328e-324", "1.7976931348623157e308",
            "0.000001234", "1.", ".5", "+3.25", "-17", "1E5", "1e-5", "0.1e1", "00000000000000000000000001.5", "3.14159265358979323846264338327950288",
            "7.2057594037927933e16", "1e22", "1e-22", "9007199254740991e22", "4503599627370497.5",
        ])
    func hardCases(text: String) throws {
        let expected = try #require(Double(text))
        guard case let .number(value) = parse(text) else {
            Issue.record("\(text) did not parse")
            return
        }
        #expect(value.bitPattern == expected.bitPattern, "\(text): \(value) vs \(expected)")
    }

    @Test(
        "hard cases match an independent oracle: CPython's float() (David Gay's correctly rounded conversion)",
        arguments: [
            ("1e23", 0x44B5_2D02_C7E1_4AF6), ("9007199254740993", 0x4340_0000_0000_0000),
            ("2.2250738585072011e-308", 0x000F_FFFF_FFFF_FFFF), ("2.2250738585072012e-308", 0x0010_0000_0000_0000),
            ("4.9e-324", 0x0000_0000_0000_0001), ("2.4703282292062328e-324", 0x0000_0000_0000_0001),
            ("2.4703282292062327e-324", 0x0000_0000_0000_0000), ("1.7976931348623157e308", 0x7FEF_FFFF_FFFF_FFFF),
            ("7.2057594037927933e16", 0x4370_0000_0000_0000), ("0.1", 0x3FB9_9999_9999_999A),
            ("123456789012345678901234567890", 0x45F8_EE90_FF6C_373E), ("4503599627370497.5", 0x4330_0000_0000_0002),
            ("8.98846567431158e307", 0x7FE0_0000_0000_0000), ("3.14159265358979323846264338327950288", 0x4009_21FB_5444_2D18),
        ] as [(String, UInt64)])
    func independentOracle(text: String, bits: UInt64) {
        #expect(parse(text) == .number(Double(bitPattern: bits)), "\(text)")
    }

    @Test("signed zero, underflow to zero, and overflow")
    func edges() {
        #expect(parse("-0") == .number(-0.0))
        if case let .number(value) = parse("-0.0e5") { #expect(value.sign == .minus && value == 0) }
        #expect(parse("1e-400") == .number(0))
        #expect(parse("1.7976931348623159e308") == .outOfRange)
        #expect(parse("-1e400") == .outOfRange)
        #expect(parse("1e99999999999999999999") == .outOfRange)
        #expect(parse("1e-99999999999999999999") == .number(0))
    }

    @Test(
        "anything but a plain decimal is not a number",
        arguments: ["", "+", "-", ".", "e5", "1e", "1e+", "1.2.3", " 1", "1 ", "inf", "-inf", "nan", "NaN", "0x10", "1,5", "--1", "1e5.0", "1_000", "٣"])
    func rejects(text: String) {
        #expect(parse(text) == .notANumber)
    }

    @Test("random decimals in every form parse exactly as Swift's correctly rounded parser does", arguments: 0..<8)
    func randomDecimals(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed, purpose: "decimal parser")
        for _ in 0..<2_000 {
            var text = generator.nextInt(below: 3) == 0 ? "-" : ""
            let integerDigits = generator.nextInt(below: 22)
            for _ in 0..<integerDigits { text += String(generator.nextInt(below: 10)) }
            let fractionDigits = generator.nextInt(below: 22)
            if fractionDigits > 0 || integerDigits == 0 {
                text += "."
                for _ in 0..<max(fractionDigits, integerDigits == 0 ? 1 : 0) { text += String(generator.nextInt(below: 10)) }
            }
            if generator.nextInt(below: 3) == 0 { text += "e\(generator.nextInt(below: 80) - 40)" }
            let expected = try #require(Double(text), "\(text)")
            guard case let .number(value) = parse(text) else {
                Issue.record("\(text) did not parse")
                continue
            }
            #expect(value.bitPattern == expected.bitPattern, "\(text)")
        }
    }

    @Test("every double printed in shortest form reads back bit-exactly", arguments: 0..<4)
    func roundTrip(seed: UInt64) {
        var generator = SeededGenerator(seed: seed, purpose: "decimal round trip")
        for _ in 0..<5_000 {
            let value = Double(bitPattern: generator.next())
            guard value.isFinite else { continue }
            #expect(parse("\(value)") == .number(value), "\(value)")
            #expect(DecimalParser.parse(NumberFormatting.exact(value))?.bitPattern == value.bitPattern)
        }
    }

    /// glibc's `strtod` (correctly rounded) as the oracle: the bits, or `.outOfRange` for ±∞.
    private func strtodOutcome(_ text: String) -> DecimalParser.Outcome {
        let value = text.withCString { strtod($0, nil) }
        return value.isInfinite ? .outOfRange : .number(value)
    }

    /// One random decimal of a kind that is hard to round: many digits, subnormal or huge
    /// exponents, integers exactly halfway between two Doubles (and just above or below).
    private func hardDecimal(kind: Int, _ generator: inout SeededGenerator) -> String {
        func digits(_ count: Int) -> String {
            String((0..<count).map { _ in Character(String(generator.nextInt(below: 10))) })
        }
        switch kind {
        case 0:  // 1...40 significant digits, exponents across the whole range and beyond
            let text = digits(1 + generator.nextInt(below: 40))
            return "\(text)e\(generator.nextInt(below: 700) - 360)"
        case 1:  // subnormals and the underflow edge
            return "\(digits(1)).\(digits(1 + generator.nextInt(below: 25)))e-\(300 + generator.nextInt(below: 30))"
        case 2:  // an integer exactly halfway between two Doubles in [2^53, 2^64)
            let k = 53 + generator.nextInt(below: 11)
            let mantissa = (UInt64(1) << 52) | (generator.next() >> 12)
            let halfway = (mantissa << UInt64(k - 52)) | (UInt64(1) << UInt64(k - 53))
            switch generator.nextInt(below: 3) {
            case 0: return "\(halfway)"
            case 1: return "\(halfway).\(String(repeating: "0", count: 20))1"
            default: return "\(halfway - 1).\(String(repeating: "9", count: 25))"
            }
        case 3:  // a Double's shortest form with its last digit changed
            let value = Double(bitPattern: generator.next() & 0x7FEF_FFFF_FFFF_FFFF)
            var text = Array("\(value)")
            if let last = text.lastIndex(where: \.isNumber) {
                text[last] = Character(String(generator.nextInt(below: 10)))
            }
            return String(text)
        default:  // 17 to 19 digits with a decimal point, as models and pandas write them
            return "\(generator.nextInt(below: 2) == 0 ? "-" : "")0.\(digits(17 + generator.nextInt(below: 3)))"
        }
    }

    @Test("agrees with glibc's correctly rounded strtod on 400,000 hard decimals", arguments: 0..<8)
    func againstStrtod(seed: UInt64) {
        var generator = SeededGenerator(seed: seed, purpose: "decimal parser vs strtod")
        var disagreements: [String] = []
        for i in 0..<50_000 {
            let text = hardDecimal(kind: i % 5, &generator)
            let expected = strtodOutcome(text)
            if parse(text) != expected, disagreements.count < 5 { disagreements.append(text) }
        }
        #expect(disagreements.isEmpty, "\(disagreements)")
    }
}
