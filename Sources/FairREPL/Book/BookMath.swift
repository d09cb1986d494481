import Foundation

/// The TeX of a lesson's prose (REPL-AND-LESSONS.md §1.7): `$…$` inline, `$$…$$` display.
///
/// Math is taken out of the Markdown before cmark-gfm sees it (so that `_`, `*` and `\` in TeX are
/// not read as emphasis or escapes) and each formula is replaced by a placeholder of letters and
/// digits, which Markdown leaves alone; after rendering, the placeholders are replaced by the
/// typeset HTML. Code is never touched: fenced code blocks, indented code lines and inline code
/// spans (backtick runs matched as CommonMark matches them) keep their dollars. `\$` is a literal
/// dollar sign.
///
/// Delimiters, as pandoc reads them: an inline formula opens with a `$` not followed by a space and
/// closes at the next `$` not preceded by a space and not followed by a digit (so "costs $5 and $6"
/// has no math); a display formula is `$$…$$` and may span lines. An opening `$` with no closing
/// one is a literal dollar.
public enum BookMath {
    /// One formula: its TeX (without the delimiters) and whether it is displayed.
    public struct Formula: Sendable, Hashable {
        public var tex: String
        public var display: Bool

        public init(tex: String, display: Bool) {
            self.tex = tex
            self.display = display
        }
    }

    /// What `extract` returns: the Markdown with placeholders, and what each one stands for.
    public struct Extraction: Sendable, Equatable {
        /// The Markdown with every formula and every `\$` replaced by a placeholder.
        public var markdown: String
        /// The formulas, in order; placeholder `k` stands for `formulas[k]`.
        public var formulas: [Formula]
        /// How many `\$` (literal dollars) were replaced.
        public var dollars: Int
    }

    /// The placeholder of formula `index`: letters and digits only, which no Markdown rule changes.
    static func placeholder(_ index: Int) -> String { "FAIRMATHX\(index)X" }
    /// The placeholder of a literal dollar sign.
    static let dollarPlaceholder = "FAIRDOLLARX"

    /// The formulas of `markdown` (outside code), in order.
    public static func formulas(in markdown: String) -> [Formula] { extract(markdown).formulas }

    /// Replaces each formula outside code by a placeholder.
    public static func extract(_ markdown: String) -> Extraction {
        var out = ""
        var formulas: [Formula] = []
        var dollars = 0
        var paragraph: [Substring] = []
        var fence: LessonParser.Fence?
        var previousBlank = true

        // Math (and inline code) may span lines inside a paragraph, so text between block
        // boundaries (fences, blank lines) is scanned as one run.
        func flush() {
            guard !paragraph.isEmpty else { return }
            out += scanInline(paragraph.joined(separator: "\n"), formulas: &formulas, dollars: &dollars)
            out += "\n"
            paragraph = []
        }
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if let open = fence {
                out += line + "\n"
                if open.isClosed(by: String(line)) { fence = nil }
                continue
            }
            if let opening = LessonParser.Fence(String(line)) {
                flush()
                fence = opening
                out += line + "\n"
                previousBlank = false
                continue
            }
            let blank = line.allSatisfy(\.isWhitespace)
            let indented = line.hasPrefix("    ") || line.hasPrefix("\t")
            if blank {
                flush()
                out += line + "\n"
            } else if indented && previousBlank && paragraph.isEmpty {
                // An indented code block (a lazy rule: list continuations are rare in lessons and
                // are then left unscanned, which shows the TeX rather than breaking code).
                out += line + "\n"
                continue
            } else {
                paragraph.append(line)
            }
            previousBlank = blank
        }
        flush()
        out.removeLast()  // the newline added after the last line
        return Extraction(markdown: out, formulas: formulas, dollars: dollars)
    }

    /// Scans a run of text: code spans are copied, `\$` and formulas replaced.
    static func scanInline(_ text: String, formulas: inout [Formula], dollars: inout Int) -> String {
        let chars = Array(text)
        var out = ""
        var i = 0
        func run(of character: Character, at start: Int) -> Int {
            var j = start
            while j < chars.count && chars[j] == character { j += 1 }
            return j - start
        }
        while i < chars.count {
            let c = chars[i]
            if c == "\\" && i + 1 < chars.count {
                if chars[i + 1] == "$" {
                    out += dollarPlaceholder
                    dollars += 1
                } else {
                    out.append(c)
                    out.append(chars[i + 1])
                }
                i += 2
                continue
            }
            if c == "`" {
                // A code span: a backtick run closed by a run of the same length; else literal.
                let length = run(of: "`", at: i)
                var j = i + length
                var close: Int?
                while j < chars.count {
                    if chars[j] == "`" {
                        let other = run(of: "`", at: j)
                        if other == length { close = j; break }
                        j += other
                    } else {
                        j += 1
                    }
                }
                let end = close.map { $0 + length } ?? (i + length)
                out += String(chars[i..<end])
                i = end
                continue
            }
            if c == "$" {
                if i + 1 < chars.count && chars[i + 1] == "$" {
                    // Display: up to the next `$$`.
                    var j = i + 2
                    while j + 1 < chars.count && !(chars[j] == "$" && chars[j + 1] == "$" && chars[j - 1] != "\\") { j += 1 }
                    if j + 1 < chars.count {
                        let tex = String(chars[(i + 2)..<j]).trimmingCharacters(in: .whitespacesAndNewlines)
                        if !tex.isEmpty {
                            out += placeholder(formulas.count)
                            formulas.append(Formula(tex: tex, display: true))
                            i = j + 2
                            continue
                        }
                    }
                } else if i + 1 < chars.count && !chars[i + 1].isWhitespace {
                    var j = i + 1
                    var close: Int?
                    while j < chars.count {
                        if chars[j] == "\\" { j += 2; continue }
                        if chars[j] == "$" {
                            let afterDigit = j + 1 < chars.count && chars[j + 1].isNumber
                            if !chars[j - 1].isWhitespace && !afterDigit { close = j }
                            break
                        }
                        j += 1
                    }
                    if let close {
                        out += placeholder(formulas.count)
                        formulas.append(Formula(tex: String(chars[(i + 1)..<close]), display: false))
                        i = close + 1
                        continue
                    }
                }
            }
            out.append(c)
            i += 1
        }
        return out
    }

    /// `html` with each placeholder replaced: formula `k` by `typeset[k]`, literal dollars by a
    /// span the browser check recognises as intended.
    public static func restore(_ html: String, typeset: [String]) -> String {
        guard html.contains("FAIR") else { return html }
        var result = html.replacingOccurrences(of: dollarPlaceholder, with: "<span class=\"dollar\">$</span>")
        // The closing X keeps placeholder 1 from matching the start of placeholder 12.
        for index in typeset.indices {
            result = result.replacingOccurrences(of: placeholder(index), with: typeset[index])
        }
        return result
    }
}
