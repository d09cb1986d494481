import Testing
@testable import FairCore

@Suite("SensitiveAttributes: intersections and cell names")
struct SensitiveAttributesTests {
    @Test("cell names are injective: values with separators, backslashes and spaces round-trip")
    func cellNamesRoundTrip() {
        let cases: [[String]] = [
            ["1", "12"], ["11", "2"], ["a × b", "c"], ["a", "× b"], ["a\\", "b"], ["a ", " b"], ["", ""], ["x", "y", "z"],
            ["a \\× b", "\\\\"],
        ]
        var seen: Set<String> = []
        for values in cases {
            let name = SensitiveAttributes.cellName(values)
            #expect(SensitiveAttributes.values(ofCell: name, attributeCount: values.count) == values, "\(values)")
            #expect(seen.insert(name).inserted, "\(values) collides")
        }
        #expect(SensitiveAttributes.cellName(["only"]) == "only")
        #expect(SensitiveAttributes.cellName(["African-American", "Male"]) == "African-American × Male")
        #expect(SensitiveAttributes.values(ofCell: "a × b", attributeCount: 3) == nil)
        #expect(SensitiveAttributes.values(ofCell: "a×b", attributeCount: 2) == nil)
    }

    @Test("the intersection column has one group per combination that occurs, and decodes back")
    func intersections() throws {
        let a = GroupColumn(labels: ["x", "x", "y", "y", "x"])
        let b = GroupColumn(labels: ["1", "2", "1", "1", "1"])
        let attributes = try SensitiveAttributes(names: ["A", "B"], columns: [a, b])
        let cells = try attributes.intersections()
        #expect(cells.names == ["x × 1", "x × 2", "y × 1"])
        #expect((0..<5).map { cells.label(ofRow: $0) } == ["x × 1", "x × 2", "y × 1", "y × 1", "x × 1"])
        #expect(try attributes.intersections(of: ["B"]) == b)
        let decoded = try SensitiveAttributes(names: ["A", "B"], intersections: cells)
        #expect((0..<5).map { decoded.columns[0].label(ofRow: $0) } == (0..<5).map { a.label(ofRow: $0) })
        #expect((0..<5).map { decoded.columns[1].label(ofRow: $0) } == (0..<5).map { b.label(ofRow: $0) })
        #expect(throws: FairCoreError.self) { try attributes.intersections(of: ["A", "C"]) }
        #expect(throws: FairCoreError.self) { try SensitiveAttributes(names: ["A", "A"], columns: [a, b]) }
        #expect(throws: FairCoreError.self) { try SensitiveAttributes(names: ["A", "B", "C"], intersections: cells) }
    }
}
