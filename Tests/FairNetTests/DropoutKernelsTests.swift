import FairSupport
import Testing
@testable import FairNet

@Suite("DropoutKernels: keep factors from random words")
struct DropoutKernelsTests {
    /// The definition: unit k reads the 16-bit quarter k mod 4 (from the low bits up) of word ⌊k/4⌋.
    static func definition(words: [UInt64], count: Int, threshold: UInt32, scale: Float) -> [Float] {
        (0..<count).map { k in
            let quarter = UInt32(truncatingIfNeeded: (words[k / 4] >> UInt64(16 * (k % 4))) & 0xFFFF)
            return quarter >= threshold ? scale : 0
        }
    }

    @Test("the vector kernel equals the definition (counts crossing the 16-lane body and the tail; extreme thresholds)",
          arguments: [1, 3, 4, 15, 16, 17, 63, 257], [UInt32(0), 1, 6_554, 32_768, 65_535, 65_536])
    func matchesDefinition(count: Int, threshold: UInt32) {
        var g = SeededGenerator(seed: UInt64(count) &* 31 &+ UInt64(threshold))
        var words = (0..<((count + 3) / 4)).map { _ in g.next() }
        // Quarters at the threshold and one below it, to check the ≥ boundary.
        if threshold > 0 && threshold < 65_536 {
            words[0] = (words[0] & ~0xFFFF_FFFF) | UInt64(threshold) | (UInt64(threshold - 1) << 16)
        }
        let scale = Float(1 / 0.9)
        var out = [Float](repeating: .nan, count: count)
        words.withUnsafeBufferPointer { w in
            out.withUnsafeMutableBufferPointer { DropoutKernels.keepFactors(words: w.baseAddress!, count: count, threshold: threshold, scale: scale, into: $0.baseAddress!) }
        }
        #expect(out.map(\.bitPattern) == Self.definition(words: words, count: count, threshold: threshold, scale: scale).map(\.bitPattern))
    }

    @Test("the engine's masks are the generator's words in order, a layer starting a new word")
    func engineUsesTheStream() {
        let a = Fixtures.architecture(hidden: [5, 7], dropout: 0.3)
        let rows = 3
        let engine = NetworkEngine(architecture: a, capacity: rows, training: true)
        engine.loadParameters(Fixtures.randomParameters(a, seed: 1))
        let x = Fixtures.gaussianFeatures(rows: rows, columns: a.inputs, seed: 2)
        engine.dropoutGenerator = SeededGenerator(seed: 4, purpose: "dropout")
        x.values.withUnsafeBufferPointer { engine.forward(input: $0.baseAddress!, rows: rows, training: true, sharedLambda: false) }
        var g = SeededGenerator(seed: 4, purpose: "dropout")
        for (l, w) in [5, 7].enumerated() {
            let n = rows * w
            let words = (0..<((n + 3) / 4)).map { _ in g.next() }
            let expected = Self.definition(words: words, count: n, threshold: engine.dropThreshold, scale: engine.keepScale)
            let actual = (0..<n).map { engine.keep[engine.keepOffsets[l] + $0] }
            #expect(actual.map(\.bitPattern) == expected.map(\.bitPattern), "layer \(l)")
        }
        #expect(engine.dropoutGenerator == g)
    }
}
