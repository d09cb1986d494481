/// Every error FairData throws. Each message names the place (file:line:column, column name,
/// row), what was expected and what to do. FairData never prints and never exits: callers
/// (the REPL, scripts, tests) decide how to show these.
///
/// Messages never quote values of columns dropped on load (such as the names and dates of birth
/// in COMPAS): field text is only quoted for columns that are kept.
public enum FairDataError: Error, Equatable, Sendable, CustomStringConvertible {
    // MARK: CSV syntax and content
    /// A file (after the byte-order mark, skipped lines and blank lines) that has no header line.
    case emptyFile(path: String)
    /// A quoted field whose closing quote never comes; the location is the opening quote.
    case unterminatedQuote(SourceLocation)
    /// A character after a closing quote other than the delimiter or the end of the line
    /// (`found` is empty when the field belongs to a column that is not read).
    case unexpectedAfterQuote(SourceLocation, found: String, delimiter: String)
    /// A record with a different number of fields than the header.
    case raggedRow(SourceLocation, expected: Int, found: Int)
    /// A record longer than a streaming reader's limit (`CSVRecordStream`), most likely because
    /// a quote is never closed; the location is the record's start.
    case recordTooLong(SourceLocation, limit: Int)
    /// Bytes that are not valid UTF-8: the offending sequence, up to its first bad byte, in hex.
    case invalidUTF8(SourceLocation, bytes: String)
    /// A field of a numeric column that is neither a decimal number nor a missing marker.
    case notANumber(SourceLocation, column: String, found: String)
    /// A decimal number whose magnitude exceeds the largest finite Double.
    case numberOutOfRange(SourceLocation, column: String, found: String)
    /// Two columns with the same name where names must be distinct.
    case duplicateColumnName(String)
    /// Column names given for a file whose records have a different number of fields.
    case columnNameCountMismatch(path: String, names: Int, fields: Int)

    // MARK: Tables and columns
    /// A column name that the table (or file header) does not have.
    case unknownColumn(name: String, available: [String])
    /// A column of the wrong type for the operation.
    case wrongColumnType(name: String, expected: ColumnType, actual: ColumnType)
    /// A column whose length differs from the table's row count.
    case columnLengthMismatch(name: String, expected: Int, actual: Int)
    /// A row index outside `0..<rowCount`.
    case rowOutOfRange(row: Int, rowCount: Int)
    /// A categorical code outside `-1..<categories.count`.
    case invalidCategoryCode(row: Int, code: Int, categoryCount: Int)
    /// A category name given twice.
    case duplicateCategory(String)
    /// A missing value where a value is required (`row` is 0-based in the table; messages
    /// name the 1-based data row, `row + 1`, as every user-facing message does).
    case missingValue(column: String, row: Int)
    /// A non-finite number where a finite one is required.
    case nonFiniteValue(column: String, row: Int, value: Double)

    // MARK: Features, splits, masks
    /// A category at transform time that the encoder did not see at fit time.
    case unseenCategory(column: String, label: String, row: Int, known: [String])
    /// A parameter outside its allowed range (`allowed` says what is accepted).
    case invalidParameter(name: String, value: String, allowed: String)
    /// An operation that needs at least `needed` rows got fewer.
    case tooFewRows(what: String, found: Int, needed: Int)
    /// A binary label other than 0 or 1.
    case invalidBinaryLabel(column: String, row: Int, value: Double)

    // MARK: Files and the data directory
    /// A file that cannot be read.
    case fileNotReadable(path: String, reason: String)
    /// A file that cannot be written.
    case fileNotWritable(path: String, reason: String)
    /// No data directory given and `FAIR_DATA_DIR` is not set.
    case dataDirectoryNotConfigured(needed: String)
    /// The configured data directory does not exist.
    case dataDirectoryMissing(path: String)
    /// A dataset file that is not in the data directory.
    case datasetFileMissing(path: String, source: String, sha256: String?)
    /// A dataset file whose SHA-256 differs from the recorded one.
    case checksumMismatch(path: String, expected: String, actual: String)
    /// A dataset name the catalog does not know.
    case unknownDataset(name: String, known: [String])
    /// A saved file of a format version this build cannot read.
    case unsupportedVersion(path: String, found: Int, supported: Int)
    /// A saved file that cannot be decoded.
    case corruptFile(path: String, reason: String)

