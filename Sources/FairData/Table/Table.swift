import FairCore

/// A column-oriented table: named columns of equal length, each numeric (`Double`, NaN =
/// missing) or categorical (codes into sorted categories, -1 = missing).
///
/// Tables are values: every operation returns a new table and leaves the receiver unchanged.
/// Rows are addressed by 0-based index; selecting rows keeps the given order.
///
/// ```swift
/// let table = try Table([("age", .numeric([25, 31, .nan])),
///                        ("sex", .categorical(CategoricalColumn(labels: ["F", "M", nil])))])
/// table.rowCount                           // 3
/// try table.groupCounts(by: "sex")         // [F: 1, M: 1, missing: 1]
/// ```
public struct Table: Sendable, Equatable {
    /// Column names, in column order.
    public private(set) var columnNames: [String]
    /// Columns, parallel to `columnNames`.
    public private(set) var columns: [Column]
    /// Number of rows.
    public private(set) var rowCount: Int
    private var indexByName: [String: Int]

    /// A table with no rows and no columns.
    public init() {
        columnNames = []
        columns = []
        rowCount = 0
        indexByName = [:]
    }

    /// Builds a table from named columns.
    /// - Throws: `FairDataError.duplicateColumnName` for a repeated name,
    ///   `FairDataError.columnLengthMismatch` when lengths differ (the first column sets the row count).
    public init(_ namedColumns: [(name: String, column: Column)]) throws {
        self.init()
        for (name, column) in namedColumns { try append(column, named: name) }
    }

    /// Trusted initialiser: names distinct, columns of `rowCount` rows.
    init(trustedNames names: [String], columns: [Column], rowCount: Int) {
        columnNames = names
        self.columns = columns
        self.rowCount = rowCount
        var lookup: [String: Int] = [:]
        for (i, name) in names.enumerated() { lookup[name] = i }
        indexByName = lookup
    }

    public static func == (lhs: Table, rhs: Table) -> Bool {
        lhs.columnNames == rhs.columnNames && lhs.rowCount == rhs.rowCount && lhs.columns == rhs.columns
    }

    // MARK: Looking up columns

    /// Number of columns.
    public var columnCount: Int { columns.count }

    /// Each column's type, by name (usable as `CSVReadOptions.columnTypes` to read a written
    /// table back with the same types).
    public var schema: [String: ColumnType] {
        var result: [String: ColumnType] = [:]
        for (name, column) in zip(columnNames, columns) { result[name] = column.type }
        return result
    }

    /// Whether the table has a column named `name`.
    public func contains(column name: String) -> Bool { indexByName[name] != nil }

    /// The index of the column named `name`.
    /// - Throws: `FairDataError.unknownColumn` listing the columns.
    public func columnIndex(of name: String) throws -> Int {
        guard let index = indexByName[name] else { throw FairDataError.unknownColumn(name: name, available: columnNames) }
        return index
    }

    /// The column named `name`.
    public func column(_ name: String) throws -> Column { columns[try columnIndex(of: name)] }

    /// The values of the numeric column `name` (NaN = missing).
    /// - Throws: `unknownColumn`, or `wrongColumnType` when it is categorical.
    public func numeric(_ name: String) throws -> [Double] {
        switch try column(name) {
        case let .numeric(values): return values
        case .categorical: throw FairDataError.wrongColumnType(name: name, expected: .numeric, actual: .categorical)
        }
    }

    /// The categorical column `name`.
    /// - Throws: `unknownColumn`, or `wrongColumnType` when it is numeric.
    public func categorical(_ name: String) throws -> CategoricalColumn {
        switch try column(name) {
        case let .categorical(column): return column
        case .numeric: throw FairDataError.wrongColumnType(name: name, expected: .categorical, actual: .numeric)
        }
    }

    // MARK: Changing columns

    /// Appends a column.
    /// - Throws: `duplicateColumnName`, or `columnLengthMismatch` when its length differs from
    ///   the row count (unless the table has no columns yet).
    public mutating func append(_ column: Column, named name: String) throws {
        if indexByName[name] != nil { throw FairDataError.duplicateColumnName(name) }
        if columns.isEmpty {
            rowCount = column.count
        } else if column.count != rowCount {
            throw FairDataError.columnLengthMismatch(name: name, expected: rowCount, actual: column.count)
        }
        indexByName[name] = columns.count
        columnNames.append(name)
        columns.append(column)
    }

    /// A copy with `column` appended under `name`.
    public func adding(_ column: Column, named name: String) throws -> Table {
        var copy = self
        try copy.append(column, named: name)
        return copy
    }

    /// A copy with the column `name` replaced (same position).
    /// - Throws: `unknownColumn`, `columnLengthMismatch`.
    public func replacing(_ name: String, with column: Column) throws -> Table {
        let index = try columnIndex(of: name)
        if column.count != rowCount { throw FairDataError.columnLengthMismatch(name: name, expected: rowCount, actual: column.count) }
        var copy = self
        copy.columns[index] = column
        return copy
    }

