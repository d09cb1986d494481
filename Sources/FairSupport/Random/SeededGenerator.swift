/// The one seedable pseudo-random generator used across FairMTL.
///
/// Algorithm: **xoshiro256\*\*** (Blackman & Vigna, 2018), whose 256-bit state is filled from the
/// 64-bit seed by four outputs of **SplitMix64**. Both are defined on 64-bit unsigned integers
/// with wrapping arithmetic only, so the same seed gives the same stream of `UInt64` values on
/// every platform and every Swift version. FairMTL never uses the system generator.
///
/// Derived values:
/// - `nextDouble()` is `(next() >> 11) * 2^-53`: a uniform on the 2^53-point grid of [0, 1),
///   exact and platform-independent.
/// - `nextNormal()` uses the Box–Muller transform on two `nextDouble()` draws. It calls `log`,
///   `sqrt`, `cos` from the platform's libm, so normals agree across machines only to the
///   last bit or so; integer and uniform draws agree exactly.
///
/// Streams: use `SeededGenerator(seed:stream:)` (or `KeyedNoise`) to derive independent,
/// reproducible generators for separate purposes (e.g. one per task or per bootstrap replicate)
/// rather than sharing hidden state.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Hashable, Codable {
    @usableFromInline internal var s0: UInt64
    @usableFromInline internal var s1: UInt64
    @usableFromInline internal var s2: UInt64
    @usableFromInline internal var s3: UInt64

    /// Creates a generator whose whole stream is determined by `seed`.
    public init(seed: UInt64) {
        var sm = seed
        s0 = SplitMix64.next(&sm)
        s1 = SplitMix64.next(&sm)
        s2 = SplitMix64.next(&sm)
        s3 = SplitMix64.next(&sm)
    }

    /// Creates a generator for one named purpose under a master seed: the stream is
    /// determined by `(seed, stream)` and independent of other streams for practical purposes.
    public init(seed: UInt64, stream: UInt64) {
        self.init(seed: KeyedNoise.mix(seed, stream))
    }

    /// Creates a generator for a purpose named by a string (hashed with FNV-1a, stable across runs).
    public init(seed: UInt64, purpose: String) {
        self.init(seed: seed, stream: KeyedNoise.stableHash(purpose))
    }

    /// The next 64 random bits (xoshiro256**).
    @inlinable
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    /// A uniform draw on [0, 1) with 53 random bits.
    @inlinable
    public mutating func nextDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform draw on [low, high).
    @inlinable
    public mutating func nextDouble(in low: Double, _ high: Double) -> Double {
        low + (high - low) * nextDouble()
    }

    /// A standard normal draw (Box–Muller; uses one pair of uniforms per call).
    public mutating func nextNormal() -> Double {
        // 1 - u lies in (0, 1], so the logarithm is finite.
        let u1 = 1.0 - nextDouble()
        let u2 = nextDouble()
        return (-2.0 * LibM.log(u1)).squareRoot() * LibM.cos(2.0 * Double.pi * u2)
    }

    /// A uniform integer in `0..<bound` without modulo bias (Lemire's method). `bound` must be > 0.
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "nextInt(below:) needs a positive bound")
        return Int(next(upperBound: UInt64(bound)))
    }

    @inlinable
    internal func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }
}

/// SplitMix64 (Steele, Lea & Flood, 2014): a 64-bit counter passed through a bijective mixer.
@usableFromInline package enum SplitMix64 {
    /// Advances `state` by the golden-ratio increment and returns the mixed value.
    @inlinable
    package static func next(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return finalize(state)
    }

    /// The SplitMix64 output function: a bijection on UInt64 with good avalanche.
    @inlinable
    package static func finalize(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
