/// UTF-8 validation, and the file:line:column of a byte for messages.
extension CSVParser {
    /// Checks the UTF-8 sequence starting at `p` (a byte >= 0x80) and returns the position
    /// after it.
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
        throw FairDataError.invalidUTF8(
            location(of: p, line: line, lineStart: lineStart), bytes: shown.joined(separator: " "))
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

    /// The location of a field (its opening quote when quoted).
    func location(of field: Field) -> SourceLocation {
        location(of: field.origin, line: field.originLine, lineStart: field.originLineStart)
    }
}
