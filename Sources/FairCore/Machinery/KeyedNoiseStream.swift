import FairSupport

/// The noise of one `(seed, stream)` for many keys, with the key-independent part of
/// `KeyedNoise.bits(seed:stream:key:)` (`mix(seed, stream)`) computed once: the same bits,
/// about half the work per key in a row loop.
struct KeyedNoiseStream: Sendable {
    let base: UInt64

    init(seed: UInt64, stream: UInt64) {
        base = KeyedNoise.mix(seed, stream)
    }

    /// `KeyedNoise.bits(seed:stream:key:)`.
    @inline(__always)
    func bits(key: UInt64) -> UInt64 {
        SplitMix64.finalize(KeyedNoise.mix(base, key) &+ 0x9E37_79B9_7F4A_7C15)
    }

    /// `KeyedNoise.symmetric(seed:stream:key:halfWidth:)`: exactly 0 when `halfWidth == 0`.
    @inline(__always)
    func symmetric(key: UInt64, halfWidth: Double) -> Double {
        if halfWidth == 0 { return 0 }
        return halfWidth * (2.0 * (Double(bits(key: key) >> 11) * 0x1.0p-53) - 1.0)
    }
}
