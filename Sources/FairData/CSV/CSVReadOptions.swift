/// How `CSVReader` reads a file. The defaults read RFC 4180 CSV with a header line, as pandas'
/// `read_csv` does, plus whitespace trimming.
///
/// Conventions:
/// - **Quoting** (RFC 4180): a field may be enclosed in `"`; inside it, the delimiter, CR, LF
///   and doubled quotes `""` (one `"`) are content. A `"` inside an *unquoted* field is kept
///   as a literal character (as Python's csv module does).
/// - **Line ends**: LF, CRLF and a lone CR all end a record. A UTF-8 byte-order mark at the
///   start is skipped.
/// - **Missing values**: an *unquoted* field equal (after trimming) to one of `missingMarkers`
///   is missing. A quoted field is never missing, so `""` is an empty label and `"NA"` the text
///   NA; `CSVWriter` relies on this to round-trip such labels.
/// - **Types**: without an override, a column is numeric when every non-missing field is a
///   decimal number or a non-finite word (quoted or not, as in pandas), and categorical
///   otherwise. A column with no non-missing value is numeric (all NaN).
/// - **Non-finite words**: in a numeric column, `nan`, `inf` or `infinity` in any case and
///   with an optional sign (what Python, NumPy, R and Java write) is NaN or ±∞, so one
///   such cell never turns a numeric column into a categorical one. Readers of the table decide
///   what an infinite value means (the REPL's `load` treats it as missing, with a warning).
public struct CSVReadOptions: Sendable {
    /// Which columns to keep.
    public enum ColumnSelection: Sendable, Equatable {
        /// Every column, in file order.
        case all
        /// Only these columns, in this order (names after duplicate renaming).
        case only([String])
        /// Every column except these (e.g. personal data): their fields are scanned and checked
        /// for well-formedness but never stored or quoted in messages.
        case excluding([String])
    }

    /// What to do with bytes that are not valid UTF-8.
    public enum InvalidUTF8Policy: Sendable, Equatable {
        /// Throw `FairDataError.invalidUTF8` naming file:line:column and the bytes (default).
        case error
        /// Replace each invalid sequence in a label by U+FFFD (in numeric columns such a field
        /// is simply not a number).
        case replace
    }

    /// The field separator: one ASCII character other than `"`, CR and LF (default `,`).
    public var delimiter: Character = ","
    /// Whether the first record (after `skipLeadingLines` and blank lines) holds column names.
    public var hasHeader = true
    /// Column names: for a file without header (required count = fields per record), or to
    /// replace the header's names. `nil` keeps the header's names, or names a header-less file's
    /// columns `column1`, `column2`, ...
    public var columnNames: [String]?
    /// Unquoted field texts that mean "missing" (compared after trimming).
    public var missingMarkers: [String] = ["", "NA", "NaN", "?"]
    /// Trim spaces and tabs around unquoted fields and around quotes (UCI files put a space after
    /// each comma). A space or tab is not trimmed when it is the delimiter.
    public var trimsWhitespace = true
    /// Skip lines that are completely empty (e.g. the blank last line of UCI Adult).
    public var skipsBlankLines = true
    /// Number of physical lines to skip before anything else (e.g. 1 for `adult.test`, whose
    /// first line is `|1x3 Cross validator`).
    public var skipLeadingLines = 0
    /// Type overrides by column name; other columns are inferred.
    public var columnTypes: [String: ColumnType] = [:]
    /// Which columns to keep.
    public var selection: ColumnSelection = .all
    /// What to do with invalid UTF-8.
    public var invalidUTF8: InvalidUTF8Policy = .error

    public init() {}

    /// The defaults with some fields changed, e.g. `CSVReadOptions(delimiter: ";")`.
    public init(
        delimiter: Character = ",",
        hasHeader: Bool = true,
        columnNames: [String]? = nil,
        missingMarkers: [String] = ["", "NA", "NaN", "?"],
        trimsWhitespace: Bool = true,
        skipsBlankLines: Bool = true,
        skipLeadingLines: Int = 0,
        columnTypes: [String: ColumnType] = [:],
        selection: ColumnSelection = .all,
        invalidUTF8: InvalidUTF8Policy = .error
    ) {
        self.delimiter = delimiter
        self.hasHeader = hasHeader
        self.columnNames = columnNames
        self.missingMarkers = missingMarkers
        self.trimsWhitespace = trimsWhitespace
        self.skipsBlankLines = skipsBlankLines
        self.skipLeadingLines = skipLeadingLines
        self.columnTypes = columnTypes
        self.selection = selection
        self.invalidUTF8 = invalidUTF8
    }
}
