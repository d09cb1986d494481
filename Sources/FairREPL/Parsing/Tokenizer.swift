/// Splits a command line into words the way a shell does: blanks separate words, `'…'` is
/// literal, `"…"` allows `\"` and `\\`, and a backslash outside quotes escapes the next
/// character. A `#` at the start of a word, outside quotes, begins a comment that runs to the
/// end of the line (`load x.csv  # my data`); a `#` inside a word (`a#b`), in quotes or after a
/// backslash is text. Offsets are in characters, for error columns and completion.
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

    private static func scan(_ fullLine: String) -> (tokens: [Token], open: (quote: Character, offset: Int)?) {
        let line = commentStart(fullLine).map { String(fullLine.prefix($0)) } ?? fullLine
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

    /// `line` without its trailing comment (see the type's doc), trailing blanks removed.
    public static func strippingComment(_ line: String) -> String {
        guard let offset = commentStart(line) else { return line }
        return TextLayout.trimmingTrailingBlanks(String(line.prefix(offset)))
    }

    /// The character offset of the `#` that begins a comment, or nil.
    static func commentStart(_ line: String) -> Int? {
        var quote: Character?
        var escaping = false
        var atWordStart = true
        for (offset, ch) in line.enumerated() {
            if escaping {
                escaping = false
                atWordStart = false
                continue
            }
            if let q = quote {
                if ch == q {
                    quote = nil
                } else if ch == "\\" && q == "\"" {
                    escaping = true
                }
                continue
            }
            switch ch {
            case " ", "\t":
                atWordStart = true
                continue
            case "#" where atWordStart:
                return offset
            case "'", "\"":
                quote = ch
            case "\\":
                escaping = true
            default:
                break
            }
            atWordStart = false
        }
        return nil
    }

    /// `text` quoted for typing back, when it needs quotes (blanks, quotes, backslashes, a leading `#`).
    public static func quoted(_ text: String) -> String {
        guard text.isEmpty || text.hasPrefix("#") || text.contains(where: { $0 == " " || $0 == "\t" || $0 == "'" || $0 == "\"" || $0 == "\\" }) else {
            return text
        }
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

import Foundation
