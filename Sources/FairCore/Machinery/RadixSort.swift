/// Sorting of `Double` arrays in O(n): radix sort on the IEEE-754 bits.
///
/// Swift's standard `sort()` is a comparison sort, many times slower on large arrays
/// (measurements: Sources/fair-bench/README.md). Every fit, KS statistic and rank check in
/// FairMTL starts with a sort, so FairCore sorts with this radix sort instead.
///
/// ## Mathematical properties
/// - **Order.** The result is ascending in the `<=` order of `Double`. Each value is mapped to
///   a `UInt64` key whose unsigned order equals the numeric order (`~bits` for negatives, `bits`
///   with the sign bit set for non-negatives), sorted on that key, and mapped back.
/// - **Signed zeros.** `-0.0` is stored as `+0.0` (they compare equal; canonical output keeps
///   tie blocks bit-identical).
/// - **Stability.** `sortedIndices` is stable: equal values keep their original relative order,
///   so a tie block is returned in row order and the result is deterministic.
/// - **NaN.** Not allowed: callers validate their input first (FairCore reports a NaN as an
///   error naming the row). A NaN would be placed after `+infinity`.
/// - **Method and cost.** O(n), every pass stable. One most-significant-digit pass splits the
///   keys into up to 2048 buckets by the top 11 bits of `key − min` (so the digit adapts to the
///   data's range), writing into a scratch buffer; each bucket, small enough to stay in cache,
///   is then finished in place (`finish`: insertion sort up to 32 keys, one more small MSD split
///   up to 2048, least-significant-digit passes over the digits that vary within the bucket up
///   to 2^16; a larger bucket, from a skewed range, is split again like the whole array).
///   Memory traffic is about two reads and two writes per key, instead of one of each per
///   digit. `sort` converts the values to keys in place (no key array); arrays of fewer than 64
///   elements are insertion-sorted.
public enum RadixSort {
    /// Bits of the most-significant digit (at most 2048 buckets).
    static let topDigitBits = 11
    /// Arrays (and buckets) up to this size are insertion-sorted.
    static let insertionCutoff = 32
    /// Below this size the whole array is insertion-sorted.
    static let smallArray = 64

    /// The order-preserving unsigned key of `value` (`-0.0` maps to the key of `+0.0`).
    @inlinable
    package static func key(_ value: Double) -> UInt64 {
        let bits = (value + 0.0).bitPattern
        return (bits >> 63) == 1 ? ~bits : bits | 0x8000_0000_0000_0000
    }

    /// The `Double` whose key is `key` (inverse of `key(_:)` on canonical values).
    @inlinable
    package static func value(ofKey key: UInt64) -> Double {
        let bits = (key >> 63) == 1 ? key & 0x7FFF_FFFF_FFFF_FFFF : ~key
        return Double(bitPattern: bits)
    }

