import Testing
@testable import FairCore

@Suite("SmirnovDistribution: the exact null law of the two-sample KS statistic")
struct SmirnovDistributionTests {
    /// `P(D ≥ h / lcm)` by enumerating every arrangement of `m` a's and `n` b's (all equally
    /// likely under the null hypothesis) and computing `D` of each with integer counts.
    static func enumerated(m: Int, n: Int) -> [Int: Int] {
        var counts: [Int: Int] = [:]  // n·i − m·j maximum (scaled D) → number of arrangements
        let total = m + n
        for mask in 0..<(1 << total) where mask.nonzeroBitCount == m {
            var i = 0, j = 0, best = 0
            for position in 0..<total {
                if mask & (1 << position) != 0 { i += 1 } else { j += 1 }
                best = max(best, abs(n * i - m * j))
            }
            counts[best, default: 0] += 1
        }
        return counts
    }

    @Test("equals the enumeration of all arrangements for every m, n ≤ 7 and every attainable D")
    func enumeration() {
        for m in 1...7 {
            for n in 1...7 {
                let counts = Self.enumerated(m: m, n: n)
                let all = Double(counts.values.reduce(0, +))
                let g = SmirnovDistribution.greatestCommonDivisor(m, n)
                for scaled in counts.keys {
                    let atLeast = Double(counts.filter { $0.key >= scaled }.values.reduce(0, +)) / all
                    // scaled = D · m · n; the distribution takes h = D · lcm = scaled / g.
                    let p = SmirnovDistribution.survival(m: m, n: n, h: scaled / g)
                    if let p {
                        #expect(abs(p - atLeast) <= 1e-13, "m \(m), n \(n), D \(scaled)/\(m * n): \(p) against \(atLeast)")
                    } else {
                        // Only a sum that rounds just outside [0, 1] is refused, where the p-value is 1.
                        #expect(atLeast == 1, "m \(m), n \(n), D \(scaled)/\(m * n) refused")
                    }
                }
            }
        }
    }

    @Test("symmetric in the two sizes; 1 at h = 0")
    func symmetry() {
        for (m, n, h) in [(3, 5, 7), (12, 5, 30), (40, 25, 3)] {
            #expect(SmirnovDistribution.survival(m: m, n: n, h: h) == SmirnovDistribution.survival(m: n, n: m, h: h))
        }
        #expect(SmirnovDistribution.survival(m: 9, n: 4, h: 0) == 1)
    }
}
