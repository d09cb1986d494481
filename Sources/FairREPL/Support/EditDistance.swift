/// "Did you mean" suggestions from the Levenshtein distance, as swift-argument-parser does.
public enum EditDistance {
    /// The number of single-character insertions, deletions and substitutions turning `a` into `b`.
    static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The candidates closest to `word`: those that `word` begins (when it has at least 2
    /// characters), shortest first; otherwise those at the smallest edit distance, if it is at
    /// most `maximum` and shorter than the words. Empty when nothing is close.
    public static func suggestions(for word: String, among candidates: [String], maximum: Int = 2) -> [String] {
        let lower = word.lowercased()
        let unique = Set(candidates)
        if lower.count >= 2 {
            let prefixed = unique.filter { $0.lowercased().hasPrefix(lower) && $0.lowercased() != lower }
            if !prefixed.isEmpty { return prefixed.sorted { ($0.count, $0) < ($1.count, $1) } }
        }
        var best = Int.max
        var closest: [String] = []
        for candidate in unique {
            let distance = between(lower, candidate.lowercased())
            guard distance <= maximum, distance < max(candidate.count, lower.count) else { continue }
            if distance < best {
                best = distance
                closest = [candidate]
            } else if distance == best {
                closest.append(candidate)
            }
        }
        return closest.sorted()
    }
}
