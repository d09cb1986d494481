@testable import FairCore

/// Random data with several sensitive attributes for the multi-attribute repair tests.
enum MultiAttributeTestSupport {
    /// Rows with `levels.count` attributes named "A", "B", "C" (attribute `a` has `levels[a]`
    /// values "a0", "a1", …, drawn with unequal probabilities), and one score per task whose law
    /// depends on every attribute, with an interaction, so that no attribute is fair alone.
    struct Sample {
        var attributes: SensitiveAttributes
        var scores: [String: [Double]]
        var rowIDs: [UInt64]
    }

    static let names = ["A", "B", "C"]

    static func sample(_ rng: inout SeededGenerator, rows n: Int, levels: [Int], tasks: [String] = ["t"],
                       firstRowID: UInt64 = 0, ties: Bool = false) throws -> Sample {
        var labels = levels.map { _ in [String]() }
        var scores = Dictionary(uniqueKeysWithValues: tasks.map { ($0, [Double]()) })
        for _ in 0..<n {
            var codes: [Int] = []
            for (a, k) in levels.enumerated() {
                // Value v has probability proportional to v + 1 (unequal cells).
                let total = k * (k + 1) / 2
                var u = rng.nextInt(below: total), v = 0
                while u >= v + 1 { u -= v + 1; v += 1 }
                codes.append(v)
                labels[a].append("\(names[a].lowercased())\(v)")
            }
            let location = codes.enumerated().reduce(0.0) { $0 + Double($1.element) * (0.6 + 0.3 * Double($1.offset)) }
                + (codes.count > 1 && codes[0] == codes[1] ? 0.5 : 0)
            let scale = 0.7 + 0.4 * Double(codes.last!)
            for (t, task) in tasks.enumerated() {
                var x = location * (1 + 0.5 * Double(t)) + scale * rng.nextNormal()
                if ties { x = (x * 4).rounded() / 4 }
                scores[task]!.append(x)
            }
        }
        let attributes = try SensitiveAttributes(
            names: Array(names.prefix(levels.count)), columns: labels.map { GroupColumn(labels: $0) })
        return Sample(attributes: attributes, scores: scores, rowIDs: (0..<n).map { firstRowID + UInt64($0) })
    }

    /// The KS noise floor of a comparison of two repaired groups when the repair's own
    /// estimation error counts too: `0.87 sqrt(1/n_a + 1/n_b + 1/N_a + 1/N_b)` (test sizes n,
    /// calibration sizes N; the calibration error acts like two more independent samples).
    static func floor(test a: Int, _ b: Int, pool pa: Int, _ pb: Int) -> Double {
        0.87 * (1 / Double(a) + 1 / Double(b) + 1 / Double(pa) + 1 / Double(pb)).squareRoot()
    }

    /// The largest KS over pairs of groups of `column`, and the largest ratio of a pair's KS to
    /// its floor (`floor(test:_:pool:_:)` with the pool counts of the same groups).
    static func worst(_ values: [Double], _ column: GroupColumn, poolCounts: [String: Int]) -> (ks: Double, ratio: Double) {
        let rows = column.rowsByGroup()
        var ks = 0.0, ratio = 0.0
        for a in 0..<rows.count {
            for b in (a + 1)..<rows.count {
                let d = RepairTestSupport.ks(rows[a].map { values[$0] }, rows[b].map { values[$0] })
                let f = floor(test: rows[a].count, rows[b].count, pool: poolCounts[column.names[a]] ?? 1, poolCounts[column.names[b]] ?? 1)
                ks = max(ks, d)
                ratio = max(ratio, d / f)
            }
        }
        return (ks, ratio)
    }

    static func counts(_ column: GroupColumn) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: zip(column.names, column.counts()))
    }
}
