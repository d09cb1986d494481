/// Reads the lesson format: optional front matter between `---` lines, prose, and fenced
/// blocks. Only blocks whose info string starts with the word `fair` run; other fences
/// (`text` fences, `~~~~markdown` examples holding fair blocks) are skipped whole.
public enum LessonParser {
    /// Front matter keys (§1.3).
    public static let keys = ["lesson", "title", "theorem", "tested-by", "seed", "width", "requires"]

    /// Parses `text`; `path` is used in positions and messages.
    /// - Throws: `LessonError` at the offending line.
    public static func parse(_ text: String, path: String) throws(LessonError) -> Lesson {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        var lines = normalized.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        var lesson = Lesson(path: path, frontMatter: [], blocks: [], lines: lines)
        var index = 0
        func fail(_ line: Int, _ message: String) -> LessonError { LessonError(path: path, line: line, message: message) }

        if lines.first == "---" {
            index = 1
            while index < lines.count && lines[index] != "---" {
                let line = lines[index]
                guard let colon = line.firstIndex(of: ":") else {
                    throw fail(index + 1, "front matter lines are 'key: value'; this one has no ':'")
                }
                let key = TextLayout.trimmed(line[..<colon])
                let value = TextLayout.trimmed(line[line.index(after: colon)...])
                guard keys.contains(key) else {
                    let hint = CommandError.didYouMean(EditDistance.suggestions(for: key, among: keys))
                    throw fail(index + 1, "unknown front matter key '\(key)'.\(hint) Keys: \(keys.joined(separator: ", ")).")
                }
                lesson.frontMatter.append(Lesson.FrontMatterEntry(key: key, value: value, line: index + 1))
                index += 1
            }
            guard index < lines.count else { throw fail(1, "the front matter opened here is never closed with '---'") }
            index += 1
        }

        while index < lines.count {
            guard let fence = Fence(lines[index]) else {
                index += 1
                continue
            }
            let openLine = index + 1
            index += 1
            let words = fence.info.split(separator: " ").map(String.init)
            guard words.first == "fair" else {
                while index < lines.count && !fence.isClosed(by: lines[index]) { index += 1 }
                guard index < lines.count else { throw fail(openLine, "the ``` block opened here is never closed") }
                index += 1
                continue
            }
            var flags = Set<Lesson.Flag>()
            for word in words.dropFirst() {
                guard let flag = Lesson.Flag(rawValue: word) else {
                    let hint = CommandError.didYouMean(EditDistance.suggestions(for: word, among: Lesson.Flag.allCases.map(\.rawValue)))
                    throw fail(openLine, "unknown block flag '\(word)'.\(hint) Flags: error, skip, hide, nondeterministic.")
                }
                flags.insert(flag)
            }
            var block = Lesson.Block(flags: flags, line: openLine, commands: [])
            while index < lines.count && !fence.isClosed(by: lines[index]) {
                let line = lines[index]
                if line.hasPrefix("fair> ") || line == "fair>" {
                    let text = line == "fair>" ? "" : String(line.dropFirst(6))
                    block.commands.append(Lesson.Command(line: index + 1, text: text, expected: [], expectedLines: (index + 1)..<(index + 1)))
                } else if line.hasPrefix("....> ") {
                    guard var last = block.commands.popLast(), last.expected.isEmpty else {
                        throw fail(index + 1, "a '....> ' continuation line must follow a 'fair> ' command directly")
                    }
                    var head = last.text
                    if head.hasSuffix("\\") { head.removeLast() }
                    last.text = TextLayout.trimmingTrailingBlanks(head) + " " + TextLayout.trimmed(line.dropFirst(6))
                    last.expectedLines = (index + 1)..<(index + 1)
                    block.commands.append(last)
                } else {
                    guard var last = block.commands.popLast() else {
                        throw fail(index + 1, "output before the first 'fair> ' command of the block; start the block with a command")
                    }
                    last.expected.append(line)
                    last.expectedLines = last.expectedLines.lowerBound..<(index + 1)
                    block.commands.append(last)
                }
                index += 1
            }
            guard index < lines.count else { throw fail(openLine, "the ```fair block opened here is never closed") }
            index += 1
            lesson.blocks.append(block)
        }
        return lesson
    }

    /// An opening fence: three or more backticks or tildes, then an info string.
    struct Fence {
        let character: Character
        let length: Int
        let info: String

        init?(_ line: String) {
            guard let first = line.first, first == "`" || first == "~" else { return nil }
            let run = line.prefix { $0 == first }.count
            guard run >= 3 else { return nil }
            character = first
            length = run
            info = TextLayout.trimmed(line.dropFirst(run))
        }

        /// Whether `line` closes this fence (the same character, at least as many, nothing else).
        func isClosed(by line: String) -> Bool {
            let trimmed = TextLayout.trimmingTrailingBlanks(line)
            return trimmed.count >= length && trimmed.allSatisfy { $0 == character }
        }
    }
}

import Foundation
