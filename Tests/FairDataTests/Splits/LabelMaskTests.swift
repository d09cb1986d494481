import FairCore
import Testing
@testable import FairData

@Suite("LabelMask")
struct LabelMaskTests {
    @Test("the masked share is close to p (Bernoulli), and masked labels become NaN, never 0", arguments: [0.25, 0.5, 0.75, 0.95])
    func share(p: Double) throws {
        let rows = Array(0..<20_000)
        let mask = try LabelMask(task: "y", missingProbability: p, seed: 42)
        let share = mask.maskedFraction(of: rows)
        // Binomial SD is at most 0.0036 at n = 20,000: allow 5 SD.
        #expect(abs(share - p) < 0.018, "share \(share) for p \(p)")
        let labels = rows.map { Double($0 % 3) }
        let masked = try mask.apply(to: labels, rows: rows)
        for (i, value) in masked.enumerated() {
            if mask.isMasked(row: rows[i]) { #expect(value.isNaN) } else { #expect(value == labels[i]) }
        }
        #expect(masked.filter(\.isNaN).count == Int((share * 20_000).rounded()))
    }

    @Test("p = 0 keeps every label and p = 1 removes every label")
    func extremes() throws {
        let rows = Array(0..<5_000)
        #expect(try LabelMask(task: "y", missingProbability: 0, seed: 1).maskedFraction(of: rows) == 0)
        #expect(try LabelMask(task: "y", missingProbability: 1, seed: 1).maskedFraction(of: rows) == 1)
    }

    @Test("deterministic per seed and task; independent of which rows are masked together")
    func determinism() throws {
        let a = try LabelMask(task: "y", missingProbability: 0.5, seed: 9)
        let b = try LabelMask(task: "y", missingProbability: 0.5, seed: 9)
        let rows = Array(0..<1000)
        #expect(rows.map(a.isMasked) == rows.map(b.isMasked))
        let together = try a.apply(to: rows.map(Double.init), rows: rows)
        let reversed = try a.apply(to: rows.reversed().map(Double.init), rows: rows.reversed())
        #expect(together.map(\.isNaN) == reversed.reversed().map(\.isNaN))
        let otherSeed = try LabelMask(task: "y", missingProbability: 0.5, seed: 10)
        let otherTask = try LabelMask(task: "z", missingProbability: 0.5, seed: 9)
        #expect(rows.map(a.isMasked) != rows.map(otherSeed.isMasked))
        #expect(rows.map(a.isMasked) != rows.map(otherTask.isMasked))
    }

    @Test("levels are nested: rows masked at p are masked at every larger p")
    func nested() throws {
        let levels = [0.25, 0.5, 0.75, 0.95]
        let masks = try levels.map { try LabelMask(task: "y", missingProbability: $0, seed: 3) }
        for row in 0..<5_000 {
            for (lower, higher) in zip(masks, masks.dropFirst()) where lower.isMasked(row: row) {
                #expect(higher.isMasked(row: row))
            }
        }
    }

    @Test("invalid probabilities and mismatched lengths are errors")
    func errors() throws {
        for bad in [-0.1, 1.1, Double.nan] {
            #expect(fairDataError { _ = try LabelMask(task: "y", missingProbability: bad, seed: 0) }
                == .invalidParameter(name: "missing-label probability for y", value: "\(bad)", allowed: "a probability in [0, 1]"))
        }
        let mask = try LabelMask(task: "y", missingProbability: 0.5, seed: 0)
        #expect(fairDataError { _ = try mask.apply(to: [1, 2], rows: [0]) } != nil)
    }
}
