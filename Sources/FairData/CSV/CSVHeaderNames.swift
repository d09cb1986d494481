extension CSVReader {
    /// Header names made unique and non-empty as pandas' C parser does (pandas 3.1,
    /// `parsers.pyx`): an empty name becomes `Unnamed: i` (i = 0-based position); named columns
    /// are processed first, then unnamed ones; the k-th repeat of `x` becomes `x.k`, skipping
    /// suffixes already present in the header (so `a,a,a.1` gives `a, a.2, a.1`).
    public static func uniqueHeaderNames(_ raw: [String]) -> [String] {
        var header = raw.enumerated().map {
            $0.element.isEmpty ? "Unnamed: \($0.offset)" : $0.element
        }
        let unnamed = raw.indices.filter { raw[$0].isEmpty }
        let order = raw.indices.filter { !raw[$0].isEmpty } + unnamed
        var counts: [String: Int] = [:]
        for i in order {
            var name = header[i]
            let original = name
            var current = counts[name, default: 0]
            while current > 0 {
                counts[original] = current + 1
                name = "\(original).\(current)"
                if header.contains(name) {
                    current += 1
                } else {
                    current = counts[name, default: 0]
                }
            }
            header[i] = name
            counts[name] = current + 1
        }
        return header
    }
}