    /// A copy with the column `name` renamed to `newName`.
    /// - Throws: `unknownColumn`, `duplicateColumnName`.
    public func renaming(_ name: String, to newName: String) throws -> Table {
        let index = try columnIndex(of: name)
        if newName == name { return self }
        if indexByName[newName] != nil { throw FairDataError.duplicateColumnName(newName) }
        var names = columnNames
        names[index] = newName
        return Table(trustedNames: names, columns: columns, rowCount: rowCount)
    }

    /// A copy where the numeric column `name` is categorical, labelled by its values (integral
    /// values without decimal point, categories in numeric order; NaN stays missing).
    public func convertingToCategorical(_ name: String) throws -> Table {
        switch try column(name) {
        case .categorical: return self
        case let .numeric(values): return try replacing(name, with: .categorical(CategoricalColumn(numbers: values)))
        }
    }

    // MARK: Selecting

    /// The columns `names`, in that order.
    /// - Throws: `unknownColumn`, `duplicateColumnName` when a name is repeated.
    public func selectingColumns(_ names: [String]) throws -> Table {
        var seen = Set<String>()
        var picked: [Column] = []
        for name in names {
            if !seen.insert(name).inserted { throw FairDataError.duplicateColumnName(name) }
            picked.append(columns[try columnIndex(of: name)])
        }
        return Table(trustedNames: names, columns: picked, rowCount: names.isEmpty ? 0 : rowCount)
    }

    /// All columns except `names`.
    /// - Throws: `unknownColumn` for a name that is not a column.
    public func droppingColumns(_ names: [String]) throws -> Table {
        for name in names { _ = try columnIndex(of: name) }
        let dropped = Set(names)
        return try selectingColumns(columnNames.filter { !dropped.contains($0) })
    }

    /// The rows `rows`, in that order (a row may appear more than once).
    /// - Throws: `rowOutOfRange` for an index outside `0..<rowCount`.
    public func selectingRows(_ rows: [Int]) throws -> Table {
        for row in rows where row < 0 || row >= rowCount { throw FairDataError.rowOutOfRange(row: row, rowCount: rowCount) }
        return Table(trustedNames: columnNames, columns: columns.map { $0.selecting(rows) }, rowCount: rows.count)
    }

    /// The rows for which `isIncluded(row)` is true, in order.
    public func filteringRows(_ isIncluded: (Int) throws -> Bool) rethrows -> Table {
        var rows: [Int] = []
        for row in 0..<rowCount where try isIncluded(row) { rows.append(row) }
        return Table(trustedNames: columnNames, columns: columns.map { $0.selecting(rows) }, rowCount: rows.count)
    }

    /// The rows with no missing value in the columns `names` (all columns when `nil`).
    public func droppingRowsWithMissing(in names: [String]? = nil) throws -> Table {
        let checked = try (names ?? columnNames).map { columns[try columnIndex(of: $0)] }
        return filteringRows { row in !checked.contains { $0.isMissing(row: row) } }
    }

    // MARK: Groups

    /// One group of `groupCounts`: a label (`nil` for missing values) and its number of rows.
    public struct GroupCount: Sendable, Hashable {
        public let label: String?
        public let count: Int
    }

    /// Number of rows per value of the column `name`, in category order, then missing values
    /// (only when there are some). A numeric column is grouped by value.
    public func groupCounts(by name: String) throws -> [GroupCount] {
        let grouped: CategoricalColumn
        switch try column(name) {
        case let .categorical(column): grouped = column
        case let .numeric(values): grouped = CategoricalColumn(numbers: values)
        }
        var result = zip(grouped.categories, grouped.counts()).map { GroupCount(label: $0, count: $1) }
        let missing = grouped.missingCount
        if missing > 0 { result.append(GroupCount(label: nil, count: missing)) }
        return result
    }

    /// The column `name` as the sensitive attribute: a `GroupColumn` over the categories that
    /// occur (names in `GroupColumn`'s sorted order). A numeric column is labelled by value.
    /// - Throws: `unknownColumn`; `missingValue` naming the first row without a group.
    public func groupColumn(_ name: String) throws -> GroupColumn {
        var column: CategoricalColumn
        switch try self.column(name) {
        case let .categorical(categorical): column = categorical
        case let .numeric(values): column = CategoricalColumn(numbers: values)
        }
        if let row = column.codes.firstIndex(where: { $0 < 0 }) { throw FairDataError.missingValue(column: name, row: row) }
        column = column.droppingUnusedCategories()
        let names = column.categories.sorted()
        var position: [String: Int32] = [:]
        for (i, label) in names.enumerated() { position[label] = Int32(i) }
        let remap = column.categories.map { position[$0]! }
        do {
            return try GroupColumn(codes: column.codes.map { remap[Int($0)] }, names: names)
        } catch {
            // Unreachable: names are distinct and codes were remapped into range.
            throw FairDataError.invalidParameter(name: "group column \(name)", value: "\(error)", allowed: "distinct groups")
        }
    }
}
