import Testing
@testable import FairSupport

@Suite("SeededGenerator and KeyedNoise")
struct SeededGeneratorTests {
    @Test("the stream is a fixed function of the seed (reference values)")
    func referenceStream() {
        // SplitMix64 reference outputs for seed 0 (Vigna's splitmix64.c).
        var state: UInt64 = 0
        #expect(SplitMix64.next(&state) == 0xE220_A839_7B1D_CDAF)
        #expect(SplitMix64.next(&state) == 0x6E78_9E6A_A1B9_65F4)
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42), c = SeededGenerator(seed: 43)
        let sa = (0..<8).map { _ in a.next() }
        #expect(sa == (0..<8).map { _ in b.next() })
        #expect(sa != (0..<8).map { _ in c.next() })
    }

    @Test("uniforms lie in [0, 1) and have mean 1/2")
    func uniforms() {
        var rng = SeededGenerator(seed: 7)
        var sum = 0.0
        let n = 100_000
        for _ in 0..<n {
            let u = rng.nextDouble()
            #expect(u >= 0 && u < 1)
            sum += u
        }
        #expect(abs(sum / Double(n) - 0.5) < 0.005)
    }

    @Test("normals have mean 0 and variance 1")
    func normals() {
        var rng = SeededGenerator(seed: 11)
        let n = 200_000
        let xs = (0..<n).map { _ in rng.nextNormal() }
        let mean = xs.reduce(0, +) / Double(n)
        let variance = xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n - 1)
        #expect(abs(mean) < 0.01)
        #expect(abs(variance - 1) < 0.02)
    }

    @Test("keyed noise is a pure function of (seed, stream, key) and fills [-u, u)")
    func keyedNoise() {
        let u = 1e-3
        var seen = Set<Double>()
        for key in 0..<10_000 as Range<UInt64> {
            let z = KeyedNoise.symmetric(seed: 5, stream: 9, key: key, halfWidth: u)
            #expect(z >= -u && z < u)
            #expect(z == KeyedNoise.symmetric(seed: 5, stream: 9, key: key, halfWidth: u))
            seen.insert(z)
        }
        #expect(seen.count == 10_000)
        #expect(KeyedNoise.symmetric(seed: 5, stream: 9, key: 3, halfWidth: 0) == 0)
        #expect(KeyedNoise.unit(seed: 5, stream: 9, key: 3) != KeyedNoise.unit(seed: 5, stream: 10, key: 3))
        #expect(KeyedNoise.unit(seed: 5, stream: 9, key: 3) != KeyedNoise.unit(seed: 6, stream: 9, key: 3))
    }

    @Test("stableHash is FNV-1a 64 (reference values)")
    func fnv() {
        #expect(KeyedNoise.stableHash("") == 0xCBF2_9CE4_8422_2325)
        #expect(KeyedNoise.stableHash("a") == 0xAF63_DC4C_8601_EC8C)
        #expect(KeyedNoise.stableHash("foobar") == 0x8594_4171_F739_67E8)
    }
}
