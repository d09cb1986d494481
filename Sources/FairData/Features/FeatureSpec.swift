/// How one table column becomes model input.
public struct FeatureSpec: Sendable, Hashable, Codable {
    /// The encodings a column can get.
    public enum Encoding: String, Sendable, Hashable, Codable {
        /// One 0/1 column per category seen at fit time, categories in `CategoryOrder`, named
        /// `column_category` (a numeric column is one-hot encoded by value, e.g. `AGEP_18`).
        case oneHot
        /// `(x - mean) / sd` with the fit rows' mean and population SD (ddof 0, as scikit-learn's
        /// `StandardScaler`); an SD of 0 is replaced by 1. Named `column`.
        case standardized
        /// The numeric value unchanged (e.g. an existing 0/1 column). Named `column`.
        case passthrough
    }

    /// The table column.
    public let column: String
    /// Its encoding.
    public let encoding: Encoding

    public init(column: String, encoding: Encoding) {
        self.column = column
        self.encoding = encoding
    }

    /// One-hot encoding of `column`.
    public static func oneHot(_ column: String) -> FeatureSpec { FeatureSpec(column: column, encoding: .oneHot) }
    /// Standardisation of `column`.
    public static func standardized(_ column: String) -> FeatureSpec { FeatureSpec(column: column, encoding: .standardized) }
    /// `column` unchanged.
    public static func passthrough(_ column: String) -> FeatureSpec { FeatureSpec(column: column, encoding: .passthrough) }

    /// Default specs for a table loaded from any CSV: every column except `excluded` (labels,
    /// and the sensitive column when it must not be an input), in table order; categorical
    /// columns one-hot, numeric columns standardised.
    /// - Throws: `FairDataError.unknownColumn` for an excluded name that is not a column.
    public static func defaults(for table: Table, excluding excluded: [String] = []) throws -> [FeatureSpec] {
        for name in excluded { _ = try table.columnIndex(of: name) }
        let skipped = Set(excluded)
        return zip(table.columnNames, table.columns).compactMap { name, column in
            if skipped.contains(name) { return nil }
            return column.type == .categorical ? .oneHot(name) : .standardized(name)
        }
    }
}

/// What the encoder does with a category that was not in the fit rows.
public enum UnseenCategoryPolicy: String, Sendable, Hashable, Codable {
    /// Throw `FairDataError.unseenCategory` naming the column, the label and the row (default).
    case error
    /// Encode the row's one-hot block as all zeros (scikit-learn's `handle_unknown="ignore"`).
    case ignore
}
