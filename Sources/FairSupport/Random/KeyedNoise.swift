/// Counter-based random numbers: a value is a pure function of `(seed, stream, key)`.
///
/// This is how FairMTL draws per-row randomness (the paper's jitter) without hidden generator
/// state: the noise of row `key` for task `stream` under `seed` is the same whether the row is
/// transformed alone, inside any batch, in any order, or on any thread.
///
/// Construction: `mix(a, b)` folds two words through the SplitMix64 finaliser
/// (`finalize(finalize(a ^ C1) ^ b)`), a chain of bijections, so distinct keys under one
/// `(seed, stream)` never collide before the final 53-bit truncation.
/// Task names are turned into streams with `stableHash` (FNV-1a 64 over UTF-8), never with
/// Swift's `Hasher`, which is randomly seeded per process.
public enum KeyedNoise {
    /// Mixes two 64-bit words into one; a bijection in `b` for fixed `a`.
    @inlinable
    public static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        SplitMix64.finalize(SplitMix64.finalize(a ^ 0x6A09_E667_F3BC_C909) ^ b)
    }

    /// 64 random bits for `(seed, stream, key)`.
    @inlinable
    public static func bits(seed: UInt64, stream: UInt64, key: UInt64) -> UInt64 {
        SplitMix64.finalize(mix(mix(seed, stream), key) &+ 0x9E37_79B9_7F4A_7C15)
    }

    /// A uniform on [0, 1) (53-bit grid) for `(seed, stream, key)`.
    @inlinable
    public static func unit(seed: UInt64, stream: UInt64, key: UInt64) -> Double {
        Double(bits(seed: seed, stream: stream, key: key) >> 11) * 0x1.0p-53
    }

    /// A uniform on [-halfWidth, halfWidth) for `(seed, stream, key)`; exactly 0 when
    /// `halfWidth == 0`.
    @inlinable
    public static func symmetric(seed: UInt64, stream: UInt64, key: UInt64, halfWidth: Double) -> Double {
        if halfWidth == 0 { return 0 }
        return halfWidth * (2.0 * unit(seed: seed, stream: stream, key: key) - 1.0)
    }

    /// FNV-1a 64-bit hash of the UTF-8 bytes of `text`: stable across processes and platforms.
    public static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}
