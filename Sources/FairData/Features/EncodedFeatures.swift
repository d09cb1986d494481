/// A dense feature matrix for a network: `rows × columns` Float32 values in **row-major**
/// order (`values[row * columns + column]`), with one name per column.
///
/// This is the hand-over format to FairNet: contiguous, no missing values (the encoder refuses
/// them), column names instead of positions. FairNet's own matrix is built from it without
/// copying the layout: `FairNet.FeatureMatrix(rows: e.rows, columns: e.columns, values: e.values)`.
public struct EncodedFeatures: Sendable, Equatable {
    /// Row-major values, `rows * columns` of them.
    public let values: [Float]
    /// Number of rows (examples).
    public let rows: Int
    /// Number of columns (features).
    public let columns: Int
    /// Column names, `columns` of them.
    public let names: [String]

    /// Builds a matrix from row-major values.
    /// - Throws: `FairDataError.invalidParameter` when the sizes do not agree.
    public init(values: [Float], rows: Int, columns: Int, names: [String]) throws {
        guard rows >= 0, columns >= 0, values.count == rows * columns, names.count == columns else {
            throw FairDataError.invalidParameter(
                name: "feature matrix shape", value: "\(values.count) values, \(rows) rows, \(columns) columns, \(names.count) names",
                allowed: "values.count == rows * columns and one name per column")
        }
        self.values = values
        self.rows = rows
        self.columns = columns
        self.names = names
    }

    init(trustedValues values: [Float], rows: Int, columns: Int, names: [String]) {
        self.values = values
        self.rows = rows
        self.columns = columns
        self.names = names
    }

    /// The value at (`row`, `column`).
    public subscript(row: Int, column: Int) -> Float { values[row * columns + column] }

    /// The values of one row.
    public func row(_ row: Int) -> ArraySlice<Float> { values[row * columns..<(row + 1) * columns] }

    /// The index of the column named `name`.
    /// - Throws: `FairDataError.unknownColumn`.
    public func columnIndex(of name: String) throws -> Int {
        guard let index = names.firstIndex(of: name) else { throw FairDataError.unknownColumn(name: name, available: names) }
        return index
    }
}
