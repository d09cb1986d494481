import Testing
@testable import FairData

@Suite("CategoricalColumn")
struct CategoricalColumnTests {
    @Test("labels become sorted categories and codes; nil is missing (-1)")
    func fromLabels() {
        let column = CategoricalColumn(labels: ["b", nil, "a", "b"])
        #expect(column.categories == ["a", "b"])
        #expect(column.codes == [1, -1, 0, 1])
        #expect(column.counts() == [1, 2])
        #expect(column.missingCount == 1)
        #expect(column.label(ofRow: 1) == nil)
        #expect(column.labels == ["b", nil, "a", "b"])
    }

    @Test("codes and categories are validated and sorted; unused categories can be dropped")
    func fromCodes() throws {
        let column = try CategoricalColumn(codes: [0, 1, -1], categories: ["z", "a"])
        #expect(column.categories == ["a", "z"])
        #expect(column.labels == ["z", "a", nil])
        #expect(fairDataError { _ = try CategoricalColumn(codes: [2], categories: ["a", "b"]) }
            == .invalidCategoryCode(row: 0, code: 2, categoryCount: 2))
        #expect(fairDataError { _ = try CategoricalColumn(codes: [-2], categories: ["a"]) }
            == .invalidCategoryCode(row: 0, code: -2, categoryCount: 1))
        #expect(fairDataError { _ = try CategoricalColumn(codes: [0], categories: ["a", "a"]) } == .duplicateCategory("a"))
        let trimmed = try CategoricalColumn(codes: [2, -1, 2], categories: ["a", "b", "c"]).droppingUnusedCategories()
        #expect(trimmed.categories == ["c"] && trimmed.codes == [0, -1, 0])
    }

    @Test("numbers are labelled exactly, in numeric order")
    func fromNumbers() {
        let column = CategoricalColumn(numbers: [3, 10, 2, 3, .nan, 0.5])
        #expect(column.categories == ["0.5", "2", "3", "10"])
        #expect(column.labels == ["3", "10", "2", "3", nil, "0.5"])
    }
}
