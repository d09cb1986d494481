import FairCore
import Testing
@testable import FairData

@Suite("Table")
struct TableTests {
    static func sample() throws -> Table {
        try Table([
            ("age", .numeric([25, 31, .nan, 47])),
            ("sex", .categorical(CategoricalColumn(labels: ["F", "M", nil, "F"]))),
            ("y", .numeric([0, 1, 1, 0])),
        ])
    }

    @Test("columns by name; types; schema; a wrong name or type is an error that lists the columns")
    func lookup() throws {
        let table = try Self.sample()
        #expect(table.rowCount == 4 && table.columnCount == 3)
        #expect(try table.columnIndex(of: "sex") == 1)
        #expect(table.schema == ["age": .numeric, "sex": .categorical, "y": .numeric])
        #expect(fairDataError { _ = try table.column("agee") } == .unknownColumn(name: "agee", available: ["age", "sex", "y"]))
        #expect(fairDataError { _ = try table.numeric("sex") } == .wrongColumnType(name: "sex", expected: .numeric, actual: .categorical))
        #expect(fairDataError { _ = try table.categorical("age") } == .wrongColumnType(name: "age", expected: .categorical, actual: .numeric))
    }

    @Test("building rejects duplicate names and columns of another length")
    func building() throws {
        #expect(fairDataError { _ = try Table([("a", .numeric([1])), ("a", .numeric([2]))]) } == .duplicateColumnName("a"))
        #expect(fairDataError { _ = try Table([("a", .numeric([1])), ("b", .numeric([2, 3]))]) }
            == .columnLengthMismatch(name: "b", expected: 1, actual: 2))
        let table = try Self.sample()
        #expect(fairDataError { _ = try table.replacing("y", with: .numeric([1])) } == .columnLengthMismatch(name: "y", expected: 4, actual: 1))
        #expect(fairDataError { _ = try table.renaming("y", to: "age") } == .duplicateColumnName("age"))
        #expect(try table.renaming("y", to: "label").columnNames == ["age", "sex", "label"])
    }

    @Test("row selection keeps order and repeats; out-of-range rows are an error")
    func rows() throws {
        let table = try Self.sample()
        let picked = try table.selectingRows([3, 0, 0])
        #expect(try picked.numeric("age") == [47, 25, 25])
        #expect(try picked.categorical("sex").labels == ["F", "F", "F"])
        #expect(fairDataError { _ = try table.selectingRows([4]) } == .rowOutOfRange(row: 4, rowCount: 4))
        #expect(fairDataError { _ = try table.selectingRows([-1]) } == .rowOutOfRange(row: -1, rowCount: 4))
        let filtered = try table.filteringRows { try table.numeric("y")[$0] == 1 }
        #expect(try filtered.numeric("y") == [1, 1])
    }

    @Test("column selection and dropping")
    func columns() throws {
        let table = try Self.sample()
        #expect(try table.selectingColumns(["y", "age"]).columnNames == ["y", "age"])
        #expect(try table.droppingColumns(["sex"]).columnNames == ["age", "y"])
        #expect(fairDataError { _ = try table.droppingColumns(["nope"]) } == .unknownColumn(name: "nope", available: ["age", "sex", "y"]))
        #expect(fairDataError { _ = try table.selectingColumns(["y", "y"]) } == .duplicateColumnName("y"))
    }

    @Test("rows with missing values are dropped on request, in all or some columns")
    func dropMissing() throws {
        let table = try Self.sample()
        #expect(try table.droppingRowsWithMissing().rowCount == 3)
        #expect(try table.droppingRowsWithMissing(in: ["y"]).rowCount == 4)
    }

    @Test("group counts in category order, then missing; a numeric column groups by value")
    func groupCounts() throws {
        let table = try Self.sample()
        #expect(try table.groupCounts(by: "sex") == [
            Table.GroupCount(label: "F", count: 2), Table.GroupCount(label: "M", count: 1), Table.GroupCount(label: nil, count: 1),
        ])
        #expect(try table.groupCounts(by: "y") == [Table.GroupCount(label: "0", count: 2), Table.GroupCount(label: "1", count: 2)])
    }

    @Test("the sensitive column becomes a GroupColumn; a row without a group is an error naming it")
    func groupColumn() throws {
        let table = try Self.sample()
        #expect(fairDataError { _ = try table.groupColumn("sex") } == .missingValue(column: "sex", row: 2))
        let groups = try table.droppingRowsWithMissing().groupColumn("sex")
        #expect(groups.names == ["F", "M"])
        #expect(groups.codes == [0, 1, 0])
        // Unused categories are not groups; names follow GroupColumn's string order.
        let numeric = try Table([("g", .numeric([10, 2, 10]))]).groupColumn("g")
        #expect(numeric.names == ["10", "2"])
        #expect(numeric.codes == [0, 1, 0])
        let subset = try table.selectingRows([0, 3]).groupColumn("sex")
        #expect(subset.names == ["F"])
    }

    @Test("numeric columns convert to categorical by value")
    func convert() throws {
        let table = try Table([("code", .numeric([10, 2, .nan, 2.5, -0.0]))]).convertingToCategorical("code")
        let column = try table.categorical("code")
        #expect(column.categories == ["0", "2", "2.5", "10"])
        #expect(column.labels == ["10", "2", nil, "2.5", "0"])
    }

    @Test("missing values are equal to each other, never to a number")
    func equality() throws {
        #expect(Column.numeric([1, .nan]) == Column.numeric([1, .nan]))
        #expect(Column.numeric([0]) != Column.numeric([.nan]))
        #expect(Column.numeric([1]) != Column.categorical(CategoricalColumn(labels: ["1"])))
        #expect(Column.numeric([1, 2]).missingCount == 0)
        #expect(Column.numeric([.nan, 2]).text(ofRow: 0) == nil)
        #expect(Column.numeric([.nan, 2]).text(ofRow: 1) == "2")
    }
}
