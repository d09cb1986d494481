/// Compares a command's actual output with the expected output of a lesson (§1.2): after
/// normalising line ends, ANSI escapes, trailing blanks and trailing empty lines, each
/// expected line must equal its actual line, except that `...` alone matches any run of
/// lines (possibly none) and a line ending in ` (re)` is a regular expression that must
/// match the whole actual line.
public enum OutputMatcher {
    /// `text` split into normalised lines (no trailing empty lines).
    public static func normalizedLines(_ text: String) -> [String] {
        if text.isEmpty { return [] }
        let cleaned = TextLayout.strippingANSI(text.replacingOccurrences(of: "\r\n", with: "\n"))
        return normalized(cleaned.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    /// Lines with trailing blanks, ANSI escapes and trailing empty lines removed.
    public static func normalized(_ lines: [String]) -> [String] {
        var result = lines.map { TextLayout.trimmingTrailingBlanks(TextLayout.strippingANSI($0.replacingOccurrences(of: "\r", with: ""))) }
        while result.last == "" { result.removeLast() }
        return result
    }

    /// Whether `actual` matches the `expected` pattern lines.
    public static func matches(expected: [String], actual: [String]) -> Bool {
        let pattern = normalized(expected)
        let lines = normalized(actual)
        var memo: [Int: Bool] = [:]
        func match(_ p: Int, _ a: Int) -> Bool {
            let key = p * (lines.count + 1) + a
            if let known = memo[key] { return known }
            let result: Bool
            if p == pattern.count {
                result = a == lines.count
            } else if pattern[p] == "..." {
                result = match(p + 1, a) || (a < lines.count && match(p, a + 1))
            } else {
                result = a < lines.count && lineMatches(pattern[p], lines[a]) && match(p + 1, a + 1)
            }
            memo[key] = result
            return result
        }
        return match(0, 0)
    }

    /// One expected line against one actual line.
    public static func lineMatches(_ expected: String, _ actual: String) -> Bool {
        guard expected.hasSuffix(" (re)") else { return expected == actual }
        let source = String(expected.dropLast(5))
        guard let regex = try? Regex(source) else { return false }
        return (try? regex.wholeMatch(in: actual)) != nil
    }

    /// A line diff of expected against actual (`- ` expected only, `+ ` actual only, `  ` both).
    public static func diff(expected: [String], actual: [String]) -> [String] {
        let e = normalized(expected), a = normalized(actual)
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: a.count + 1), count: e.count + 1)
        for i in stride(from: e.count - 1, through: 0, by: -1) {
            for j in stride(from: a.count - 1, through: 0, by: -1) {
                lcs[i][j] = lineMatches(e[i], a[j]) ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var out: [String] = []
        var i = 0, j = 0
        while i < e.count || j < a.count {
            if i < e.count && j < a.count && lineMatches(e[i], a[j]) {
                out.append("  " + a[j])
                i += 1
                j += 1
            } else if j < a.count && (i == e.count || lcs[i][j + 1] >= lcs[i + 1][j]) {
                out.append("+ " + a[j])
                j += 1
            } else {
                out.append("- " + e[i])
                i += 1
            }
        }
        return out
    }
}

import Foundation
