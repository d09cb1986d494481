import Foundation

/// A fitted map from table rows to a `EncodedFeatures`: one-hot encoding for categorical columns,
/// standardisation for numeric ones, in the order of the specs.
///
/// Fit it on the **training rows only** (`fit(_:on:rows:)`) and apply it unchanged to pool and
/// test rows, so no statistic of held-out rows leaks into the inputs. The sensitive attribute is
/// not special here: list it among the specs (usually one-hot) when the model takes S as input,
/// as the paper's models do; the repair gets the groups separately (`GroupColumn`).
///
/// ## Mathematical properties
/// - Standardisation: `z = (x - m) / s` with `m` the mean and `s` the population SD (divisor
///   n, as scikit-learn's `StandardScaler`) of the fit rows; `s = 0` (a constant column) is
///   replaced by 1, so the column becomes 0. Computed in Double, stored as Float32.
/// - One-hot: categories are those present in the fit rows, in `CategoryOrder`; a row has a 1
///   in the column of its category and 0 elsewhere; an unseen category is an error or, with
///   `UnseenCategoryPolicy.ignore`, all zeros.
/// - Missing values (NaN, code -1) are never encoded: fitting or transforming a row with one
///   throws `FairDataError.missingValue` naming the column and row.
///
/// Saved as JSON with a format version (`save(toPath:)`, `load(fromPath:)`); a decoded encoder
/// transforms bit-identically.
public struct FeatureEncoder: Sendable, Hashable, Codable {
    /// The JSON format version written by `save(toPath:)`.
    public static let formatVersion = 1

    /// One fitted spec.
    public struct FittedFeature: Sendable, Hashable, Codable {
        /// The table column.
        public let column: String
        /// Its encoding.
        public let encoding: FeatureSpec.Encoding
        /// One-hot: the fit rows' categories, in order; empty otherwise.
        public let categories: [String]
        /// Standardized: the fit rows' mean (0 otherwise).
        public let mean: Double
        /// Standardized: the divisor (the fit rows' SD, or 1 for a constant column; 1 otherwise).
        public let scale: Double

        /// The output column names of this feature.
        public var outputNames: [String] {
            encoding == .oneHot ? categories.map { "\(column)_\($0)" } : [column]
        }
    }

    /// The fitted features, in output order.
    public let features: [FittedFeature]
    /// What to do with unseen categories.
    public let unseenCategories: UnseenCategoryPolicy
    /// The output column names (one-hot columns named `column_category`).
    public var featureNames: [String] { features.flatMap(\.outputNames) }
    /// Number of output columns.
    public var width: Int { features.reduce(0) { $0 + ($1.encoding == .oneHot ? $1.categories.count : 1) } }

    private enum CodingKeys: String, CodingKey { case formatVersion, features, unseenCategories }

    /// Fits the encoder on `rows` of `table` (all rows when `nil`).
    /// - Throws: `unknownColumn`; `wrongColumnType` (standardized/passthrough need numeric
    ///   columns); `missingValue` / `nonFiniteValue` naming a fit row; `tooFewRows` when no row
    ///   is given; `duplicateColumnName` when two specs produce the same output name;
    ///   `rowOutOfRange`.
    public static func fit(
        _ specs: [FeatureSpec], on table: Table, rows: [Int]? = nil, unseenCategories: UnseenCategoryPolicy = .error
    ) throws -> FeatureEncoder {
        let fitRows = rows ?? Array(0..<table.rowCount)
        if fitRows.isEmpty { throw FairDataError.tooFewRows(what: "the rows to fit the encoder on", found: 0, needed: 1) }
        for row in fitRows where row < 0 || row >= table.rowCount { throw FairDataError.rowOutOfRange(row: row, rowCount: table.rowCount) }
        var fitted: [FittedFeature] = []
        for spec in specs {
            let column = try table.column(spec.column)
            switch spec.encoding {
            case .oneHot:
                let categorical = Self.categorical(column)
                var present = [Bool](repeating: false, count: categorical.categories.count)
                for row in fitRows {
                    let code = categorical.codes[row]
                    if code < 0 { throw FairDataError.missingValue(column: spec.column, row: row) }
                    present[Int(code)] = true
                }
                let categories = categorical.categories.indices.filter { present[$0] }.map { categorical.categories[$0] }
                fitted.append(FittedFeature(column: spec.column, encoding: .oneHot, categories: categories, mean: 0, scale: 1))
            case .standardized, .passthrough:
                guard case let .numeric(values) = column else {
                    throw FairDataError.wrongColumnType(name: spec.column, expected: .numeric, actual: .categorical)
                }
                var sum = 0.0
                for row in fitRows {
                    let value = values[row]
                    if value.isNaN { throw FairDataError.missingValue(column: spec.column, row: row) }
                    if !value.isFinite { throw FairDataError.nonFiniteValue(column: spec.column, row: row, value: value) }
                    sum += value
                }
                if spec.encoding == .passthrough {
                    fitted.append(FittedFeature(column: spec.column, encoding: .passthrough, categories: [], mean: 0, scale: 1))
                    continue
                }
                let mean = sum / Double(fitRows.count)
                var squares = 0.0
                for row in fitRows { squares += (values[row] - mean) * (values[row] - mean) }
                let sd = (squares / Double(fitRows.count)).squareRoot()
                fitted.append(FittedFeature(column: spec.column, encoding: .standardized, categories: [], mean: mean, scale: sd > 0 ? sd : 1))
            }
        }
        let encoder = FeatureEncoder(features: fitted, unseenCategories: unseenCategories)
        var seen = Set<String>()
        for name in encoder.featureNames where !seen.insert(name).inserted { throw FairDataError.duplicateColumnName(name) }
        return encoder
    }

