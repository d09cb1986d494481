import Testing
@testable import FairData

@Suite("TableSummary")
struct TableSummaryTests {
    @Test("describe lists size, types, missing counts, value summaries and group counts")
    func text() throws {
        let table = try Table([
            ("age", .numeric([20, 30, .nan, 40])),
            ("group", .categorical(CategoricalColumn(labels: ["a", "b", "a", nil]))),
        ])
        let summary = try table.describe(sensitive: "group")
        #expect(summary.rowCount == 4)
        #expect(summary.columns.map(\.missingCount) == [1, 1])
        #expect(summary.text == """
            4 rows × 2 columns
            column  type         missing  values
            age     numeric      1        mean 30, sd 8.165, min 20, max 40
            group   categorical  1        2 categories: a 2, b 1
            groups (group): a 2 (50%) · b 1 (25%) · (missing) 1 (25%)
            """)
        #expect(summary.description == summary.text)
        #expect(fairDataError { _ = try table.describe(sensitive: "nope") } == .unknownColumn(name: "nope", available: ["age", "group"]))
    }

    @Test("large counts get thousands separators; many categories are cut to the three most frequent")
    func largeCounts() throws {
        let labels = (0..<1_234).map { ["x", "y", "z", "w", "v"][$0 % 5] }
        let summary = try Table([("c", .categorical(CategoricalColumn(labels: labels)))]).describe()
        #expect(summary.text.hasPrefix("1,234 rows × 1 column"))
        #expect(summary.columns[0].values == "5 categories: w 247, x 247, y 247, …")
    }
}