    /// Sorts `values` ascending in place.
    public static func sort(_ values: inout [Double]) {
        let n = values.count
        if n == 0 { return }
        values.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: UInt64.self) { keys in
                for i in 0..<n { keys[i] = key(Double(bitPattern: keys[i])) }
                sortKeys(keys)
                for i in 0..<n { keys[i] = value(ofKey: keys[i]).bitPattern }
            }
        }
    }

    /// Returns the elements of any collection of doubles, sorted ascending.
    public static func sorted<C: Collection>(_ values: C) -> [Double] where C.Element == Double {
        var copy = Array(values)
        sort(&copy)
        return copy
    }

    /// The stable sorting permutation: `values[result[0]] <= values[result[1]] <= ...`, ties in
    /// increasing index order. Indices are `Int32`, so at most 2^31 - 1 elements.
    public static func sortedIndices(_ values: [Double]) -> [Int32] {
        let n = values.count
        precondition(n < Int(Int32.max), "sortedIndices supports fewer than 2^31 elements")
        var keys = [UInt64](unsafeUninitializedCapacity: n) { buffer, count in
            values.withUnsafeBufferPointer { source in
                for i in 0..<n { buffer[i] = key(source[i]) }
            }
            count = n
        }
        var index = [Int32](unsafeUninitializedCapacity: n) { buffer, count in
            for i in 0..<n { buffer[i] = Int32(i) }
            count = n
        }
        sortKeys(&keys, carrying: &index)
        return index
    }

    /// Sorts unsigned keys ascending.
    package static func sortKeys(_ keys: inout [UInt64]) {
        keys.withUnsafeMutableBufferPointer { sortKeys($0) }
    }

    /// Sorts unsigned keys ascending and applies the same (stable) permutation to `payload`,
    /// which must have the same count as `keys`.
    package static func sortKeys(_ keys: inout [UInt64], carrying payload: inout [Int32]) {
        precondition(payload.count == keys.count, "payload and keys must have the same count")
        keys.withUnsafeMutableBufferPointer { k in
            payload.withUnsafeMutableBufferPointer { p in
                sort(k, p, Carrying.self)
            }
        }
    }

    /// Sorts the keys of a buffer ascending.
    static func sortKeys(_ keys: UnsafeMutableBufferPointer<UInt64>) {
        sort(keys, UnsafeMutableBufferPointer(start: nil, count: 0), KeysOnly.self)
    }

    /// Sorts the keys of a buffer ascending in place, using `scratch` (at least `keys.count`
    /// elements, contents ignored) as the working buffer, so that a caller sorting many
    /// segments (e.g. one per group) allocates it once.
    package static func sortKeys(_ keys: UnsafeMutableBufferPointer<UInt64>, scratch: UnsafeMutableBufferPointer<UInt64>) {
        let n = keys.count
        guard n > 1, let data = keys.baseAddress else { return }
        precondition(scratch.count >= n, "the scratch buffer must hold at least as many keys as the buffer to sort")
        let noPayload = UnsafeMutablePointer<Int32>.noBuffer
        if n < smallArray {
            insertionSort(data, noPayload, n, KeysOnly.self)
            return
        }
        var workspace = Workspace()
        defer { workspace.deallocate() }
        sortInPlace(data, noPayload, buffer: scratch.baseAddress!, noPayload, n, &workspace, KeysOnly.self)
    }

    // MARK: - The sort

    /// Whether the payload is carried; a type parameter so that the keys-only sort is
    /// specialised without any payload code.
    protocol PayloadMode { static var carries: Bool { get } }
    enum KeysOnly: PayloadMode { static var carries: Bool { false } }
    enum Carrying: PayloadMode { static var carries: Bool { true } }

    static func sort<Mode: PayloadMode>(_ keyBuffer: UnsafeMutableBufferPointer<UInt64>,
                                        _ payloadBuffer: UnsafeMutableBufferPointer<Int32>, _: Mode.Type) {
        let n = keyBuffer.count
        guard n > 1, let keys = keyBuffer.baseAddress else { return }
        let payload = payloadBuffer.baseAddress ?? .noBuffer
        if n < smallArray {
            insertionSort(keys, payload, n, Mode.self)
            return
        }
        let scratch = UnsafeMutablePointer<UInt64>.allocate(capacity: n)
        let scratchPayload = UnsafeMutablePointer<Int32>.allocate(capacity: Mode.carries ? n : 1)
        defer {
            scratch.deallocate()
            scratchPayload.deallocate()
        }
        var workspace = Workspace()
        defer { workspace.deallocate() }
        sortInPlace(keys, payload, buffer: scratch, scratchPayload, n, &workspace, Mode.self)
    }

    /// Small per-call buffers: LSD counters (up to 6 digits of 11 bits), the digit shifts of a
    /// bucket, and the counters of the small MSD split of `splitSort`.
    struct Workspace {
        let counters = UnsafeMutablePointer<Int>.allocate(capacity: 6 << 11)
        let passShifts = UnsafeMutablePointer<UInt64>.allocate(capacity: 16)
        let splitCounters = UnsafeMutablePointer<Int>.allocate(capacity: 2 * (splitMaximumBuckets + 1))
        func deallocate() {
            counters.deallocate()
            passShifts.deallocate()
            splitCounters.deallocate()
        }
    }

    /// Buckets up to this size are finished by LSD passes in cache; larger ones are split again.
    static let cachedBucket = 1 << 16

    /// Sorts `data[0..<count]` in place, using `buffer` (same size) as scratch: one MSD pass on the
    /// top digit of `key − min` into `buffer`, then every bucket finished back into `data`.
    static func sortInPlace<Mode: PayloadMode>(
        _ data: UnsafeMutablePointer<UInt64>, _ dataPayload: UnsafeMutablePointer<Int32>,
        buffer: UnsafeMutablePointer<UInt64>, _ bufferPayload: UnsafeMutablePointer<Int32>,
        _ count: Int, _ workspace: inout Workspace, _: Mode.Type
    ) {
        if count < smallArray {
            insertionSort(data, dataPayload, count, Mode.self)
            return
        }
        var low = UInt64.max, high = UInt64.min
        for i in 0..<count {
            let k = data[i]
            low = k < low ? k : low
            high = k > high ? k : high
        }
        if low == high { return }
        let digit = TopDigit(low: low, high: high, count: count)
        let starts = UnsafeMutablePointer<Int>.allocate(capacity: digit.bucketCount + 1)
        defer { starts.deallocate() }
        starts.initialize(repeating: 0, count: digit.bucketCount + 1)
        for i in 0..<count { starts[digit.bucket(data[i]) &+ 1] &+= 1 }
        for b in 0..<digit.bucketCount { starts[b + 1] &+= starts[b] }
        let next = UnsafeMutablePointer<Int>.allocate(capacity: digit.bucketCount)
        defer { next.deallocate() }
        next.initialize(from: starts, count: digit.bucketCount)
        CountingScatter.run(0..<count, next: next, place: { (digit.bucket(data[$0]), data[$0]) }) { at, i, k in
            buffer[at] = k
            if Mode.carries { bufferPayload[at] = dataPayload[i] }
        }
        for b in 0..<digit.bucketCount {
            let start = starts[b], size = starts[b + 1] - start
            if size == 0 { continue }
            finish(from: buffer + start, bufferPayload + start, into: data + start, dataPayload + start,
                   size, &workspace, Mode.self)
        }
    }

    /// The most-significant digit of a key range: the top bits of `key − low`, at most
    /// `topDigitBits` of them, and fewer for small arrays (about `count / 4` buckets).
    struct TopDigit {
        let low: UInt64
        let shift: UInt64
        let bucketCount: Int

        init(low: UInt64, high: UInt64, count: Int, maximumBits: Int = RadixSort.topDigitBits) {
            let rangeBits = 64 - (high &- low).leadingZeroBitCount
            let bits = min(maximumBits, rangeBits, max(4, Int.bitWidth - count.leadingZeroBitCount - 2))
            self.low = low
            self.shift = UInt64(rangeBits - bits)
            self.bucketCount = Int((high &- low) >> shift) + 1
        }

        @inline(__always)
        func bucket(_ key: UInt64) -> Int { Int((key &- low) &>> shift) }
    }

    /// Buckets up to this size are finished by one small MSD split (`splitSort`).
    static let splitCutoff = 2048
    /// The widest LSD digit (the counters of `Workspace` hold 6 passes of it).
    static let widestDigitBits = 11
    /// Largest number of buckets of the small MSD split, and its bits.
    static let splitMaximumBits = 12
    static let splitMaximumBuckets = 1 << splitMaximumBits
    /// The small MSD split aims at `1 / splitKeysPerBucketInverse` keys per bucket.
    static let splitKeysPerBucketInverse = 4

    /// Sorts the keys of `source` (which it destroys) into `target`, all passes stable:
    /// - at most 32 keys: insertion sort;
    /// - up to 2048: one MSD split into about `4 · count` buckets by the top bits of `key − min`,
    ///   then insertion sort (`splitSort`);
    /// - up to 2^16 (in cache): LSD passes over the span of bits that vary within the bucket, with
    ///   digits of 6 to 11 bits chosen for the fewest passes and counters, ping-ponging between the
    ///   two buffers (`lsdSort`);
    /// - larger (a skewed range): another full MSD split (`sortInPlace`).
    static func finish<Mode: PayloadMode>(
        from source: UnsafeMutablePointer<UInt64>, _ sourcePayload: UnsafeMutablePointer<Int32>,
        into target: UnsafeMutablePointer<UInt64>, _ targetPayload: UnsafeMutablePointer<Int32>,
        _ count: Int, _ workspace: inout Workspace, _: Mode.Type
    ) {
        if count <= insertionCutoff {
            target.update(from: source, count: count)
            if Mode.carries { targetPayload.update(from: sourcePayload, count: count) }
            insertionSort(target, targetPayload, count, Mode.self)
        } else if count <= splitCutoff {
            splitSort(from: source, sourcePayload, into: target, targetPayload, count, &workspace, Mode.self)
        } else if count <= cachedBucket {
            lsdSort(from: source, sourcePayload, into: target, targetPayload, count,
                    digitBits: RadixSort.widestDigitBits, &workspace, Mode.self)
        } else {
            sortInPlace(source, sourcePayload, buffer: target, targetPayload, count, &workspace, Mode.self)
            target.update(from: source, count: count)
            if Mode.carries { targetPayload.update(from: sourcePayload, count: count) }
        }
    }

    /// One stable MSD split of `source` into `target` by the top bits of `key − min` (about one
    /// key per four buckets, at most `splitMaximumBuckets`), then one insertion sort of `target`
    /// (each key moves only within its bucket); when a bucket is still large (a clustered range),
    /// each bucket is finished on its own instead, a large one by `lsdSort`.
    static func splitSort<Mode: PayloadMode>(
        from source: UnsafeMutablePointer<UInt64>, _ sourcePayload: UnsafeMutablePointer<Int32>,
        into target: UnsafeMutablePointer<UInt64>, _ targetPayload: UnsafeMutablePointer<Int32>,
        _ count: Int, _ workspace: inout Workspace, _: Mode.Type
    ) {
        var low = UInt64.max, high = UInt64.min
        for i in 0..<count {
            let k = source[i]
            low = k < low ? k : low
            high = k > high ? k : high
        }
        if low == high {
            target.update(from: source, count: count)
            if Mode.carries { targetPayload.update(from: sourcePayload, count: count) }
            return
        }
        // About one key per sub-bucket (fewer collisions, so the insertion sort below rarely
        // moves a key and its branches are predictable).
        let digit = TopDigit(low: low, high: high, count: splitKeysPerBucketInverse * count, maximumBits: splitMaximumBits)
        let starts = workspace.splitCounters, next = workspace.splitCounters + (splitMaximumBuckets + 1)
        starts.update(repeating: 0, count: digit.bucketCount + 1)
        for i in 0..<count { starts[digit.bucket(source[i]) &+ 1] &+= 1 }
        var largest = 0
        for b in 0..<digit.bucketCount {
            largest = max(largest, starts[b + 1])
            starts[b + 1] &+= starts[b]
        }
        next.update(from: starts, count: digit.bucketCount)
        CountingScatter.run(0..<count, next: next, place: { (digit.bucket(source[$0]), source[$0]) }) { at, i, k in
            target[at] = k
            if Mode.carries { targetPayload[at] = sourcePayload[i] }
        }
        if largest <= 2 * insertionCutoff {
            // Every key is already in its sub-bucket, so one insertion sort of the whole range
            // moves each key only within it: the same result as sorting each sub-bucket, without
            // a loop (and a mispredicted size test) per sub-bucket.
            insertionSort(target, targetPayload, count, Mode.self)
            return
        }
        for b in 0..<digit.bucketCount {
            let start = starts[b], size = starts[b + 1] - start
            if size <= 1 { continue }
            if size <= 2 * insertionCutoff {
                insertionSort(target + start, targetPayload + start, size, Mode.self)
            } else {
                // Sort the bucket back into `source` (free now), then copy it into place.
                lsdSort(from: target + start, targetPayload + start, into: source + start, sourcePayload + start,
                        size, digitBits: 8, &workspace, Mode.self)
                (target + start).update(from: source + start, count: size)
                if Mode.carries { (targetPayload + start).update(from: sourcePayload + start, count: size) }
            }
        }
    }

    /// Stable LSD radix sort of `source` (destroyed) into `target`, with digits of at most
    /// `digitBits` bits over the span of bits that vary among the keys (constant digits are
    /// skipped).
    static func lsdSort<Mode: PayloadMode>(
        from source: UnsafeMutablePointer<UInt64>, _ sourcePayload: UnsafeMutablePointer<Int32>,
        into target: UnsafeMutablePointer<UInt64>, _ targetPayload: UnsafeMutablePointer<Int32>,
        _ count: Int, digitBits: Int, _ workspace: inout Workspace, _: Mode.Type
    ) {
        var anyBits: UInt64 = 0, allBits: UInt64 = .max
        for i in 0..<count {
            let k = source[i]
            anyBits |= k
            allBits &= k
        }
        let varying = anyBits ^ allBits
        if varying == 0 {
            target.update(from: source, count: count)
            if Mode.carries { targetPayload.update(from: sourcePayload, count: count) }
            return
        }
        // Digits from the lowest varying bit, of the width (at most `digitBits`) that minimises
        // passes × (counters to sum + keys to move), weights measured on the project machine
        // (about 1/3 ns per counter and 1.2 ns per key and pass); an even number of passes
        // costs one more copy.
        let lowest = varying.trailingZeroBitCount, span = 64 - varying.leadingZeroBitCount - lowest
        var bits = min(digitBits, span), best = Double.infinity
        for candidate in max(1, min(6, span))...min(digitBits, span) {
            let passes = (span + candidate - 1) / candidate
            let cost = Double(passes) * (Double(1 << candidate) / 3 + 1.2 * Double(count))
                + (passes % 2 == 0 ? 0.6 * Double(count) : 0)
            if cost < best { best = cost; bits = candidate }
        }
        let radix = 1 << bits
        let mask = UInt64(radix - 1)
        let passShifts = workspace.passShifts, counters = workspace.counters
        var passCount = 0
        var shift = lowest
        while shift < 64 {
            if (varying >> UInt64(shift)) & mask != 0 {
                passShifts[passCount] = UInt64(shift)
                passCount += 1
            }
            shift += bits
        }
        // Histograms of every pass in one read of the keys.
        counters.update(repeating: 0, count: radix * passCount)
        for i in 0..<count {
            let k = source[i]
            for p in 0..<passCount { counters[p &* radix &+ Int((k &>> passShifts[p]) & mask)] &+= 1 }
        }
        // With an even number of passes the last one would write into `source`: start with a
        // copy into `target` so that the last pass writes into `target`.
        var src = source, dst = target, srcPayload = sourcePayload, dstPayload = targetPayload
        if passCount % 2 == 0 {
            target.update(from: source, count: count)
            if Mode.carries { targetPayload.update(from: sourcePayload, count: count) }
            swap(&src, &dst)
            swap(&srcPayload, &dstPayload)
        }
        for p in 0..<passCount {
            let s = passShifts[p]
            let offsets = counters + p * radix
            var running = 0
            for d in 0..<radix {
                let c = offsets[d]
                offsets[d] = running
                running &+= c
            }
            for i in 0..<count {
                let k = src[i]
                let d = Int((k &>> s) & mask)
                let at = offsets[d]
                dst[at] = k
                if Mode.carries { dstPayload[at] = srcPayload[i] }
                offsets[d] = at &+ 1
            }
            swap(&src, &dst)
            swap(&srcPayload, &dstPayload)
        }
    }

    /// Stable insertion sort of `count` keys (and payload).
    @inline(__always)
    static func insertionSort<Mode: PayloadMode>(_ keys: UnsafeMutablePointer<UInt64>, _ payload: UnsafeMutablePointer<Int32>,
                                                 _ count: Int, _: Mode.Type) {
        if count < 2 { return }
        for i in 1..<count {
            let k = keys[i]
            let p = Mode.carries ? payload[i] : 0
            var j = i
            while j > 0 && keys[j - 1] > k {
                keys[j] = keys[j - 1]
                if Mode.carries { payload[j] = payload[j - 1] }
                j -= 1
            }
            keys[j] = k
            if Mode.carries { payload[j] = p }
        }
    }
}
