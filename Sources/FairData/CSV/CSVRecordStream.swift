#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a CSV file record by record in constant memory, for files larger than memory: the
/// bytes pass through one buffer (`bufferBytes`, grown only for a record longer than it, up to
/// `maximumRecordBytes`), and each record is handed over with its raw bytes and its fields.
///
/// Same syntax and errors as `CSVReader` (quoting, line ends, BOM, trimming, UTF-8 checks; errors
/// name `file:line:column`), without type inference: a record's fields are read on request, as
/// numbers or text. Blank lines are skipped; the first record is the header.
public struct CSVRecordStream {
    /// One record, valid only inside the closure it is passed to.
    public struct Record {
        /// The record's bytes as in the file, without its line end.
        public let raw: UnsafeBufferPointer<UInt8>
        /// The 1-based line on which the record starts.
        public let line: Int
        let fields: [CSVParser.Field]
        let parser: CSVParser

        /// The field at `index` as a number (`nan` for a missing marker or a `nan` word).
        /// - Throws: `FairDataError.notANumber` / `.numberOutOfRange` at file:line:column.
        public func number(at index: Int, column: String) throws -> Double {
            let field = fields[index]
            if !field.escaped {
                let start = parser.base + field.start
                switch DecimalParser.parse(start, count: field.end - field.start) {
                case let .number(value): return value
                case .outOfRange:
                    var copy = parser
                    throw FairDataError.numberOutOfRange(
                        parser.location(of: field), column: column, found: copy.text(of: field))
                case .notANumber:
                    if let value = CSVParser.nonFiniteWord(start, count: field.end - field.start) {
                        return value
                    }
                }
            }
            if parser.isMissing(field) { return .nan }
            var copy = parser
            throw FairDataError.notANumber(
                parser.location(of: field), column: column, found: copy.text(of: field))
        }

        /// The field at `index` as text, or nil for a missing marker.
        public func text(at index: Int) -> String? {
            let field = fields[index]
            if parser.isMissing(field) { return nil }
            var copy = parser
            return copy.text(of: field)
        }
    }

    public let path: String
    let options: CSVReadOptions
    let bufferBytes: Int
    /// A record longer than this is an error (most likely an unclosed quote).
    let maximumRecordBytes: Int

    /// Opens nothing yet; `forEachRecord` reads the file.
    public init(
        path: String, options: CSVReadOptions = CSVReadOptions(), bufferBytes: Int = 1 << 22,
        maximumRecordBytes: Int = 1 << 26
    ) {
        self.path = path
        self.options = options
        self.bufferBytes = max(16, bufferBytes)
        self.maximumRecordBytes = max(self.bufferBytes, maximumRecordBytes)
    }

