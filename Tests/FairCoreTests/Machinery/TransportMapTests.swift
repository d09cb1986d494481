import Testing
@testable import FairCore

@Suite("TransportMap")
struct TransportMapTests {
    /// `max(1, ceil(r m / n))` in exact integer arithmetic.
    static func ceiling(_ r: Int, _ n: Int, _ m: Int) -> Int { max(1, (r * m + n - 1) / n) }

    @Test("composed ranks are exact: every r for small sizes (the 7/25 trap included), random and extreme large sizes")
    func composedRank() {
        var wrong = 0
        for n in 1...70 {
            for m in 1...70 {
                for r in 0...n where TransportMap.composedRank(r, n: n, inverseN: 1 / Double(n), to: m) != Self.ceiling(r, n, m) {
                    wrong += 1
                }
            }
        }
        #expect(wrong == 0)
        #expect(TransportMap.composedRank(7, n: 25, inverseN: 1 / 25.0, to: 25) == 7)
        var rng = SeededGenerator(seed: 420)
        let largest = BarycenterRepair.maximumGroupSize
        for trial in 0..<20_000 {
            let n = trial % 3 == 0 ? largest - rng.nextInt(below: 3) : 1 + rng.nextInt(below: largest)
            let m = trial % 5 == 0 ? largest : 1 + rng.nextInt(below: largest)
            // Ranks at and next to multiples of n / gcd, where r m / n is (nearly) an integer.
            let r = trial % 2 == 0 ? rng.nextInt(below: n + 1) : min(n, max(0, (n / max(1, m % 97 + 1)) * (rng.nextInt(below: 97) + 1) + rng.nextInt(below: 3) - 1))
            if TransportMap.composedRank(r, n: n, inverseN: 1 / Double(n), to: m) != Self.ceiling(r, n, m) { wrong += 1 }
        }
        #expect(wrong == 0)
        #expect(TransportMap.composedRank(largest, n: largest, inverseN: 1 / Double(largest), to: largest) == largest)
        #expect(TransportMap.composedRank(0, n: largest, inverseN: 1 / Double(largest), to: 1) == 1)
    }

    @Test("rank counts in a bounded range equal the definitions for every range around the answer: window, linear scan, bisection, and the sample's ends")
    func boundedCounts() {
        var rng = SeededGenerator(seed: 61)
        for n in [1, 2, 15, 16, 17, 31, 40, 56] {
            // Sorted, with runs of ties.
            let z = (0..<n).map { _ in Double(rng.nextInt(below: max(1, n / 3))) * 0.5 }.sorted()
            let queries = z + z.map(\.nextUp) + z.map(\.nextDown) + [-1, 1e9, -0.0]
            var wrong: [String] = []
            z.withUnsafeBufferPointer { buffer in
                let base = buffer.baseAddress!
                for y in queries {
                    let atOrBelow = z.filter { $0 <= y }.count, below = z.filter { $0 < y }.count
                    // Every range lo...hi that contains both counts (as the rank tables guarantee).
                    for lo in 0...below {
                        for hi in atOrBelow...n {
                            let a = TransportMap.countAtOrBelow(base, count: n, y, in: (lo, hi))
                            let b = TransportMap.countBelow(base, count: n, y, in: (lo, hi))
                            if a != atOrBelow || b != below { wrong.append("n \(n) y \(y) range \(lo)...\(hi): \(a), \(b)") }
                        }
                    }
                }
            }
            #expect(wrong.isEmpty, "\(wrong.prefix(3))")
        }
    }

    @Test("nearestInteger rounds to the nearest integer, ties to even")
    func nearestInteger() {
        let cases: [(Double, Int)] = [(0, 0), (0.49, 0), (0.5, 0), (0.51, 1), (1.5, 2), (2.5, 2), (1e9 + 0.25, 1_000_000_000),
                                      (Double(1 << 50), 1 << 50)]
        for (x, expected) in cases { #expect(TransportMap.nearestInteger(x) == expected, "\(x)") }
    }
}