    public var description: String {
        switch self {
        case let .emptyFile(path):
            return "\(path): the file is empty: expected a header line. Check the path, or pass column names and read it without a header."
        case let .unterminatedQuote(location):
            return "\(location): this quoted field is never closed: expected a closing \" before the end of the file. Close the quote, or double any \" inside the field (\"\")."
        case let .recordTooLong(location, limit):
            return "\(location): this record is longer than \(limit / (1 << 20)) MiB, the most a "
                + "streamed file allows in one record: is a quote never closed? Close the quote, or "
                + "double any \" inside a quoted field (\"\")."
        case let .unexpectedAfterQuote(location, found, delimiter):
            let what = found.isEmpty ? "another character (not shown: its column is not read)" : Self.show(found)
            return "\(location): expected the delimiter \(Self.show(delimiter)) or the end of the line after a closing quote, found \(what). A \" inside a quoted field must be doubled (\"\")."
        case let .raggedRow(location, expected, found):
            return "\(location): expected \(expected) field\(expected == 1 ? "" : "s") (one per column), found \(found). Check for a missing or extra delimiter on this line, or quote fields that contain the delimiter."
        case let .invalidUTF8(location, bytes):
            return "\(location): invalid UTF-8 (bytes \(bytes)). Convert the file to UTF-8 (e.g. iconv -f LATIN1 -t UTF-8), or read it with invalid UTF-8 replaced (CSVReadOptions.invalidUTF8 = .replace)."
        case let .notANumber(location, column, found):
            return "\(location): column \"\(column)\" is numeric: expected a decimal number or a missing marker, found \(Self.show(found)). Fix the value, add it to the missing markers, or read the column as categorical."
        case let .numberOutOfRange(location, column, found):
            return "\(location): column \"\(column)\": \(Self.show(found)) is beyond the range of a Double (about ±1.8e308). Fix the value, mark it missing, or read the column as categorical."
        case let .duplicateColumnName(name):
            return "column name \"\(name)\" is given twice. Column names must be distinct: rename one."
        case let .columnNameCountMismatch(path, names, fields):
            return "\(path): \(names) column name\(names == 1 ? " is" : "s are") given but the first record has \(fields) field\(fields == 1 ? "" : "s"). Give one name per field."
        case let .unknownColumn(name, available):
            return "no column named \"\(name)\" (columns: \(Self.list(available, limit: 30))). Check the spelling."
        case let .wrongColumnType(name, expected, actual):
            return "column \"\(name)\" is \(actual.rawValue), but \(expected.rawValue) is needed here. Convert it first, or read it with a type override."
        case let .columnLengthMismatch(name, expected, actual):
            return "column \"\(name)\" has \(actual) value\(actual == 1 ? "" : "s"), but the table has \(expected) rows. Give one value per row."
        case let .rowOutOfRange(row, rowCount):
            return "row \(row) is outside the table (rows 0..<\(rowCount)). Use 0-based row indices below the row count."
        case let .invalidCategoryCode(row, code, categoryCount):
            return "category code \(code) at row \(row) is outside -1..<\(categoryCount). Each code must index the category list (-1 = missing)."
        case let .duplicateCategory(name):
            return "category \"\(name)\" is given twice. Category names must be distinct: merge or rename them."
        case let .missingValue(column, row):
            return "column \"\(column)\" has a missing value at data row \(row + 1). Drop rows with missing values first (Table.droppingRowsWithMissing) or impute them."
        case let .nonFiniteValue(column, row, value):
            return "column \"\(column)\" has a non-finite value (\(value)) at data row \(row + 1). Remove or fix that row first."
        case let .unseenCategory(column, label, row, known):
            return "column \"\(column)\": category \"\(label)\" at data row \(row + 1) was not in the rows the encoder was fitted on (known: \(Self.list(known, limit: 20))). Fit on rows that include it, drop those rows, or encode unseen categories as all zeros (UnseenCategoryPolicy.ignore)."
        case let .invalidParameter(name, value, allowed):
            return "\(name) = \(value) is not allowed: \(allowed)."
        case let .tooFewRows(what, found, needed):
            return "\(what) has \(found) row\(found == 1 ? "" : "s"), needs at least \(needed). Use more data or smaller fractions."
        case let .invalidBinaryLabel(column, row, value):
            return "column \"\(column)\" is a binary task, but data row \(row + 1) holds \(value). Binary labels must be 0 or 1 (or missing)."
        case let .fileNotReadable(path, reason):
            return "cannot read \(path): \(reason). Check the path and its permissions."
        case let .fileNotWritable(path, reason):
            return "cannot write \(path): \(reason). Check that the folder exists and is writable."
        case let .dataDirectoryNotConfigured(needed):
            return "no data directory is configured, but \(needed) is needed. Set FAIR_DATA_DIR to the folder holding the datasets (e.g. export FAIR_DATA_DIR=../shared/datasets) or pass --data-dir DIR."
        case let .dataDirectoryMissing(path):
            return "the data directory \(path) does not exist. Point FAIR_DATA_DIR (or --data-dir) at the folder holding the dataset folders (compas/, uci-adult/, ...)."
        case let .datasetFileMissing(path, source, sha256):
            let hash = sha256.map { " (sha256 \($0))" } ?? ""
            return "\(path) not found. This file\(hash) comes from \(source). Put it there, or point FAIR_DATA_DIR (or --data-dir) at the folder that holds it."
        case let .checksumMismatch(path, expected, actual):
            return "\(path) has sha256 \(actual), but \(expected) is expected. The file is not the recorded one (corrupted, re-encoded or a different version): replace it with the original file."
        case let .unknownDataset(name, known):
            return "unknown dataset \"\(name)\" (known: \(Self.list(known, limit: 20))). Use one of those names, or load a CSV file by path."
        case let .unsupportedVersion(path, found, supported):
            return "\(path) has format version \(found), but this build reads version \(supported). Re-create the file with this version of FairMTL."
        case let .corruptFile(path, reason):
            return "\(path) is not a valid FairMTL file: \(reason). Re-create it with FairMTL (it may be truncated, edited or of another kind)."
        }
    }

    /// Quotes `text` for a message, shortened to 40 characters and with control characters shown.
    static func show(_ text: String) -> String {
        var shown = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == 40 {
                shown += "…"
                break
            }
            switch scalar {
            case "\n": shown += "\\n"
            case "\r": shown += "\\r"
            case "\t": shown += "\\t"
            case "\"": shown += "\\\""
            default: shown.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return "\"" + shown + "\""
    }

    static func list(_ names: [String], limit: Int) -> String {
        if names.isEmpty { return "none" }
        let shown = names.prefix(limit).map { "\"\($0)\"" }.joined(separator: ", ")
        return names.count > limit ? shown + ", … (\(names.count) in all)" : shown
    }
}
