import Testing
@testable import FairCore

@Suite("KeyedNoiseStream")
struct KeyedNoiseStreamTests {
    @Test("a KeyedNoiseStream gives the bits and the noise of KeyedNoise for every key")
    func sameAsKeyedNoise() {
        var rng = SeededGenerator(seed: 77)
        for _ in 0..<50 {
            let seed = rng.next(), stream = rng.next()
            let noise = KeyedNoiseStream(seed: seed, stream: stream)
            for _ in 0..<200 {
                let key = rng.next(), u = [0, 1e-4, 0.5, 1e300][rng.nextInt(below: 4)]
                #expect(noise.bits(key: key) == KeyedNoise.bits(seed: seed, stream: stream, key: key))
                #expect(noise.symmetric(key: key, halfWidth: u).bitPattern
                        == KeyedNoise.symmetric(seed: seed, stream: stream, key: key, halfWidth: u).bitPattern)
            }
        }
    }
}