    private init(features: [FittedFeature], unseenCategories: UnseenCategoryPolicy) {
        self.features = features
        self.unseenCategories = unseenCategories
    }

    /// Encodes `rows` of `table` (all rows when `nil`), in that order.
    /// - Throws: `unknownColumn`, `wrongColumnType`, `missingValue`, `nonFiniteValue`,
    ///   `unseenCategory` (policy `.error`), `rowOutOfRange`.
    public func transform(_ table: Table, rows: [Int]? = nil) throws -> EncodedFeatures {
        let selected = rows ?? Array(0..<table.rowCount)
        for row in selected where row < 0 || row >= table.rowCount { throw FairDataError.rowOutOfRange(row: row, rowCount: table.rowCount) }
        let width = self.width
        var values = [Float](repeating: 0, count: selected.count * width)
        var offset = 0
        try values.withUnsafeMutableBufferPointer { out in
            for feature in features {
                let column = try table.column(feature.column)
                switch feature.encoding {
                case .oneHot:
                    let categorical = Self.categorical(column)
                    var fittedIndex: [String: Int] = [:]
                    for (i, category) in feature.categories.enumerated() { fittedIndex[category] = i }
                    // Table code -> output position (-1 = unseen).
                    let position = categorical.categories.map { fittedIndex[$0] ?? -1 }
                    for (i, row) in selected.enumerated() {
                        let code = categorical.codes[row]
                        if code < 0 { throw FairDataError.missingValue(column: feature.column, row: row) }
                        let target = position[Int(code)]
                        if target < 0 {
                            if unseenCategories == .ignore { continue }
                            throw FairDataError.unseenCategory(
                                column: feature.column, label: categorical.categories[Int(code)], row: row, known: feature.categories)
                        }
                        out[i * width + offset + target] = 1
                    }
                    offset += feature.categories.count
                case .standardized, .passthrough:
                    guard case let .numeric(columnValues) = column else {
                        throw FairDataError.wrongColumnType(name: feature.column, expected: .numeric, actual: .categorical)
                    }
                    try columnValues.withUnsafeBufferPointer { source in
                        for (i, row) in selected.enumerated() {
                            let value = source[row]
                            if value.isNaN { throw FairDataError.missingValue(column: feature.column, row: row) }
                            if !value.isFinite { throw FairDataError.nonFiniteValue(column: feature.column, row: row, value: value) }
                            out[i * width + offset] = Float((value - feature.mean) / feature.scale)
                        }
                    }
                    offset += 1
                }
            }
        }
        return EncodedFeatures(trustedValues: values, rows: selected.count, columns: width, names: featureNames)
    }

    /// A categorical view of a column (numbers labelled by value).
    private static func categorical(_ column: Column) -> CategoricalColumn {
        switch column {
        case let .categorical(categorical): categorical
        case let .numeric(values): CategoricalColumn(numbers: values)
        }
    }

    // MARK: Files

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let version = try container.decode(Int.self, forKey: .formatVersion)
        if version != Self.formatVersion {
            throw DecodingError.dataCorruptedError(
                forKey: .formatVersion, in: container, debugDescription: "format version \(version), this build reads \(Self.formatVersion)")
        }
        features = try container.decode([FittedFeature].self, forKey: .features)
        unseenCategories = try container.decode(UnseenCategoryPolicy.self, forKey: .unseenCategories)
        for feature in features {
            let valid: Bool
            switch feature.encoding {
            case .oneHot: valid = Set(feature.categories).count == feature.categories.count
            case .standardized: valid = feature.mean.isFinite && feature.scale.isFinite && feature.scale > 0 && feature.categories.isEmpty
            case .passthrough: valid = feature.categories.isEmpty
            }
            if !valid {
                throw DecodingError.dataCorruptedError(
                    forKey: .features, in: container, debugDescription: "feature \"\(feature.column)\" has invalid fitted values")
            }
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.formatVersion, forKey: .formatVersion)
        try container.encode(features, forKey: .features)
        try container.encode(unseenCategories, forKey: .unseenCategories)
    }

    /// Writes the encoder as JSON to `path`, atomically.
    /// - Throws: `FairDataError.fileNotWritable`.
    public func save(toPath path: String) throws {
        let coder = JSONEncoder()
        coder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data: Data
        do { data = try coder.encode(self) } catch { throw FairDataError.fileNotWritable(path: path, reason: "\(error)") }
        try FileIO.writeAtomically(Array(data), toPath: path)
    }

    /// Reads an encoder written by `save(toPath:)`.
    /// - Throws: `fileNotReadable`, `unsupportedVersion`, `corruptFile`.
    public static func load(fromPath path: String) throws -> FeatureEncoder {
        let bytes = try FileIO.readBytes(atPath: path)
        struct Header: Decodable { let formatVersion: Int }
        guard let header = try? JSONDecoder().decode(Header.self, from: Data(bytes)) else {
            throw FairDataError.corruptFile(path: path, reason: "not a JSON object with a formatVersion")
        }
        if header.formatVersion != formatVersion {
            throw FairDataError.unsupportedVersion(path: path, found: header.formatVersion, supported: formatVersion)
        }
        do {
            return try JSONDecoder().decode(FeatureEncoder.self, from: Data(bytes))
        } catch {
            throw FairDataError.corruptFile(path: path, reason: "\(error)")
        }
    }
}
