import Testing
@testable import FairCore

@Suite("Wasserstein and QuantileGrid")
struct WassersteinTests {
    /// Oracle: expand both samples to the common size n*m (each value repeated), then pair sorted.
    static func oracle(_ a: [Double], _ b: [Double], p: Double) -> Double {
        let n = a.count, m = b.count
        let ea = a.sorted().flatMap { Array(repeating: $0, count: m) }
        let eb = b.sorted().flatMap { Array(repeating: $0, count: n) }
        var sum = 0.0
        for i in 0..<ea.count { sum += p == 1 ? abs(ea[i] - eb[i]) : (ea[i] - eb[i]) * (ea[i] - eb[i]) }
        return sum / Double(ea.count)
    }

    static func sample(_ rng: inout SeededGenerator, _ n: Int, ties: Bool) -> [Double] {
        (0..<n).map { _ in ties ? Double(rng.nextInt(below: 5)) : rng.nextNormal() }
    }

    @Test("W1 and W2^2 equal the expanded sorted-pairs oracle", arguments: [false, true])
    func oracleAgreement(ties: Bool) throws {
        var rng = SeededGenerator(seed: 2024)
        for _ in 0..<40 {
            let a = Self.sample(&rng, 1 + rng.nextInt(below: 30), ties: ties)
            let b = Self.sample(&rng, 1 + rng.nextInt(below: 30), ties: ties)
            let w1 = try Wasserstein.w1(a, b), w22 = try Wasserstein.w2Squared(a, b)
            #expect(abs(w1 - Self.oracle(a, b, p: 1)) <= 1e-12 * max(1, w1))
            #expect(abs(w22 - Self.oracle(a, b, p: 2)) <= 1e-12 * max(1, w22))
        }
    }

    @Test("a shift by c gives W1 = W2 = |c|")
    func translation() throws {
        var rng = SeededGenerator(seed: 3)
        let a = (0..<1_000).map { _ in rng.nextNormal() }
        let b = a.map { $0 + 0.75 }
        #expect(abs(try Wasserstein.w1(a, b) - 0.75) < 1e-12)
        #expect(abs(try Wasserstein.w2(a, b) - 0.75) < 1e-12)
    }

    @Test("Gaussian closed form W2^2 = (m - m')^2 + (s - s')^2 within sampling error")
    func gaussian() throws {
        var rng = SeededGenerator(seed: 8)
        let a = (0..<200_000).map { _ in 1.0 + 2.0 * rng.nextNormal() }
        let b = (0..<150_000).map { _ in -0.5 + 0.5 * rng.nextNormal() }
        let expected = 1.5 * 1.5 + 1.5 * 1.5
        #expect(abs(try Wasserstein.w2Squared(a, b) - expected) < 0.05)
    }

    @Test("grid segments have positive widths summing to 1 and merge equal levels")
    func gridWidths() {
        let samples: [[Double]] = [[1, 2], [1, 2, 3, 4], [5, 6, 7]]
        var widths: [Double] = []
        var seenIndices: [[Int]] = []
        QuantileGrid.forEachSegment(samples) { w, idx in
            widths.append(w)
            seenIndices.append(Array(idx))
        }
        // Levels: 1/4, 1/3, 1/2, 2/3, 3/4, 1 -> six segments (1/2 = 2/4 merged).
        #expect(widths.count == 6)
        #expect(widths.allSatisfy { $0 > 0 })
        #expect(abs(widths.reduce(0, +) - 1) < 1e-15)
        #expect(seenIndices.first == [0, 0, 0])
        #expect(seenIndices.last == [1, 3, 2])
    }

    @Test("empty or non-finite input is an error naming the row")
    func errors() {
        #expect(throws: FairCoreError.emptyInput(what: "first sample")) { try Wasserstein.w1([], [1]) }
        #expect(throws: FairCoreError.nonFiniteValue(what: "second sample", row: 1, value: .infinity)) {
            try Wasserstein.w2([1], [0, .infinity])
        }
    }
}
