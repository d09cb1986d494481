/// Reads CSV files into `Table`s: RFC 4180 quoting, any ASCII delimiter, CRLF, a UTF-8 BOM,
/// missing markers, whitespace trimming, duplicate header names (renamed as pandas does), and
/// per-column type inference with overrides. See `CSVReadOptions` for the exact conventions.
///
/// The reader works on the file's bytes in one pass: numeric fields are parsed in place
/// (`DecimalParser`, correctly rounded), labels are interned from their bytes, and no `String`
/// is made per field. A column that turns out to be categorical after some numeric rows has
/// just those earlier rows re-read from their recorded offsets.
///
/// Header names: an empty name becomes `Unnamed: i` (i = 0-based position), and a repeated name
/// gets `.1`, `.2`, ... as pandas does (COMPAS' second `decile_score` is `decile_score.1`).
///
/// Errors (`FairDataError`) name `file:line:column` and what was expected: ragged rows,
/// unterminated quotes, text after a closing quote, invalid UTF-8, non-numbers in a numeric
/// column. Malformed input never crashes the reader.
public enum CSVReader {
    /// Reads the CSV file at `path`.
    /// - Throws: `FairDataError` (`fileNotReadable`, `emptyFile`, syntax errors with
    ///   file:line:column); `FairCoreError.insufficientMemory` when the load's estimated memory
    ///   (`CSVMemoryEstimate`) is more than the process can get, before anything is allocated.
    public static func read(
        contentsOf path: String, options: CSVReadOptions = CSVReadOptions()
    ) throws -> Table {
        try CSVMemoryEstimate.check(path: path, options: options)
        let bytes = try FileIO.readBytes(atPath: path)
        return try read(bytes: bytes, source: path, options: options)
    }

    /// Reads CSV text held in memory; `source` names it in error messages.
    public static func read(
        string: String, source: String = "<string>", options: CSVReadOptions = CSVReadOptions()
    ) throws -> Table {
        try read(bytes: Array(string.utf8), source: source, options: options)
    }

    /// Reads CSV bytes held in memory; `source` names them in error messages.
    public static func read(
        bytes: [UInt8], source: String = "<bytes>", options: CSVReadOptions = CSVReadOptions()
    ) throws -> Table {
        let delimiter = try CSVDelimiter.byte(
            of: options.delimiter,
            allowed: CSVDelimiter.rule + " (e.g. \",\", \";\", \"\\t\")")
        if options.skipLeadingLines < 0 {
            throw FairDataError.invalidParameter(
                name: "skipLeadingLines", value: "\(options.skipLeadingLines)",
                allowed: "0 or more")
        }
        return try bytes.withUnsafeBufferPointer { buffer in
            try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 256) { special in
                for i in 0..<256 { special[i] = 0 }
                special[Int(delimiter)] = 1
                special[10] = 1
                special[13] = 1
                let validates = options.invalidUTF8 == .error
                if validates { for i in 0x80..<256 { special[i] = 1 } }
                // An empty buffer has no base address; parse a one-byte dummy of length 0.
                var dummy: UInt8 = 0
                return try withUnsafePointer(to: &dummy) { dummyPointer in
                    var parser = CSVParser(
                        base: buffer.baseAddress ?? dummyPointer, end: buffer.count, source: source,
                        delimiter: delimiter, trims: options.trimsWhitespace, validates: validates,
                        special: UnsafePointer(special.baseAddress!))
                    return try parser.parseTable(options: options)
                }
            }
        }
    }
}
