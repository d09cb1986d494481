/// The whole per-row computation (jitter, map, out-of-range policy, ε, clip), shared by the
/// single-row and batch paths so that both give the same bits.
struct RowKernel: Sendable {
    /// Keeps the buffers `map` points into alive.
    let storage: RepairStorage
    let map: TransportMap
    let seed: UInt64
    let stream: UInt64
    /// The jitter of `(seed, stream)`, its key-independent part computed once.
    let noise: KeyedNoiseStream
    let halfWidth: Double
    let tailShift: Bool
    let clips: Bool
    let lower: Double
    let upper: Double
    let epsilon: Double

    init(_ repair: BarycenterRepair, epsilon: Double) {
        storage = repair.storage
        map = repair.storage.map
        seed = repair.options.seed
        stream = repair.noiseStream
        noise = KeyedNoiseStream(seed: seed, stream: stream)
        halfWidth = repair.options.jitterHalfWidth
        tailShift = repair.options.outOfRange == .tailShift
        clips = repair.options.outputRange != nil
        lower = repair.options.outputRange?.lower ?? 0
        upper = repair.options.outputRange?.upper ?? 0
        self.epsilon = epsilon
    }

    /// The output for score `x` of fitted group `s` (the single-row path); updates
    /// `counters[4s ..< 4s + 4]`: tail-shifted outputs that overflowed (an error for the
    /// caller), below range, above range, clipped.
    @inline(__always)
    func callAsFunction(_ x: Double, group s: Int, key: UInt64, counters: UnsafeMutablePointer<Int>) -> Double {
        let y = jittered(x, key: key)
        return finish(x, y: y, group: s, fair: map.fair(group: s, y: y), counters: counters)
    }

    /// `y = x + ζ(seed, task, key)`; exactly `x` (up to the sign of zero) when `u = 0`.
    @inline(__always)
    func jittered(_ x: Double, key: UInt64) -> Double {
        x + noise.symmetric(key: key, halfWidth: halfWidth)
    }

    /// Applies the out-of-range policy, ε and the output range to the map's value `fair` at `y`.
    @inline(__always)
    func finish(_ x: Double, y: Double, group s: Int, fair: Double, counters: UnsafeMutablePointer<Int>) -> Double {
        let low = map.cdfMinimum(s), high = map.cdfMaximum(s)
        var out = fair
        if y < low {
            counters[4 * s + 1] += 1
            if tailShift {
                out = map.lowBoundaryOutput[s] + (y - low)
                if !out.isFinite { counters[4 * s] += 1 }
            }
        } else if y > high {
            counters[4 * s + 2] += 1
            if tailShift {
                out = map.highBoundaryOutput[s] + (y - high)
                if !out.isFinite { counters[4 * s] += 1 }
            }
        }
        if epsilon != 0 {
            // (1 - ε) fair + ε x, kept inside [min, max] of the two against rounding; ε = 1 gives x.
            let mixed = (1 - epsilon) * out + epsilon * x
            out = min(max(mixed, min(out, x)), max(out, x))
        }
        if clips {
            let clipped = min(max(out, lower), upper)
            if clipped != out { counters[4 * s + 3] += 1 }
            out = clipped
        }
        return out
    }
}
