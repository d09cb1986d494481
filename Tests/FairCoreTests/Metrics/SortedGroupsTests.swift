import Testing
@testable import FairCore

@Suite("SortedGroups")
struct SortedGroupsTests {
    @Test("splits the values by group code and sorts each group")
    func split() throws {
        var rng = SeededGenerator(seed: 12)
        let n = 3_000
        let values = (0..<n).map { _ in Double(rng.nextInt(below: 50)) - 20.5 }
        let labels = (0..<n).map { _ in ["x", "y", "z"][rng.nextInt(below: 3)] }
        let column = GroupColumn(labels: labels)
        let groups = try SortedGroups(values: values, groups: column)
        #expect(groups.names == ["x", "y", "z"])
        for (code, name) in groups.names.enumerated() {
            let expected = zip(values, labels).filter { $0.1 == name }.map(\.0).sorted()
            #expect(groups.samples[code] == expected)
        }
        #expect(groups.counts == column.counts())
    }

    @Test("mismatched lengths, empty input, non-finite values and empty groups are errors")
    func errors() throws {
        let column = GroupColumn(labels: ["a", "b"])
        let mismatch = FairCoreError.lengthMismatch(what: "values and group column", expected: 2, actual: 3)
        #expect(throws: mismatch) { try SortedGroups(values: [1, 2, 3], groups: column) }
        #expect(mismatch.description.contains("expected 2 values, got 3") && mismatch.description.contains("one value per row"))
        #expect(throws: FairCoreError.emptyInput(what: "values")) {
            try SortedGroups(values: [], groups: GroupColumn(labels: []))
        }
        #expect(throws: FairCoreError.nonFiniteValue(what: "values", row: 1, value: -.infinity)) {
            try SortedGroups(values: [1, -.infinity], groups: column)
        }
        let withEmpty = try GroupColumn(codes: [0, 0], names: ["a", "b"])
        let error = FairCoreError.emptyGroup(name: "b")
        #expect(throws: error) { try SortedGroups(values: [1, 2], groups: withEmpty) }
        #expect(error.description.contains("\"b\" has no rows") && error.description.contains("Drop it"))
    }
}
