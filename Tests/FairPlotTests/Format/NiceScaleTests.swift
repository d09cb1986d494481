import FairSupport
import Foundation
import Testing
@testable import FairPlot

@Suite("NiceScale")
struct NiceScaleTests {
    @Test("quarters of the unit interval")
    func quarters() {
        let scale = NiceScale(lower: 0, upper: 1, maximumCount: 5)
        #expect(scale.ticks == [0, 0.25, 0.5, 0.75, 1])
        #expect(scale.decimals == 2)
        #expect(scale.label(0.5) == "0.50")
    }

    @Test("three ticks put one on the middle")
    func halves() {
        #expect(NiceScale(lower: 0, upper: 1, maximumCount: 3).ticks == [0, 0.5, 1])
    }

    @Test("a data range widens to nice bounds")
    func expanded() {
        let scale = NiceScale.expanded(lower: 0.13, upper: 0.87, maximumCount: 6)
        #expect(scale.lower == 0)
        #expect(scale.upper == 1)
        #expect(scale.ticks.first == 0 && scale.ticks.last == 1)
    }

    @Test("a range narrower than the step still gets a tick")
    func narrow() {
        let scale = NiceScale(lower: 0.11, upper: 0.19, maximumCount: 2)
        #expect(!scale.ticks.isEmpty)
        #expect(scale.ticks.allSatisfy { $0 >= 0.11 && $0 <= 0.19 })
    }

    @Test("a degenerate range is widened")
    func degenerate() {
        let scale = NiceScale(lower: 2, upper: 2, maximumCount: 5)
        #expect(scale.lower < 2 && scale.upper > 2)
        #expect(!scale.ticks.isEmpty)
    }

    @Test("ticks are nice multiples inside the range, never too many", arguments: [11, 12, 13, 14])
    func properties(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<300 {
            let magnitude = pow(10, Double(rng.nextInt(below: 10)) - 5)
            let a = (rng.nextDouble() - 0.5) * magnitude, b = a + rng.nextDouble() * magnitude + 1e-12
            let count = 2 + rng.nextInt(below: 10)
            let scale = NiceScale(lower: a, upper: b, maximumCount: count)
            #expect(scale.ticks.count <= max(count, 3) && !scale.ticks.isEmpty)
            #expect(scale.ticks.allSatisfy { $0 >= a - 1e-9 * magnitude && $0 <= b + 1e-9 * magnitude })
            #expect(zip(scale.ticks, scale.ticks.dropFirst()).allSatisfy { $0 < $1 })
            let mantissa = scale.step / pow(10, log10(scale.step).rounded(.down))
            #expect([1, 2, 2.5, 5, 10].contains { abs($0 - mantissa) < 1e-9 }, "step \(scale.step)")
            for t in scale.ticks {
                let k = t / scale.step
                #expect(abs(k - k.rounded()) < 1e-6)
            }
        }
    }
}
