/// Bytes into fields: trimming, quoting, line ends (LF, CRLF, a lone CR), blank lines.
extension CSVParser {
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
            field = try scanQuotedField(at: &p)
        } else {
            field = try scanUnquotedField(at: &p)
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

    /// Scans a quoted field whose opening quote is at `p`, leaving `p` at its terminator.
    /// - Throws: `unterminatedQuote` (at the opening quote), `unexpectedAfterQuote`, `invalidUTF8`.
    @inline(__always)
    mutating func scanQuotedField(at p: inout Int) throws -> Field {
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
                throw FairDataError.unterminatedQuote(
                    location(of: origin, line: originLine, lineStart: originLineStart))
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
                let shown = UnsafeBufferPointer(start: base + p, count: min(4, end - p))
                let found = String(decoding: shown, as: UTF8.self)
                throw FairDataError.unexpectedAfterQuote(
                    location(of: p, line: line, lineStart: lineStart),
                    found: hidesFieldText ? "" : String(found.prefix(1)),
                    delimiter: String(UnicodeScalar(delimiter)))
            }
        }
        return Field(
            start: contentStart, end: contentEnd, quoted: true, escaped: escaped,
            origin: origin, originLine: originLine, originLineStart: originLineStart,
            terminator: .endOfFile)
    }

    /// Scans an unquoted field starting at `p`, leaving `p` at its terminator.
    /// - Throws: `invalidUTF8`.
    @inline(__always)
    mutating func scanUnquotedField(at p: inout Int) throws -> Field {
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
        return Field(
            start: start, end: contentEnd, quoted: false, escaped: false,
            origin: start, originLine: line, originLineStart: lineStart, terminator: .endOfFile)
    }
}
