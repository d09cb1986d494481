/// A dense feature matrix: `rows × columns` Float32 values stored row-major
/// (value of row `i`, column `j` at `values[i * columns + j]`).
///
/// FairNet computes in Float32 (as the reference PyTorch and JAX implementations do); metrics are
/// reported in Double. The matrix knows nothing about where its columns come from: encoding a
/// table into features is the data layer's job.
///
/// ## Mathematical properties
/// - Every value must be finite; `validateFinite()` reports the first NaN or infinity by row and
///   column (row-major order), and training and prediction call it before using the matrix.
public struct FeatureMatrix: Sendable, Equatable {
    /// Number of rows (examples).
    public let rows: Int
    /// Number of columns (features).
    public let columns: Int
    /// `rows * columns` values, row-major.
    public let values: [Float]

    /// Wraps row-major values.
    /// - Throws: `FairNetError.shapeMismatch` when `values.count != rows * columns`,
    ///   `FairNetError.invalidOption` when `rows` or `columns` is negative.
    public init(rows: Int, columns: Int, values: [Float]) throws(FairNetError) {
        guard rows >= 0 else { throw .invalidOption(name: "rows", value: "\(rows)", allowed: "use a count of at least 0") }
        guard columns >= 1 else { throw .invalidOption(name: "columns", value: "\(columns)", allowed: "use at least 1 column") }
        guard values.count == rows * columns else {
            throw .shapeMismatch(what: "feature values for \(rows) rows x \(columns) columns", expected: rows * columns, actual: values.count)
        }
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// Wraps row-major Double values, rounded to Float32 (the precision FairNet computes in).
    /// - Throws: as `init(rows:columns:values:)`.
    public init(rows: Int, columns: Int, doubleValues: [Double]) throws(FairNetError) {
        try self.init(rows: rows, columns: columns, values: doubleValues.map { Float($0) })
    }

    /// Builds the matrix from one array per row (each of the same length).
    /// - Throws: `FairNetError.shapeMismatch` naming the first row of another length.
    public init(rowArrays: [[Float]]) throws(FairNetError) {
        guard let first = rowArrays.first else {
            throw .invalidOption(name: "rows", value: "0", allowed: "give at least one row (or use init(rows:columns:values:) for an empty matrix)")
        }
        var flat: [Float] = []
        flat.reserveCapacity(rowArrays.count * first.count)
        for (i, row) in rowArrays.enumerated() {
            guard row.count == first.count else { throw .shapeMismatch(what: "length of row \(i)", expected: first.count, actual: row.count) }
            flat.append(contentsOf: row)
        }
        try self.init(rows: rowArrays.count, columns: first.count, values: flat)
    }

    /// The rows at `indices`, in that order.
    public func selecting(rows indices: [Int]) -> FeatureMatrix {
        var out = [Float](repeating: 0, count: indices.count * columns)
        values.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for (k, i) in indices.enumerated() {
                    let s = src.baseAddress! + i * columns
                    (dst.baseAddress! + k * columns).update(from: s, count: columns)
                }
            }
        }
        // The shape is consistent by construction.
        return FeatureMatrix(unchecked: indices.count, columns, out)
    }

    /// Throws `FairNetError.nonFiniteFeature` at the first NaN or infinite value.
    public func validateFinite() throws(FairNetError) {
        let bad: Int? = values.withUnsafeBufferPointer { Self.firstNonFinite($0.baseAddress!, count: $0.count) }
        if let i = bad { throw nonFiniteError(at: i) }
    }

    /// The error for the value at flat index `i` (row-major).
    func nonFiniteError(at i: Int) -> FairNetError {
        .nonFiniteFeature(row: i / columns, column: i % columns, value: values[i])
    }

    /// The index of the first NaN or infinity among `count` values, or nil. A Float is not finite
    /// exactly when its 8 exponent bits are all ones; blocks of 16 values are tested at once, and only
    /// a block with such a value is searched element by element.
    static func firstNonFinite(_ v: UnsafePointer<Float>, count n: Int) -> Int? {
        let exponent = SIMD16<UInt32>(repeating: 0x7F80_0000)
        let raw = UnsafeRawPointer(v)
        var i = 0
        while i + 16 <= n {
            let bits = raw.loadUnaligned(fromByteOffset: 4 * i, as: SIMD16<UInt32>.self)
            if any((bits & exponent) .== exponent) { break }
            i += 16
        }
        while i < n {
            if !v[i].isFinite { return i }
            i += 1
        }
        return nil
    }

    init(unchecked rows: Int, _ columns: Int, _ values: [Float]) {
        self.rows = rows
        self.columns = columns
        self.values = values
    }
}
