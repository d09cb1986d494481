/// Picks one glyph per series for the ASCII canvas (REPL-AND-LESSONS.md §4.2): the lower-case
/// first letter of the name when that is unambiguous, otherwise the first free letter a, b, c…
/// Glyphs given by the caller are kept. `#` (overlap), `*` (barycenter) and `.` (background)
/// are never assigned automatically.
public enum GlyphAssignment {
    /// Characters with a fixed meaning on the canvas.
    public static let reserved: Set<Character> = ["#", "*", ".", " "]
    /// The largest number of series a chart accepts.
    public static let maximumSeries = 26

    /// One glyph per name; `fixed[i]`, when not nil, is used as is for series `i`.
    public static func glyphs(for names: [String], fixed: [Character?] = []) -> [Character] {
        var used = Set(fixed.compactMap { $0 })
        var result = [Character?](repeating: nil, count: names.count)
        for i in names.indices where i < fixed.count { result[i] = fixed[i] }
        // First letters that are unique among the series still needing a glyph.
        let open = names.indices.filter { result[$0] == nil }
        let initials = open.map { initial(of: names[$0]) }
        for (k, i) in open.enumerated() {
            guard let letter = initials[k] else { continue }
            let clashes = initials.filter { $0 == letter }.count > 1
            if !clashes && !used.contains(letter) {
                result[i] = letter
                used.insert(letter)
            }
        }
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        var next = 0
        for i in names.indices where result[i] == nil {
            while next < alphabet.count && used.contains(alphabet[next]) { next += 1 }
            let glyph = next < alphabet.count ? alphabet[next] : "?"
            result[i] = glyph
            used.insert(glyph)
        }
        return result.map { $0 ?? "?" }
    }

    static func initial(of name: String) -> Character? {
        guard let first = name.first, first.isLetter || first.isNumber, first.isASCII else { return nil }
        let lower = Character(first.lowercased())
        return reserved.contains(lower) ? nil : lower
    }
}
