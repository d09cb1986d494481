/// The start of a file: byte-order mark, skipped lines, column names, and which columns are kept.
extension CSVParser {
    /// Skips a UTF-8 byte-order mark, `skipLeadingLines` physical lines and blank lines.
    mutating func skipPreamble(options: CSVReadOptions) {
        if end >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF {
            pos = 3
            lineStart = 3
        }
        for _ in 0..<options.skipLeadingLines { skipPhysicalLine() }
        if options.skipsBlankLines { skipBlankLines() }
    }

    /// The file's column names: the header's (made unique), the given ones, or `column1`, ...
    /// for a file without header. Checks that names are distinct and that every type override
    /// names a column.
    mutating func readColumnNames(options: CSVReadOptions) throws -> [String] {
        let names: [String]
        if options.hasHeader {
            if pos >= end { throw FairDataError.emptyFile(path: source) }
            let header = try readRecordAsText()
            if let given = options.columnNames {
                if given.count != header.count {
                    throw FairDataError.columnNameCountMismatch(
                        path: source, names: given.count, fields: header.count)
                }
                names = given
            } else {
                names = CSVReader.uniqueHeaderNames(header)
            }
        } else if let given = options.columnNames {
            names = given
        } else {
            if pos >= end { throw FairDataError.emptyFile(path: source) }
            names = (1...(try countFieldsOfNextRecord())).map { "column\($0)" }
        }
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted {
            throw FairDataError.duplicateColumnName(name)
        }
        for name in options.columnTypes.keys.sorted() where !seen.contains(name) {
            throw FairDataError.unknownColumn(name: name, available: names)
        }
        return names
    }

    /// The number of fields of the record at `pos`, which is not consumed.
    mutating func countFieldsOfNextRecord() throws -> Int {
        let saved = (pos, line, lineStart)
        var fields = 0
        while true {
            let field = try nextField()
            fields += 1
            if field.terminator != .delimiter { break }
        }
        (pos, line, lineStart) = saved
        return fields
    }

    /// The names of the kept columns, in output order, from `options.selection`.
    func keptColumnNames(_ names: [String], options: CSVReadOptions) throws -> [String] {
        let known = Set(names)
        switch options.selection {
        case .all:
            return names
        case let .only(selected):
            var picked = Set<String>()
            for name in selected {
                if !known.contains(name) {
                    throw FairDataError.unknownColumn(name: name, available: names)
                }
                if !picked.insert(name).inserted { throw FairDataError.duplicateColumnName(name) }
            }
            return selected
        case let .excluding(excluded):
            for name in excluded where !known.contains(name) {
                throw FairDataError.unknownColumn(name: name, available: names)
            }
            let dropped = Set(excluded)
            return names.filter { !dropped.contains($0) }
        }
    }
}
