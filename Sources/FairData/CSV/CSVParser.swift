/// The single-pass byte parser behind `CSVReader`: reads the header, then every record,
/// storing each kept field into its `CSVColumnBuilder` (numbers parsed in place, labels
/// interned from their bytes). Its parts: `+Header` (names, kept columns), `+Records`,
/// `+Fields` (a field into a column), `+Scanning` (bytes into fields), `+UTF8` (validation,
/// locations for messages).
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
    /// The current position, the current line's number (1-based) and the offset of its start.
    var pos = 0
    var line = 1
    var lineStart = 0
    var markers: [[UInt8]] = []
    var scratch: [UInt8] = []
    /// The kept columns, in output order.
    var builders: [CSVColumnBuilder] = []
    /// Set while scanning a field of a column that is not read: its text is never quoted in errors.
    var hidesFieldText = false

    init(
        base: UnsafePointer<UInt8>, end: Int, source: String, delimiter: UInt8, trims: Bool,
        validates: Bool, special: UnsafePointer<UInt8>
    ) {
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

    /// The whole table: header, records, then the rows re-read for columns that turned
    /// categorical after some numeric rows.
    mutating func parseTable(options: CSVReadOptions) throws -> Table {
        markers = options.missingMarkers.map { Array($0.utf8) }
        skipPreamble(options: options)
        let names = try readColumnNames(options: options)
        let keptNames = try keptColumnNames(names, options: options)
        var slotByName: [String: Int] = [:]
        for (slot, name) in keptNames.enumerated() { slotByName[name] = slot }
        builders = keptNames.map { CSVColumnBuilder(name: $0, declared: options.columnTypes[$0]) }
        // Output slot of each file column, or -1 when the column is not kept.
        let slotOfFileColumn: [Int] = names.map { slotByName[$0] ?? -1 }
        let rowStarts = try readRecords(slotOfFileColumn: slotOfFileColumn, options: options)
        try rereadRowsBeforeSwitch(rowStarts: rowStarts, slotOfFileColumn: slotOfFileColumn)
        let rowCount = keptNames.isEmpty ? 0 : rowStarts.count
        let columns = builders.map { $0.column() }
        return Table(trustedNames: keptNames, columns: columns, rowCount: rowCount)
    }
}
