/// Writes `Table`s as CSV that `CSVReader` reads back to an equal table.
///
/// Format: a header line, then one record per row, fields separated by the delimiter, lines
/// ended by LF (or CRLF). Numbers are written exactly (`NumberFormatting.exact`: shortest
/// round-trip form, integral values without `.0`); a missing value is an empty unquoted field.
/// A label is quoted (with `"` doubled) when it contains the delimiter, a quote, CR or LF, has
/// leading or trailing spaces or tabs, is empty, or equals one of the reader's missing markers,
/// so it can never be read back as missing or changed by trimming.
///
/// Round trip: `CSVReader.read(bytes: CSVWriter.bytes(t), options: CSVReadOptions(columnTypes: t.schema))`
/// equals `t` for every table whose column names are non-empty (the reader names an empty
/// header `Unnamed: i`). The type override matters only for a categorical column whose labels
/// all look like numbers, which the reader would otherwise infer as numeric. In a one-column
/// table a missing value would be a blank line, which the reader skips, so there it is written
/// as the first non-empty missing marker (`NA` by default).
public enum CSVWriter {
    /// Writing options.
    public struct Options: Sendable {
        /// Field separator: one ASCII character other than `"`, CR, LF (default `,`).
        public var delimiter: Character = ","
        /// Use CRLF line ends (RFC 4180) instead of LF.
        public var usesCRLF = false
        /// Labels equal to one of these are quoted (use the reader's missing markers).
        public var missingMarkers: [String] = CSVReadOptions().missingMarkers

        public init(delimiter: Character = ",", usesCRLF: Bool = false, missingMarkers: [String] = CSVReadOptions().missingMarkers) {
            self.delimiter = delimiter
            self.usesCRLF = usesCRLF
            self.missingMarkers = missingMarkers
        }
    }

    /// Writes `table` to `path` atomically (temporary file in the same folder, then rename).
    /// - Throws: `FairDataError.nonFiniteValue` for an infinite number, `invalidParameter` for a
    ///   bad delimiter, `fileNotWritable`.
    public static func write(_ table: Table, toPath path: String, options: Options = Options()) throws {
        try FileIO.writeAtomically(bytes(table, options: options), toPath: path)
    }

    /// The CSV text of `table` as UTF-8 bytes.
    public static func bytes(_ table: Table, options: Options = Options()) throws -> [UInt8] {
        let delimiter = try CSVDelimiter.byte(of: options.delimiter)
        let markers = Set(options.missingMarkers)
        var out: [UInt8] = []
        out.reserveCapacity(16 * max(1, table.rowCount) * max(1, table.columnCount))
        let lineEnd: [UInt8] = options.usesCRLF ? [13, 10] : [10]
        var missingField: [UInt8] = []
        if table.columnCount == 1 {
            guard let marker = options.missingMarkers.first(where: { !$0.isEmpty }) else {
                throw FairDataError.invalidParameter(
                    name: "missingMarkers", value: "\(options.missingMarkers)",
                    allowed: "a one-column table needs a non-empty missing marker (such as \"NA\"), since a blank line is skipped when read")
            }
            missingField = Array(marker.utf8)
        }

        func appendLabel(_ label: String) {
            let utf8 = Array(label.utf8)
            var needsQuotes = utf8.isEmpty || markers.contains(label)
            if let first = utf8.first, let last = utf8.last, first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 {
                needsQuotes = true
            }
            if !needsQuotes {
                for byte in utf8 where byte == delimiter || byte == UInt8(ascii: "\"") || byte == 10 || byte == 13 {
                    needsQuotes = true
                    break
                }
            }
            if !needsQuotes {
                out.append(contentsOf: utf8)
                return
            }
            out.append(UInt8(ascii: "\""))
            for byte in utf8 {
                out.append(byte)
                if byte == UInt8(ascii: "\"") { out.append(byte) }
            }
            out.append(UInt8(ascii: "\""))
        }

        for (i, name) in table.columnNames.enumerated() {
            if i > 0 { out.append(delimiter) }
            appendLabel(name)
        }
        out.append(contentsOf: lineEnd)
        for row in 0..<table.rowCount {
            for (i, column) in table.columns.enumerated() {
                if i > 0 { out.append(delimiter) }
                switch column {
                case let .numeric(values):
                    let value = values[row]
                    if value.isNaN {
                        out.append(contentsOf: missingField)
                        continue
                    }
                    if value.isInfinite {
                        throw FairDataError.nonFiniteValue(column: table.columnNames[i], row: row, value: value)
                    }
                    out.append(contentsOf: NumberFormatting.exact(value).utf8)
                case let .categorical(categorical):
                    if let label = categorical.label(ofRow: row) { appendLabel(label) } else { out.append(contentsOf: missingField) }
                }
            }
            out.append(contentsOf: lineEnd)
        }
        return out
    }
}
