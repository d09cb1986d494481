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

    @Test("nearestInteger rounds to the nearest integer, ties to even")
    func nearestInteger() {
        let cases: [(Double, Int)] = [(0, 0), (0.49, 0), (0.5, 0), (0.51, 1), (1.5, 2), (2.5, 2), (1e9 + 0.25, 1_000_000_000),
                                      (Double(1 << 50), 1 << 50)]
        for (x, expected) in cases { #expect(TransportMap.nearestInteger(x) == expected, "\(x)") }
    }
}
