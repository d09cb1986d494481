/// Dropout keep factors from random bits, 16 units at a time.
///
/// ## Convention
/// The bits are a sequence of 64-bit words, each holding four 16-bit draws, taken from the low bits
/// up: unit `k` reads bits `16·(k mod 4) ..< 16·(k mod 4) + 16` of word `⌊k/4⌋`. A unit is kept (factor
/// `scale`, i.e. 1/(1 − p)) when its draw is ≥ `threshold` = round(p·2¹⁶), else dropped (factor 0), so the
/// dropout probability is p rounded to a multiple of 2⁻¹⁶. The vector body reads the words' memory as
/// 16-bit values, which is the same order on a little-endian machine (every platform Swift supports
/// for FairMTL: x86-64 and arm64); the result is identical to the scalar definition (tested).
enum DropoutKernels {
    /// Writes `count` keep factors from `⌈count/4⌉` words.
    static func keepFactors(words: UnsafePointer<UInt64>, count n: Int, threshold: UInt32, scale: Float,
                            into out: UnsafeMutablePointer<Float>) {
        let draws = UnsafeRawPointer(words)
        let limit = SIMD16<Int32>(repeating: Int32(threshold))
        let kept = FloatVector(repeating: scale), dropped = FloatVector(repeating: 0)
        var k = 0
        while k + 16 <= n {
            let quarters = draws.loadUnaligned(fromByteOffset: 2 * k, as: SIMD16<UInt16>.self)
            let keep = SIMD16<Int32>(truncatingIfNeeded: quarters) .>= limit
            storeVector(dropped.replacing(with: kept, where: keep), out + k)
            k += 16
        }
        while k < n {
            let quarter = UInt32(truncatingIfNeeded: words[k / 4] >> UInt64(16 * (k % 4))) & 0xFFFF
            out[k] = quarter >= threshold ? scale : 0
            k += 1
        }
    }
}
