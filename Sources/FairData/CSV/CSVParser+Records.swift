/// The records after the header, each field stored into its column.
extension CSVParser {
    /// Reads every record; returns the offset at which each one starts (for re-reading).
    mutating func readRecords(slotOfFileColumn: [Int], options: CSVReadOptions) throws -> [Int] {
        var rowStarts: [Int] = []
        while true {
            if options.skipsBlankLines { skipBlankLines() }
            if pos >= end { return rowStarts }
            rowStarts.append(pos)
            try readRecord(row: rowStarts.count - 1, slotOfFileColumn: slotOfFileColumn)
        }
    }

    /// Reads the record at `pos` (row number `row`, 0-based) and stores its kept fields.
    /// - Throws: `FairDataError.raggedRow` at the first extra field, or at the last field when
    ///   the record is short; any error of `nextField` or `store`.
    @inline(__always)
    mutating func readRecord(row: Int, slotOfFileColumn: [Int]) throws {
        let columnCount = slotOfFileColumn.count
        var fieldIndex = 0
        var extra: Field? = nil
        var last: Field
        repeat {
            hidesFieldText = fieldIndex < columnCount && slotOfFileColumn[fieldIndex] < 0
            last = try nextField()
            if fieldIndex < columnCount {
                let slot = slotOfFileColumn[fieldIndex]
                if slot >= 0 { try store(last, slot: slot, row: row) }
            } else if extra == nil {
                extra = last
            }
            fieldIndex += 1
        } while last.terminator == .delimiter
        if fieldIndex != columnCount {
            throw FairDataError.raggedRow(
                location(of: extra ?? last), expected: columnCount, found: fieldIndex)
        }
    }

    /// Interns, in the columns that turned categorical after some numeric rows, the fields of
    /// those earlier rows (their codes were left missing).
    mutating func rereadRowsBeforeSwitch(rowStarts: [Int], slotOfFileColumn: [Int]) throws {
        let switched = slotOfFileColumn.indices.filter { i in
            let slot = slotOfFileColumn[i]
            return slot >= 0 && builders[slot].isText && builders[slot].switchRow > 0
        }
        guard let lastColumn = switched.last else { return }
        let maxRow = switched.map { builders[slotOfFileColumn[$0]].switchRow }.max()!
        for row in 0..<maxRow {
            pos = rowStarts[row]
            for fieldIndex in 0...lastColumn {
                let field = try nextField()
                let slot = slotOfFileColumn[fieldIndex]
                if slot >= 0, builders[slot].isText, row < builders[slot].switchRow {
                    builders[slot].codes[row] =
                        isMissing(field) ? CategoricalColumn.missingCode : intern(field, slot: slot)
                }
            }
        }
    }
}
