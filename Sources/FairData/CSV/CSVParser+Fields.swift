/// One field into its column: a number parsed in place, a label interned, a missing marker.
extension CSVParser {
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
                location(of: field),
                column: builders[slot].name, found: text(of: field))
        case .notANumber:
            if isMissing(field) {
                builders[slot].values.append(.nan)
            } else if !field.escaped,
                let value = Self.nonFiniteWord(base + field.start, count: field.end - field.start)
            {
                builders[slot].values.append(value)
            } else if builders[slot].declared == .numeric {
                throw FairDataError.notANumber(
                    location(of: field),
                    column: builders[slot].name, found: text(of: field))
            } else {
                switchToText(slot: slot, row: row, first: field)
            }
        }
    }

    /// Makes column `slot` categorical at `row`, whose field is its first label; the earlier
    /// rows' codes stay missing until `rereadRowsBeforeSwitch`.
    mutating func switchToText(slot: Int, row: Int, first field: Field) {
        builders[slot].isText = true
        builders[slot].switchRow = row
        builders[slot].values = []
        var codes = [Int32](repeating: CategoricalColumn.missingCode, count: row)
        codes.append(intern(field, slot: slot))
        builders[slot].codes = codes
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
        if !field.escaped {
            return interner.index(of: base + field.start, count: field.end - field.start)
        }
        unescape(field)
        return scratch.withUnsafeBufferPointer {
            interner.index(of: $0.baseAddress!, count: $0.count)
        }
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
        let bytes = UnsafeBufferPointer(start: base + field.start, count: field.end - field.start)
        return String(decoding: bytes, as: UTF8.self)
    }

    mutating func readRecordAsText() throws -> [String] {
        var texts: [String] = []
        while true {
            let field = try nextField()
            texts.append(text(of: field))
            if field.terminator != .delimiter { return texts }
        }
    }
}
