import Testing
@testable import FairSupport

@Suite("GroupColumn")
struct GroupColumnTests {
    @Test("labels become sorted names and codes")
    func fromLabels() {
        let column = GroupColumn(labels: ["b", "a", "b", "c"])
        #expect(column.names == ["a", "b", "c"])
        #expect(column.codes == [1, 0, 1, 2])
        #expect(column.counts() == [1, 2, 1])
        #expect(column.rowsByGroup() == [[1], [0, 2], [3]])
        #expect(column.label(ofRow: 3) == "c")
    }

    @Test("integer labels are named by their decimal value")
    func fromIntegers() {
        let column = GroupColumn(integerLabels: [UInt8(1), 0, 1])
        #expect(column.names == ["0", "1"])
        #expect(column.codes == [1, 0, 1])
    }

    @Test("a code outside the names is an error naming the row")
    func badCode() {
        #expect(throws: FairSupportError.invalidGroupCode(row: 1, code: 2, groupCount: 2)) {
            try GroupColumn(codes: [0, 2], names: ["a", "b"])
        }
        let message = FairSupportError.invalidGroupCode(row: 1, code: 2, groupCount: 2).description
        #expect(message.contains("row 1"))
    }

    @Test("a repeated name is an error")
    func duplicateName() {
        #expect(throws: FairSupportError.duplicateGroupName("a")) {
            try GroupColumn(codes: [0], names: ["a", "a"])
        }
        #expect(FairSupportError.duplicateGroupName("a").description.contains("\"a\""))
    }
}
