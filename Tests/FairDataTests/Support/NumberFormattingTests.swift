import Testing
@testable import FairData

@Suite("NumberFormatting")
struct NumberFormattingTests {
    @Test("exact: integers without .0, shortest round-trip form otherwise, -0 kept")
    func exact() {
        #expect(NumberFormatting.exact(3) == "3")
        #expect(NumberFormatting.exact(-0.0) == "-0")
        #expect(NumberFormatting.exact(0.1) == "0.1")
        #expect(NumberFormatting.exact(1e300) == "1e+300")
        #expect(NumberFormatting.exact(9007199254740992) == "9007199254740992.0")
        #expect(NumberFormatting.exact(1e16) == "1e+16")
        #expect(NumberFormatting.exact(9007199254740991) == "9007199254740991")
        #expect(NumberFormatting.label(-0.0) == "0")
    }

    @Test("significant digits and counts for people")
    func display() {
        #expect(NumberFormatting.significant(34.53451069) == "34.53")
        #expect(NumberFormatting.significant(0.000123456, digits: 2) == "0.00012")
        #expect(NumberFormatting.significant(.nan) == "NaN")
        #expect(NumberFormatting.count(6172) == "6,172")
        #expect(NumberFormatting.count(1_000_000) == "1,000,000")
        #expect(NumberFormatting.count(999) == "999")
        #expect(NumberFormatting.count(-1234) == "-1,234")
    }
}
