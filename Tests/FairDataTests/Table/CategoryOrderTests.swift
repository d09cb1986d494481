import Testing
@testable import FairData

@Suite("CategoryOrder")
struct CategoryOrderTests {
    @Test("all-numeric categories sort by value, ties by text")
    func numeric() {
        #expect(CategoryOrder.sorted(["10", "2", "-1", "1.0", "1"]) == ["-1", "1", "1.0", "2", "10"])
    }

    @Test("other categories sort as strings (byte order for ASCII, like Python's sorted)")
    func text() {
        #expect(CategoryOrder.sorted(["b", "B", "a", "10", "2"]) == ["10", "2", "B", "a", "b"])
        #expect(CategoryOrder.sorted(["Less than 25", "25 - 45", "Greater than 45"]) == ["25 - 45", "Greater than 45", "Less than 25"])
        #expect(CategoryOrder.sorted([]) == [])
    }
}
