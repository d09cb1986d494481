import Foundation

/// Compares a Book folder on disk (the committed `Book/`) with a fresh build, so that a stale
/// Book is caught. Outputs that the lessons leave free (`nondeterministic` blocks, `...` and
/// ` (re)` patterns) may differ between machines; a difference only there is reported apart,
/// as `varies`, and is not a stale Book.
public enum BookCheck {
    /// One way the folder differs from the fresh build.
    public struct Difference: Sendable, Equatable, CustomStringConvertible {
        public enum Kind: Sendable, Equatable {
            /// The fresh build has this file; the folder does not.
            case missing
            /// A chapter-like file (`NN-….md`, `html/*.html`) that no lesson produces any more.
            case stray
            /// The file differs from the fresh build at this 1-based line, outside varying output.
            case stale(line: Int)
            /// The file differs only inside output that may vary by machine (first at this line).
            case varies(line: Int)
        }

        /// The path as shown: the folder as given, then the file (`Book/01-slug.md`).
        public var path: String
        public var kind: Kind

        /// Whether the difference makes the Book stale (everything but `varies`).
        public var isStale: Bool {
            if case .varies = kind { false } else { true }
        }

        public var description: String {
            switch kind {
            case .missing:
                "\(path): missing; run 'fair book' and commit the Book"
            case .stray:
                "\(path): comes from no lesson; delete it (or restore its lesson) and run 'fair book'"
            case let .stale(line):
                "\(path):\(line): differs from a fresh build of the lessons; run 'fair book' and commit the Book"
            case let .varies(line):
                "\(path):\(line): differs from a fresh build only in output that varies by machine (left as committed)"
            }
        }
    }

    /// The differences between the folder `directory` (shown as `shownDirectory`) and `book`.
    public static func differences(of directory: String, shownAs shownDirectory: String? = nil, from book: Book) -> [Difference] {
        let shown = shownDirectory ?? directory
        func display(_ path: String) -> String { shown.hasSuffix("/") ? shown + path : shown + "/" + path }
        var differences: [Difference] = []
        let fresh = book.files
        let masked = Dictionary(uniqueKeysWithValues: book.masked().files.map { ($0.path, $0.contents) })
        for file in fresh {
            let url = URL(fileURLWithPath: directory).appendingPathComponent(file.path)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                differences.append(Difference(path: display(file.path), kind: .missing))
                continue
            }
            let committed = String(decoding: data, as: UTF8.self)
            if committed == file.contents { continue }
            let committedLines = lines(committed)
            let line = firstDifference(lines(file.contents), committedLines)
            let pattern = lines(masked[file.path] ?? file.contents)
            let kind: Difference.Kind = matches(pattern: pattern, committedLines) ? .varies(line: line) : .stale(line: line)
            differences.append(Difference(path: display(file.path), kind: kind))
        }
        let produced = Set(fresh.map(\.path))
        for file in chapterLikeFiles(in: directory) where !produced.contains(file) {
            differences.append(Difference(path: display(file), kind: .stray))
        }
        return differences
    }

    /// Files of the folder that look like Book output: `NN-….md` and `html/*.html`.
    static func chapterLikeFiles(in directory: String) -> [String] {
        let fileManager = FileManager.default
        let markdown = ((try? fileManager.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".md") && $0.first?.isNumber == true }
        let html = ((try? fileManager.contentsOfDirectory(atPath: directory + "/html")) ?? [])
            .filter { $0.hasSuffix(".html") }.map { "html/" + $0 }
        return (markdown + html).sorted()
    }

    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// 1-based line of the first difference (one past the shorter file when one extends the other).
    static func firstDifference(_ a: [String], _ b: [String]) -> Int {
        var index = 0
        while index < a.count && index < b.count && a[index] == b[index] { index += 1 }
        return index + 1
    }

    /// Whether `lines` equal `pattern`, where a `Book.variesPlaceholder` line of the pattern
    /// stands for any run of lines (possibly none).
    static func matches(pattern: [String], _ lines: [String]) -> Bool {
        // The classic glob match (wildcards like `*`): on a mismatch, let the last wildcard take
        // one more line and retry from there.
        let wildcard = Book.variesPlaceholder
        var p = 0, a = 0
        var star: Int?, resume = 0
        while a < lines.count {
            if p < pattern.count && pattern[p] == wildcard {
                star = p
                resume = a
                p += 1
            } else if p < pattern.count && pattern[p] == lines[a] {
                p += 1
                a += 1
            } else if let star {
                p = star + 1
                resume += 1
                a = resume
            } else {
                return false
            }
        }
        while p < pattern.count && pattern[p] == wildcard { p += 1 }
        return p == pattern.count
    }
}