    /// Reads the header and calls `header` with the column names (made unique as `CSVReader`
    /// does) and the header's raw bytes (without its line end), then calls `body` with each
    /// record in file order.
    /// - Throws: `FairDataError` for an unreadable or empty file, a syntax error or a ragged
    ///   record (file:line:column); whatever `header` or `body` throws.
    public func forEachRecord(
        header: ([String], UnsafeBufferPointer<UInt8>) throws -> Void,
        _ body: (Record) throws -> Void
    ) throws {
        let delimiter = try CSVDelimiter.byte(of: options.delimiter)
        let descriptor = open(path, O_RDONLY)
        if descriptor < 0 {
            throw FairDataError.fileNotReadable(
                path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var special = [UInt8](repeating: 0, count: 256)
        special[Int(delimiter)] = 1
        special[10] = 1
        special[13] = 1
        let validates = options.invalidUTF8 == .error
        if validates { for i in 0x80..<256 { special[i] = 1 } }
        let markers = options.missingMarkers.map { Array($0.utf8) }
        var buffer = [UInt8](repeating: 0, count: bufferBytes)
        var filled = 0
        var atEnd = false
        var line = 1
        var isFirst = true
        var fields: [CSVParser.Field] = []
        var columnNames: [String] = []

        /// Moves the bytes from `start` to the front and reads more (growing the buffer when a
        /// record fills it).
        func refill(keepingFrom start: Int) throws {
            if start > 0 {
                buffer.withUnsafeMutableBufferPointer { b in
                    _ = memmove(b.baseAddress!, b.baseAddress! + start, filled - start)
                }
                filled -= start
            }
            if filled == buffer.count {
                if buffer.count >= maximumRecordBytes {
                    throw FairDataError.recordTooLong(
                        SourceLocation(file: path, line: line, column: 1),
                        limit: maximumRecordBytes)
                }
                buffer.append(contentsOf: repeatElement(0, count: buffer.count))
            }
            while filled < buffer.count {
                let got = buffer.withUnsafeMutableBytes {
                    read(descriptor, $0.baseAddress! + filled, $0.count - filled)
                }
                if got < 0 {
                    if errno == EINTR { continue }
                    throw FairDataError.fileNotReadable(
                        path: path, reason: String(cString: strerror(errno)))
                }
                if got == 0 {
                    atEnd = true
                    break
                }
                filled += got
            }
        }

        try refill(keepingFrom: 0)
        var start = 0
        // Skip a byte-order mark.
        if filled >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { start = 3 }
        while true {
            // Parse records from `start` in the buffer until one reaches its end unfinished.
            typealias Outcome = (next: Int, line: Int, done: Bool)
            let outcome: Outcome = try buffer.withUnsafeBufferPointer { b in
                try special.withUnsafeBufferPointer { special in
                    var parser = CSVParser(
                        base: b.baseAddress!, end: filled, source: path, delimiter: delimiter,
                        trims: options.trimsWhitespace, validates: validates,
                        special: special.baseAddress!)
                    parser.markers = markers
                    parser.pos = start
                    parser.line = line
                    parser.lineStart = start
                    while true {
                        if options.skipsBlankLines { parser.skipBlankLines() }
                        if parser.pos >= filled {
                            return (parser.pos, parser.line, atEnd)
                        }
                        let recordStart = parser.pos
                        let recordLine = parser.line
                        let recordLineStart = parser.lineStart
                        fields.removeAll(keepingCapacity: true)
                        var last: CSVParser.Field
                        do {
                            repeat {
                                last = try parser.nextField()
                                fields.append(last)
                            } while last.terminator == .delimiter
                        } catch let error as FairDataError {
                            // A quote or a UTF-8 sequence cut by the buffer's end: read more.
                            if atEnd { throw error }
                            switch error {
                            case .unterminatedQuote, .invalidUTF8:
                                return (recordStart, recordLine, false)
                            default:
                                if recordStart == 0 { throw error }
                                return (recordStart, recordLine, false)
                            }
                        }
                        // A record cut at the buffer's end, or a CR whose LF may follow.
                        let cut = last.terminator == .endOfFile
                            || (parser.pos == filled && b[filled - 1] == 13)
                        if cut, !atEnd {
                            parser.line = recordLine
                            parser.lineStart = recordLineStart
                            return (recordStart, recordLine, false)
                        }
                        var recordEnd = parser.pos
                        if last.terminator == .endOfRecord {
                            if recordEnd > recordStart, b[recordEnd - 1] == 10 { recordEnd -= 1 }
                            if recordEnd > recordStart, b[recordEnd - 1] == 13 { recordEnd -= 1 }
                        }
                        let raw = UnsafeBufferPointer(rebasing: b[recordStart..<recordEnd])
                        if isFirst {
                            isFirst = false
                            var texts: [String] = []
                            for field in fields { texts.append(parser.text(of: field)) }
                            columnNames = CSVReader.uniqueHeaderNames(texts)
                            try header(columnNames, raw)
                            continue
                        }
                        if fields.count != columnNames.count {
                            let shown =
                                fields.count > columnNames.count ? fields[columnNames.count] : last
                            throw FairDataError.raggedRow(
                                parser.location(of: shown), expected: columnNames.count,
                                found: fields.count)
                        }
                        try body(Record(raw: raw, line: recordLine, fields: fields, parser: parser))
                    }
                }
            }
            if outcome.done { break }
            line = outcome.line
            try refill(keepingFrom: outcome.next)
            start = 0
            if atEnd, filled == 0 { break }
        }
        if isFirst { throw FairDataError.emptyFile(path: path) }
    }
}
