/// Small text helpers shared by help, tables and transcripts.
enum TextLayout {
    /// `text` padded with spaces to `width` characters (never truncated).
    static func padded(_ text: String, to width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// `text` right-aligned in `width` characters.
    static func rightAligned(_ text: String, to width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    /// Trailing spaces and tabs removed.
    static func trimmingTrailingBlanks<S: StringProtocol>(_ line: S) -> String {
        var end = line.endIndex
        while end > line.startIndex {
            let before = line.index(before: end)
            guard line[before] == " " || line[before] == "\t" else { break }
            end = before
        }
        return String(line[..<end])
    }

    /// Leading and trailing whitespace removed.
    static func trimmed<S: StringProtocol>(_ text: S) -> String {
        var start = text.startIndex, end = text.endIndex
        while start < end, text[start].isWhitespace { start = text.index(after: start) }
        while end > start, text[text.index(before: end)].isWhitespace { end = text.index(before: end) }
        return String(text[start..<end])
    }

    /// `a, b and c` style list of quoted names (`'a', 'b', 'c'`).
    static func quotedList(_ names: [String], limit: Int = 12) -> String {
        let shown = names.prefix(limit).map { "'\($0)'" }
        let more = names.count > limit ? ", … (\(names.count - limit) more)" : ""
        return shown.joined(separator: ", ") + more
    }

    /// Words wrapped to lines of at most `width` characters.
    static func wrapped(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// Removes ANSI escape sequences (CSI ... final byte).
    static func strippingANSI(_ text: String) -> String {
        var out = ""
        var iterator = text.unicodeScalars.makeIterator()
        var scalars = String.UnicodeScalarView()
        while let scalar = iterator.next() {
            if scalar == "\u{1B}" {
                guard let next = iterator.next() else { break }
                if next == "[" {
                    while let c = iterator.next() {
                        if (0x40...0x7E).contains(c.value) { break }
                    }
                }
                continue
            }
            scalars.append(scalar)
        }
        out = String(scalars)
        return out
    }
}
