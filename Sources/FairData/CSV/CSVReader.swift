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
    /// - Throws: `FairDataError` (`fileNotReadable`, `emptyFile`, syntax errors with file:line:column).
    public static func read(contentsOf path: String, options: CSVReadOptions = CSVReadOptions()) throws -> Table {
        let bytes = try FileIO.readBytes(atPath: path)
        return try read(bytes: bytes, source: path, options: options)
    }

    /// Reads CSV text held in memory; `source` names it in error messages.
    public static func read(string: String, source: String = "<string>", options: CSVReadOptions = CSVReadOptions()) throws -> Table {
        try read(bytes: Array(string.utf8), source: source, options: options)
    }

    /// Reads CSV bytes held in memory; `source` names them in error messages.
    public static func read(bytes: [UInt8], source: String = "<bytes>", options: CSVReadOptions = CSVReadOptions()) throws -> Table {
        guard let delimiter = options.delimiter.asciiValue,
              delimiter != UInt8(ascii: "\""), delimiter != 10, delimiter != 13
        else {
            throw FairDataError.invalidParameter(
                name: "delimiter", value: FairDataError.show(String(options.delimiter)),
                allowed: "one ASCII character other than a quote, CR or LF (e.g. \",\", \";\", \"\\t\")")
        }
        if options.skipLeadingLines < 0 {
            throw FairDataError.invalidParameter(name: "skipLeadingLines", value: "\(options.skipLeadingLines)", allowed: "0 or more")
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

    /// Header names made unique and non-empty as pandas' C parser does (pandas 3.1,
    /// `parsers.pyx`): an empty name becomes `Unnamed: i` (i = 0-based position); named columns
    /// are processed first, then unnamed ones; the k-th repeat of `x` becomes `x.k`, skipping
    /// suffixes already present in the header (so `a,a,a.1` gives `a, a.2, a.1`).
    public static func uniqueHeaderNames(_ raw: [String]) -> [String] {
        var header = raw.enumerated().map { $0.element.isEmpty ? "Unnamed: \($0.offset)" : $0.element }
        let unnamed = raw.indices.filter { raw[$0].isEmpty }
        let order = raw.indices.filter { !raw[$0].isEmpty } + unnamed
        var counts: [String: Int] = [:]
        for i in order {
            var name = header[i]
            let original = name
            var current = counts[name, default: 0]
            while current > 0 {
                counts[original] = current + 1
                name = "\(original).\(current)"
                if header.contains(name) {
                    current += 1
                } else {
                    current = counts[name, default: 0]
                }
            }
            header[i] = name
            counts[name] = current + 1
        }
        return header
    }
}

/// Accumulates one kept column while parsing.
struct CSVColumnBuilder {
    let name: String
    let declared: ColumnType?
    var isText: Bool
    var values: [Double] = []
    var codes: [Int32] = []
    let interner = ByteInterner()
    /// The row at which the column became categorical (earlier rows are re-read at the end).
    var switchRow = 0

    init(name: String, declared: ColumnType?) {
        self.name = name
        self.declared = declared
        isText = declared == .categorical
    }
}

/// The single-pass byte parser behind `CSVReader`.
struct CSVParser {
    enum Terminator { case delimiter, endOfRecord, endOfFile }

    /// One field: content bytes `start..<end` (trimmed; inside the quotes when quoted).
    struct Field {
        var start: Int
        var end: Int
        var quoted: Bool
        var escaped: Bool
        /// Where the field begins (its opening quote when quoted), for messages.
        var origin: Int
        var originLine: Int
        var originLineStart: Int
        var terminator: Terminator
    }

    let base: UnsafePointer<UInt8>
    let end: Int
    let source: String
    let delimiter: UInt8
    let trims: Bool
    let trimsSpace: Bool
    let trimsTab: Bool
    let validates: Bool
    let special: UnsafePointer<UInt8>
    var pos = 0
    var line = 1
    var lineStart = 0
    var markers: [[UInt8]] = []
    var scratch: [UInt8] = []
    /// The kept columns, in output order.
    var builders: [CSVColumnBuilder] = []
    /// Set while scanning a field of a column that is not read: its text is never quoted in errors.
    var hidesFieldText = false

    init(base: UnsafePointer<UInt8>, end: Int, source: String, delimiter: UInt8, trims: Bool, validates: Bool, special: UnsafePointer<UInt8>) {
        self.base = base
        self.end = end
        self.source = source
        self.delimiter = delimiter
        self.trims = trims
        self.trimsSpace = delimiter != 0x20
        self.trimsTab = delimiter != 9
        self.validates = validates
        self.special = special
    }

    // MARK: Table

    mutating func parseTable(options: CSVReadOptions) throws -> Table {
        markers = options.missingMarkers.map { Array($0.utf8) }
        if end >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF {
            pos = 3
            lineStart = 3
        }
        for _ in 0..<options.skipLeadingLines { skipPhysicalLine() }
        if options.skipsBlankLines { skipBlankLines() }

        // Column names.
        var names: [String]
        if options.hasHeader {
            if pos >= end { throw FairDataError.emptyFile(path: source) }
            let header = try readRecordAsText()
            if let given = options.columnNames {
                if given.count != header.count {
                    throw FairDataError.columnNameCountMismatch(path: source, names: given.count, fields: header.count)
                }
                names = given
            } else {
                names = CSVReader.uniqueHeaderNames(header)
            }
        } else if let given = options.columnNames {
            names = given
        } else {
            if pos >= end { throw FairDataError.emptyFile(path: source) }
            let saved = (pos, line, lineStart)
            var fields = 0
            while true {
                let field = try nextField()
                fields += 1
                if field.terminator != .delimiter { break }
            }
            (pos, line, lineStart) = saved
            names = (1...fields).map { "column\($0)" }
        }
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted { throw FairDataError.duplicateColumnName(name) }
        for name in options.columnTypes.keys.sorted() where !seen.contains(name) {
            throw FairDataError.unknownColumn(name: name, available: names)
        }

        // Which file columns are kept, and in which output position.
        let keptNames: [String]
        switch options.selection {
        case .all:
            keptNames = names
        case let .only(selected):
            var picked = Set<String>()
            for name in selected {
                if !seen.contains(name) { throw FairDataError.unknownColumn(name: name, available: names) }
                if !picked.insert(name).inserted { throw FairDataError.duplicateColumnName(name) }
            }
            keptNames = selected
        case let .excluding(excluded):
            for name in excluded where !seen.contains(name) { throw FairDataError.unknownColumn(name: name, available: names) }
            let dropped = Set(excluded)
            keptNames = names.filter { !dropped.contains($0) }
        }
        var slotByName: [String: Int] = [:]
        for (slot, name) in keptNames.enumerated() { slotByName[name] = slot }
        builders = keptNames.map { CSVColumnBuilder(name: $0, declared: options.columnTypes[$0]) }
        // Output slot of each file column, or -1 when the column is not kept.
        let slotOfFileColumn: [Int] = names.map { slotByName[$0] ?? -1 }
        let columnCount = names.count

        // Records.
        var rowStarts: [Int] = []
        var rowCount = 0
        while true {
            if options.skipsBlankLines { skipBlankLines() }
            if pos >= end { break }
            rowStarts.append(pos)
            var fieldIndex = 0
            var extraOrigin: (Int, Int, Int)? = nil
            var last: Field
            repeat {
                hidesFieldText = fieldIndex < columnCount && slotOfFileColumn[fieldIndex] < 0
                last = try nextField()
                if fieldIndex < columnCount {
                    let slot = slotOfFileColumn[fieldIndex]
                    if slot >= 0 { try store(last, slot: slot, row: rowCount) }
                } else if extraOrigin == nil {
                    extraOrigin = (last.origin, last.originLine, last.originLineStart)
                }
                fieldIndex += 1
            } while last.terminator == .delimiter
            if fieldIndex != columnCount {
                let location: SourceLocation
                if let (origin, originLine, originLineStart) = extraOrigin {
                    location = self.location(of: origin, line: originLine, lineStart: originLineStart)
                } else {
                    location = self.location(of: last.origin, line: last.originLine, lineStart: last.originLineStart)
                }
                throw FairDataError.raggedRow(location, expected: columnCount, found: fieldIndex)
            }
            rowCount += 1
        }

        // Rows read before a column turned categorical.
        let switched = names.indices.filter { i in
            let slot = slotOfFileColumn[i]
            return slot >= 0 && builders[slot].isText && builders[slot].switchRow > 0
        }
        if let lastColumn = switched.last {
            let maxRow = switched.map { builders[slotOfFileColumn[$0]].switchRow }.max()!
            for row in 0..<maxRow {
                pos = rowStarts[row]
                for fieldIndex in 0...lastColumn {
                    let field = try nextField()
                    let slot = slotOfFileColumn[fieldIndex]
                    if slot >= 0, builders[slot].isText, row < builders[slot].switchRow {
                        builders[slot].codes[row] = isMissing(field) ? CategoricalColumn.missingCode : intern(field, slot: slot)
                    }
                }
            }
        }

        let columns: [Column] = builders.map { builder in
            if builder.isText {
                return .categorical(Self.makeCategorical(builder.interner.strings(), builder.codes))
            }
            return .numeric(builder.values)
        }
        return Table(trustedNames: keptNames, columns: columns, rowCount: keptNames.isEmpty ? 0 : rowCount)
    }

    /// Builds a categorical column, merging categories that decode to the same `String`
    /// (possible only when invalid UTF-8 is replaced by U+FFFD).
    static func makeCategorical(_ strings: [String], _ codes: [Int32]) -> CategoricalColumn {
        if Set(strings).count == strings.count {
            return CategoricalColumn(sortingCategories: strings, codes: codes)
        }
        var lookup: [String: Int32] = [:]
        var distinct: [String] = []
        let remap: [Int32] = strings.map { text in
            if let code = lookup[text] { return code }
            let code = Int32(distinct.count)
            lookup[text] = code
            distinct.append(text)
            return code
        }
        return CategoricalColumn(sortingCategories: distinct, codes: codes.map { $0 < 0 ? $0 : remap[Int($0)] })
    }

    // MARK: Fields into columns

    @inline(__always)
    mutating func store(_ field: Field, slot: Int, row: Int) throws {
        if builders[slot].isText {
            let code = isMissing(field) ? CategoricalColumn.missingCode : intern(field, slot: slot)
            builders[slot].codes.append(code)
            return
        }
        let outcome: DecimalParser.Outcome = field.escaped
            ? .notANumber
            : DecimalParser.parse(base + field.start, count: field.end - field.start)
        switch outcome {
        case let .number(value):
            builders[slot].values.append(value)
        case .outOfRange:
            throw FairDataError.numberOutOfRange(
                location(of: field.origin, line: field.originLine, lineStart: field.originLineStart),
                column: builders[slot].name, found: text(of: field))
        case .notANumber:
            if isMissing(field) {
                builders[slot].values.append(.nan)
            } else if !field.escaped, let value = Self.nonFiniteWord(base + field.start, count: field.end - field.start) {
                builders[slot].values.append(value)
            } else if builders[slot].declared == .numeric {
                throw FairDataError.notANumber(
                    location(of: field.origin, line: field.originLine, lineStart: field.originLineStart),
                    column: builders[slot].name, found: text(of: field))
            } else {
                builders[slot].isText = true
                builders[slot].switchRow = row
                builders[slot].values = []
                var codes = [Int32](repeating: CategoricalColumn.missingCode, count: row)
                codes.append(intern(field, slot: slot))
                builders[slot].codes = codes
            }
        }
    }

    /// The non-finite number spelled by `count` bytes at `start`: `nan`, `inf` or `infinity`
    /// in any case, with an optional sign (what Python, NumPy, R and Java write), else nil.
    static func nonFiniteWord(_ start: UnsafePointer<UInt8>, count: Int) -> Double? {
        guard count >= 3, count <= 9 else { return nil }
        var i = 0
        var negative = false
        if start[0] == UInt8(ascii: "-") || start[0] == UInt8(ascii: "+") {
            negative = start[0] == UInt8(ascii: "-")
            i = 1
        }
        var word = ""
        while i < count {
            let byte = start[i] | 0x20
            guard byte >= UInt8(ascii: "a"), byte <= UInt8(ascii: "z") else { return nil }
            word.unicodeScalars.append(UnicodeScalar(byte))
            i += 1
        }
        switch word {
        case "nan": return .nan
        case "inf", "infinity": return negative ? -.infinity : .infinity
        default: return nil
        }
    }

    @inline(__always)
    func isMissing(_ field: Field) -> Bool {
        if field.quoted { return false }
        let length = field.end - field.start
        for marker in markers where marker.count == length {
            var equal = true
            for i in 0..<length where marker[i] != base[field.start + i] {
                equal = false
                break
            }
            if equal { return true }
        }
        return false
    }

    mutating func intern(_ field: Field, slot: Int) -> Int32 {
        let interner = builders[slot].interner
        if !field.escaped { return interner.index(of: base + field.start, count: field.end - field.start) }
        unescape(field)
        return scratch.withUnsafeBufferPointer { interner.index(of: $0.baseAddress!, count: $0.count) }
    }

    /// Copies a quoted field's content into `scratch`, turning each `""` into `"`.
    mutating func unescape(_ field: Field) {
        scratch.removeAll(keepingCapacity: true)
        var i = field.start
        while i < field.end {
            let byte = base[i]
            scratch.append(byte)
            i += byte == UInt8(ascii: "\"") ? 2 : 1
        }
    }

    /// The field's text (unescaped; invalid UTF-8 replaced).
    mutating func text(of field: Field) -> String {
        if field.escaped {
            unescape(field)
            return String(decoding: scratch, as: UTF8.self)
        }
        return String(decoding: UnsafeBufferPointer(start: base + field.start, count: field.end - field.start), as: UTF8.self)
    }

    mutating func readRecordAsText() throws -> [String] {
        var texts: [String] = []
        while true {
            let field = try nextField()
            texts.append(text(of: field))
            if field.terminator != .delimiter { return texts }
        }
    }

    // MARK: Scanning

    @inline(__always)
    func isBlank(_ byte: UInt8) -> Bool {
        (byte == 0x20 && trimsSpace) || (byte == 0x09 && trimsTab)
    }

    /// Skips to the start of the next physical line (not honouring quotes).
    mutating func skipPhysicalLine() {
        while pos < end {
            let byte = base[pos]
            pos += 1
            if byte == 10 { break }
            if byte == 13 {
                if pos < end, base[pos] == 10 { pos += 1 }
                break
            }
        }
        if pos <= end {
            line += 1
            lineStart = pos
        }
    }

    /// Skips lines that are completely empty.
    mutating func skipBlankLines() {
        while pos < end {
            let byte = base[pos]
            if byte == 10 {
                pos += 1
            } else if byte == 13 {
                pos += 1
                if pos < end, base[pos] == 10 { pos += 1 }
            } else {
                return
            }
            line += 1
            lineStart = pos
        }
    }

    /// Scans one field starting at `pos` and moves `pos` past its terminator.
    @inline(__always)
    mutating func nextField() throws -> Field {
        var p = pos
        if trims { while p < end, isBlank(base[p]) { p += 1 } }
        var field: Field
        if p < end, base[p] == UInt8(ascii: "\"") {
            let origin = p
            let originLine = line
            let originLineStart = lineStart
            p += 1
            let contentStart = p
            var escaped = false
            while true {
                while p < end {
                    let byte = base[p]
                    if byte == UInt8(ascii: "\"") { break }
                    if byte == 10 {
                        line += 1
                        lineStart = p + 1
                    } else if byte == 13 {
                        if !(p + 1 < end && base[p + 1] == 10) {
                            line += 1
                            lineStart = p + 1
                        }
                    } else if byte >= 0x80, validates {
                        p = try validateUTF8(at: p)
                        continue
                    }
                    p += 1
                }
                if p >= end {
                    throw FairDataError.unterminatedQuote(location(of: origin, line: originLine, lineStart: originLineStart))
                }
                if p + 1 < end, base[p + 1] == UInt8(ascii: "\"") {
                    escaped = true
                    p += 2
                    continue
                }
                break
            }
            let contentEnd = p
            p += 1
            if trims { while p < end, isBlank(base[p]) { p += 1 } }
            if p < end {
                let byte = base[p]
                if byte != delimiter, byte != 10, byte != 13 {
                    let found = String(decoding: UnsafeBufferPointer(start: base + p, count: min(4, end - p)), as: UTF8.self)
                    throw FairDataError.unexpectedAfterQuote(
                        location(of: p, line: line, lineStart: lineStart),
                        found: hidesFieldText ? "" : String(found.prefix(1)), delimiter: String(UnicodeScalar(delimiter)))
                }
            }
            field = Field(
                start: contentStart, end: contentEnd, quoted: true, escaped: escaped,
                origin: origin, originLine: originLine, originLineStart: originLineStart, terminator: .endOfFile)
        } else {
            let start = p
            while p < end {
                let byte = base[p]
                if special[Int(byte)] == 0 {
                    p += 1
                    continue
                }
                if byte >= 0x80 {
                    p = try validateUTF8(at: p)
                    continue
                }
                break
            }
            var contentEnd = p
            if trims { while contentEnd > start, isBlank(base[contentEnd - 1]) { contentEnd -= 1 } }
            field = Field(
                start: start, end: contentEnd, quoted: false, escaped: false,
                origin: start, originLine: line, originLineStart: lineStart, terminator: .endOfFile)
        }
        if p >= end {
            pos = p
            field.terminator = .endOfFile
        } else {
            let byte = base[p]
            p += 1
            if byte == delimiter {
                field.terminator = .delimiter
            } else {
                if byte == 13, p < end, base[p] == 10 { p += 1 }
                line += 1
                lineStart = p
                field.terminator = .endOfRecord
            }
            pos = p
        }
        return field
    }

    /// Checks the UTF-8 sequence starting at `p` (a byte >= 0x80) and returns the position after it.
    mutating func validateUTF8(at p: Int) throws -> Int {
        let lead = base[p]
        var length = 0
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: length = 0
        }
        // Examine the continuation bytes up to the first bad one (or the end of the input).
        var examined = 1
        var valid = length > 0
        if valid {
            for i in 1..<length {
                if p + i >= end {
                    valid = false
                    break
                }
                examined += 1
                let byte = base[p + i]
                let (lo, hi): (UInt8, UInt8) = i == 1 ? (low, high) : (0x80, 0xBF)
                if byte < lo || byte > hi {
                    valid = false
                    break
                }
            }
        }
        if valid { return p + length }
        // Only the offending sequence is shown, never the text around it.
        let shown = (p..<p + examined).map { i in
            let hex = String(base[i], radix: 16, uppercase: true)
            return "0x" + (hex.count == 1 ? "0" + hex : hex)
        }
        throw FairDataError.invalidUTF8(location(of: p, line: line, lineStart: lineStart), bytes: shown.joined(separator: " "))
    }

    /// The location of byte `offset` on the line starting at `lineStart`.
    func location(of offset: Int, line: Int, lineStart: Int) -> SourceLocation {
        var column = 1
        var i = lineStart
        while i < offset {
            if base[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return SourceLocation(file: source, line: line, column: column)
    }
}
