/// Splits a command line into words the way a shell does: blanks separate words, `'…'` is
/// literal, `"…"` allows `\"` and `\\`, and a backslash outside quotes escapes the next
/// character. Offsets are in characters, for error columns and completion.
public enum Tokenizer {
    /// One word of a command line.
    public struct Token: Sendable, Equatable {
        /// The word with quotes removed and escapes applied.
        public var text: String
        /// Offset of its first character in the line.
        public var start: Int
        /// Offset just past its last character.
        public var end: Int
        /// Whether any part was quoted (a quoted `--x` is a value, not an option).
        public var isQuoted: Bool
    }

    /// The words of `line`.
    /// - Throws: `CommandError.unterminatedQuote` with the quote's column.
    public static func tokenize(_ line: String) throws(CommandError) -> [Token] {
        let (tokens, open) = scan(line)
        if let open { throw .unterminatedQuote(quote: open.quote, column: open.offset + 1) }
        return tokens
    }

    /// The words of `line`, accepting an unterminated quote (its word runs to the end); for completion.
    public static func tokenizeLeniently(_ line: String) -> [Token] { scan(line).tokens }

    private static func scan(_ line: String) -> (tokens: [Token], open: (quote: Character, offset: Int)?) {
        var tokens: [Token] = []
        var text = ""
        var start: Int?
        var quoted = false
        var quote: (quote: Character, offset: Int)?
        var escaping = false
        var offset = 0
        func finish(at end: Int) {
            if let s = start { tokens.append(Token(text: text, start: s, end: end, isQuoted: quoted)) }
            text = ""
            start = nil
            quoted = false
        }
        for ch in line {
            defer { offset += 1 }
            if escaping {
                text.append(ch)
                escaping = false
                continue
            }
            if let q = quote {
                if ch == q.quote {
                    quote = nil
                } else if ch == "\\" && q.quote == "\"" {
                    escaping = true
                } else {
                    text.append(ch)
                }
                continue
            }
            if ch == " " || ch == "\t" {
                finish(at: offset)
                continue
            }
            if start == nil { start = offset }
            switch ch {
            case "'", "\"":
                quote = (ch, offset)
                quoted = true
            case "\\":
                escaping = true
            default:
                text.append(ch)
            }
        }
        if escaping { text.append("\\") }
        finish(at: offset)
        return (tokens, quote)
    }

    /// `text` quoted for typing back, when it needs quotes (blanks, quotes, backslashes).
    public static func quoted(_ text: String) -> String {
        guard text.isEmpty || text.contains(where: { $0 == " " || $0 == "\t" || $0 == "'" || $0 == "\"" || $0 == "\\" }) else {
            return text
        }
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

import Foundation
