import FairSupport
import Testing
@testable import FairPlot

@Suite("NumberFormat")
struct NumberFormatTests {
    @Test("significant digits", arguments: [
        (0.5912, 3, "0.591"), (0.004, 3, "0.00400"), (9.996, 3, "10.0"), (0.09996, 3, "0.100"),
        (123456, 3, "123456"), (12.345, 2, "12"), (1.2e-7, 3, "1.20e-07"), (2.5e16, 2, "2.5e+16"),
        (0, 3, "0"), (-0.0, 3, "0"), (2, 3, "2"), (-400, 3, "-400"), (-0.5912, 3, "-0.591"), (1, 1, "1"), (0.99999, 3, "1.00"),
    ])
    func significant(value: Double, digits: Int, expected: String) {
        #expect(NumberFormat.significant(value, digits: digits) == expected)
    }

    @Test("compact drops trailing zeros", arguments: [
        (0.004, "0.004"), (0.0234, "0.0234"), (1.0 / 3.0, "0.333333"), (0.25, "0.25"), (2.0, "2"), (1.5e-7, "1.5e-07"), (9.99999999, "10"),
    ])
    func compact(value: Double, expected: String) {
        #expect(NumberFormat.compact(value, digits: 6) == expected)
    }

    @Test("non-finite values have names")
    func nonFinite() {
        #expect(NumberFormat.significant(.nan) == "nan")
        #expect(NumberFormat.significant(.infinity) == "inf")
        #expect(NumberFormat.significant(-.infinity) == "-inf")
        #expect(NumberFormat.fixed(.nan, decimals: 2) == "nan")
        #expect(NumberFormat.exact(-.infinity) == "-inf")
    }

    @Test("fixed decimals never print a negative zero")
    func fixed() {
        #expect(NumberFormat.fixed(0.5, decimals: 2) == "0.50")
        #expect(NumberFormat.fixed(-0.0004, decimals: 2) == "0.00")
        #expect(NumberFormat.fixed(-1.5, decimals: 0) == "-2")
    }

    @Test("significant text parses back within half a unit of the last digit", arguments: [1, 2, 3, 4, 5])
    func roundTrip(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<500 {
            let x = (rng.nextDouble() - 0.5) * pow(10, Double(rng.nextInt(below: 16)) - 4)
            let text = NumberFormat.significant(x, digits: 4)
            let parsed = try #require(Double(text))
            #expect(abs(parsed - x) <= 5e-4 * abs(x) + 1e-300, "\(x) -> \(text)")
        }
    }

    @Test("exact form round-trips")
    func exact() {
        #expect(NumberFormat.exact(3) == "3")
        #expect(NumberFormat.exact(0.1) == "0.1")
        #expect(Double(NumberFormat.exact(1.0 / 3.0)) == 1.0 / 3.0)
    }

    @Test("thousands separators")
    func grouped() {
        #expect(NumberFormat.grouped(6172) == "6,172")
        #expect(NumberFormat.grouped(1_234_567) == "1,234,567")
        #expect(NumberFormat.grouped(999) == "999")
        #expect(NumberFormat.grouped(-1000) == "-1,000")
        #expect(NumberFormat.grouped(0) == "0")
    }
}

import Foundation
