/// Sorts a calibration pool into one sorted (jittered) sample per group, all in one buffer: the
/// fit of `BarycenterRepair` without a calibration split.
///
/// An MSD radix sort straight from the rows, in three passes over the data, each split between
/// the workers (two threads for large pools); every pass is stable and the result does not
/// depend on the number of workers or on the bucketing:
/// 1. **Histogram** (`histogram()`, which also validates and counts). Each row's jittered score
///    `y = x + ζ` becomes its order-preserving key (`RadixSort.key`); its bucket is
///    `(group, top digit of key − low_g)`, up to 2048 buckets per group over a key range
///    `[low_g, high_g]` estimated from a strided sample of the rows and widened by the jitter
///    half-width. Keys outside the range are clamped into the end buckets, which keeps the
///    order (the bucket function stays non-decreasing), so the estimate only affects speed.
///    A row with a code that is not a group, or a score that is not finite (or too large to
///    jitter), goes to a sink bucket and flags the pass.
/// 2. **Scatter** (`sortedSamples()`) of every key into its bucket of the result buffer (group
///    `g`'s buckets form its segment; worker `w`'s keys of a bucket follow those of the workers
///    before it).
/// 3. **Finish.** Every bucket, small enough for the cache, is sorted in place through a
///    bucket-sized scratch buffer (`RadixSort.finish`) and its keys are turned into values while
///    they are in cache. Workers take the buckets by position, so each sorts about half.
///
/// Memory: the result (8 bytes per row), a scratch buffer as large as the largest bucket, and
/// up to `bucketIDRowLimit` rows' buckets (2 bytes each).
final class PoolSorter<Code: GroupCode> {
    let batch: RowBatch<Code>
    /// Code -> fitted group; `codeCount` (codes out of range) -> `groupCount` (the sink).
    private let lookup: [Int32]
    let groupCount: Int
    let workers: Int
    private let seed: UInt64
    private let stream: UInt64
    private let halfWidth: Double
    private let digits: [ClampedDigit]
    /// First bucket of each group; `bucketBase[groupCount]` is the sink bucket.
    private let bucketBase: [Int]
    private var bucketCount: Int { bucketBase[groupCount] }
    /// Per (worker, bucket): counts, then each worker's next slot.
    private let slots: UnsafeMutablePointer<Int>
    /// Each row's bucket, written by the histogram and read by the scatter (which then need not
    /// compute it again; measured in Sources/fair-bench/README.md); nil when the buckets do not fit in
    /// 16 bits (many groups) or the pool is larger than `PoolSorting.bucketIDRowLimit`, where
    /// the 2 bytes per row would weigh on the peak memory more than the time saved is worth.
    private let bucketIDs: UnsafeMutablePointer<UInt16>?
    /// With jitter (u > 0) and `bucketIDs`: each row's jittered key, so that the scatter does
    /// not draw the row's noise again.
    private let jitteredKeys: UnsafeMutablePointer<UInt64>?

    init(_ batch: RowBatch<Code>, lookup codeToGroup: [Int32], groupCount k: Int, workers: Int,
         seed: UInt64, stream: UInt64, halfWidth: Double) {
        self.batch = batch
        self.groupCount = k
        self.workers = workers
        self.seed = seed
        self.stream = stream
        self.halfWidth = halfWidth
        lookup = codeToGroup + [Int32(k)]
        // Each group's key range from a strided sample of its finite scores (the whole sample's
        // range for a group with fewer than two sampled rows), widened by u.
        let stride = max(1, batch.count / PoolSorting.sampleSize)
        var low = [Double](repeating: .infinity, count: k + 1), high = [Double](repeating: -.infinity, count: k + 1)
        var sampled = [Int](repeating: 0, count: k + 1)
        var row = 0
        while row < batch.count {
            let c = Int(batch.codes[row]), x = batch.scores[row]
            if c >= 0 && c < codeToGroup.count && x.isFinite {
                let g = Int(codeToGroup[c])
                low[g] = min(low[g], x)
                high[g] = max(high[g], x)
                sampled[g] += 1
                low[k] = min(low[k], x)
                high[k] = max(high[k], x)
                sampled[k] += 1
            }
            row += stride
        }
        var digits: [ClampedDigit] = []
        var bucketBase = [Int](repeating: 0, count: k + 1)
        let expected = max(1, batch.count / max(1, k))
        for g in 0..<k {
            let source = sampled[g] >= 2 ? g : k
            var lowKey: UInt64 = 0, highKey: UInt64 = 0
            if sampled[source] > 0 {
                lowKey = RadixSort.key(low[source] - halfWidth)
                highKey = max(lowKey, RadixSort.key(high[source] + halfWidth))
            }
            let digit = ClampedDigit(RadixSort.TopDigit(low: lowKey, high: highKey, count: expected))
            digits.append(digit)
            bucketBase[g + 1] = bucketBase[g] + digit.bucketCount
        }
        self.digits = digits
        self.bucketBase = bucketBase
        let total = bucketBase[k] + 1
        slots = .allocate(capacity: workers * total)
        slots.initialize(repeating: 0, count: workers * total)
        bucketIDs = total < Int(UInt16.max) && batch.count <= PoolSorting.bucketIDRowLimit
            ? LargeBuffer.allocate(UInt16.self, capacity: max(1, batch.count)) : nil
        jitteredKeys = bucketIDs != nil && halfWidth > 0 ? LargeBuffer.allocate(UInt64.self, capacity: max(1, batch.count)) : nil
    }

    deinit {
        slots.deallocate()
        if let bucketIDs { LargeBuffer.deallocate(bucketIDs, capacity: max(1, batch.count)) }
        if let jitteredKeys { LargeBuffer.deallocate(jitteredKeys, capacity: max(1, batch.count)) }
    }

    /// Pass 1: counts the rows of every group (`counts[w][g]` for worker `w`'s rows) and
    /// whether a row needs the exact checks (an invalid code, a non-finite score, or one too
    /// large to jitter: `!(|x| + u < 2^1023)`).
    func histogram() -> (counts: [[Int]], flagged: Bool) {
        var flags = [Bool](repeating: false, count: workers)
        let total = bucketCount + 1
        withJob { job in
            flags.withUnsafeMutableBufferPointer { flags in
                let flagged = SharedPointer(flags.baseAddress!)
                Workers.run(workers) { w in flagged.pointer[w] = job.histogram(w, counts: job.slots + w * total) }
            }
        }
        var counts = [[Int]](repeating: [Int](repeating: 0, count: groupCount), count: workers)
        for w in 0..<workers {
            for g in 0..<groupCount {
                for b in bucketBase[g]..<bucketBase[g + 1] { counts[w][g] += slots[w * total + b] }
            }
        }
        return (counts, flags.contains(true))
    }

    /// Passes 2 and 3, after a `histogram()` that flagged nothing (or whose flags the exact
    /// checks cleared): the sorted samples, group `g` at `starts[g] ..< starts[g] + counts[g]`.
    func sortedSamples() -> UnsafeMutableBufferPointer<Double> {
        let n = batch.count
        let total = bucketCount + 1
        // Each worker's first slot in each bucket (worker-major within a bucket).
        let bucketStart = UnsafeMutablePointer<Int>.allocate(capacity: bucketCount + 1)
        defer { bucketStart.deallocate() }
        var running = 0
        for b in 0..<bucketCount {
            bucketStart[b] = running
            for w in 0..<workers {
                let c = slots[w * total + b]
                slots[w * total + b] = running
                running += c
            }
        }
        bucketStart[bucketCount] = running
        let values = LargeBuffer.allocateBuffer(Double.self, capacity: n)
        values.withMemoryRebound(to: UInt64.self) { keys in
            let shared = SharedPointer(keys.baseAddress!)
            withJob { job in
                Workers.run(workers) { w in job.scatter(w, into: shared.pointer) }
            }
            var largest = 1
            for b in 0..<bucketCount { largest = max(largest, bucketStart[b + 1] - bucketStart[b]) }
            let finish = FinishJob(keys: shared.pointer, bucketStart: bucketStart, buckets: bucketCount, total: n,
                                   largest: largest, workers: workers)
            Workers.run(workers) { finish.run($0) }
        }
        return values
    }

    private func withJob(_ body: (BucketingJob<Code>) -> Void) {
        lookup.withUnsafeBufferPointer { lookup in
            digits.withUnsafeBufferPointer { digits in
                bucketBase.withUnsafeBufferPointer { bucketBase in
                    body(BucketingJob(batch: batch, lookup: lookup.baseAddress!, codeCount: lookup.count - 1,
                                      groupCount: groupCount, digits: digits.baseAddress!,
                                      bucketBase: bucketBase.baseAddress!, buckets: bucketCount + 1, slots: slots,
                                      bucketIDs: bucketIDs, jitteredKeys: jitteredKeys,
                                      noise: KeyedNoiseStream(seed: seed, stream: stream), halfWidth: halfWidth,
                                      workers: workers))
                }
            }
        }
    }
}

enum PoolSorting {
    /// About this many rows are sampled to estimate the groups' key ranges.
    static let sampleSize = 1 << 13
    /// Pools up to this many rows keep each row's bucket between the histogram and the scatter.
    static let bucketIDRowLimit = 1 << 22
}

/// A `RadixSort.TopDigit` whose bucket function is clamped to its buckets (still
/// non-decreasing in the key), so that a key outside `[low, high]` cannot land out of order.
struct ClampedDigit {
    let low: UInt64
    let shift: UInt64
    let bucketCount: Int

    init(_ digit: RadixSort.TopDigit) {
        low = digit.low
        shift = digit.shift
        bucketCount = digit.bucketCount
    }

    @inline(__always)
    func bucket(_ key: UInt64) -> Int {
        let offset = key < low ? 0 : (key &- low) &>> shift
        return offset < UInt64(bucketCount) ? Int(offset) : bucketCount &- 1
    }
}

/// Passes 1 and 2 of `PoolSorter` over worker `w`'s rows.
private struct BucketingJob<Code: GroupCode>: @unchecked Sendable {
    let batch: RowBatch<Code>
    /// Code -> group, with `codeCount` -> the sink group.
    let lookup: UnsafePointer<Int32>
    let codeCount: Int
    /// The number of groups (also the sink group's index).
    let groupCount: Int
    let digits: UnsafePointer<ClampedDigit>
    /// First bucket of each group; entry `groupCount` is the sink bucket.
    let bucketBase: UnsafePointer<Int>
    /// Buckets per worker, the sink included.
    let buckets: Int
    let slots: UnsafeMutablePointer<Int>
    /// Each row's bucket (see `PoolSorter.bucketIDs`).
    let bucketIDs: UnsafeMutablePointer<UInt16>?
    /// Each row's jittered key (see `PoolSorter.jitteredKeys`).
    let jitteredKeys: UnsafeMutablePointer<UInt64>?
    let noise: KeyedNoiseStream
    let halfWidth: Double
    let workers: Int

    @inline(__always)
    func jittered(_ row: Int) -> Double {
        let x = batch.scores[row]
        if halfWidth == 0 { return x }
        return x + noise.symmetric(key: batch.key(row), halfWidth: halfWidth)
    }

    @inline(__always)
    func group(_ row: Int) -> Int {
        let c = Int(batch.codes[row])
        return Int(lookup[UInt(bitPattern: c) < UInt(codeCount) ? c : codeCount])
    }

    /// Counts worker `w`'s rows per bucket; returns whether a row was flagged.
    func histogram(_ w: Int, counts: UnsafeMutablePointer<Int>) -> Bool {
        let sink = buckets - 1
        let limit = 0x1p1023
        var bad: UInt8 = 0
        for row in batch.range(worker: w, of: workers) {
            let g = group(row)
            let x = batch.scores[row]
            // Flagged: a bad code, or |x| + u not below 2^1023 (NaN, infinite, or maybe too large
            // to jitter). Only bad codes and non-finite scores go to the sink: a huge finite score
            // the exact checks accept must be counted in its own bucket.
            bad |= g < groupCount && abs(x) + halfWidth < limit ? 0 : 1
            let b: Int
            if g < groupCount && x.isFinite {
                let key = RadixSort.key(jittered(row))
                if let jitteredKeys { jitteredKeys[row] = key }
                b = bucketBase[g] &+ digits[g].bucket(key)
            } else {
                b = sink
            }
            counts[b] &+= 1
            if let bucketIDs { bucketIDs[row] = UInt16(truncatingIfNeeded: b) }
        }
        return bad != 0
    }

    /// Stores worker `w`'s keys at its slots (every row valid), reading each row's bucket (and
    /// jittered key) from the histogram pass where it kept them.
    func scatter(_ w: Int, into keys: UnsafeMutablePointer<UInt64>) {
        let next = slots + w * buckets
        let rows = batch.range(worker: w, of: workers)
        if let bucketIDs, let jitteredKeys {
            CountingScatter.run(rows, next: next, place: { (Int(bucketIDs[$0]), jitteredKeys[$0]) }) { keys[$0] = $2 }
        } else if let bucketIDs {
            CountingScatter.run(rows, next: next, place: { (Int(bucketIDs[$0]), RadixSort.key(jittered($0))) }) { keys[$0] = $2 }
        } else {
            CountingScatter.run(rows, next: next, place: { row in
                let g = group(row), key = RadixSort.key(jittered(row))
                return (bucketBase[g] &+ digits[g].bucket(key), key)
            }) { keys[$0] = $2 }
        }
    }
}

/// Pass 3 of `PoolSorter`: worker `w` finishes the buckets that start in its share of positions.
private struct FinishJob: @unchecked Sendable {
    let keys: UnsafeMutablePointer<UInt64>
    let bucketStart: UnsafeMutablePointer<Int>
    let buckets: Int
    let total: Int
    let largest: Int
    let workers: Int

    func run(_ w: Int) {
        let from = total * w / workers, to = total * (w + 1) / workers
        var workspace = RadixSort.Workspace()
        let scratch = LargeBuffer.allocate(UInt64.self, capacity: largest)
        defer {
            workspace.deallocate()
            LargeBuffer.deallocate(scratch, capacity: largest)
        }
        let noPayload = UnsafeMutablePointer<Int32>.noBuffer
        for b in 0..<buckets {
            let start = bucketStart[b], size = bucketStart[b + 1] - start
            if size == 0 || start < from || start >= to { continue }
            let bucket = keys + start
            if size > 1 {
                scratch.update(from: bucket, count: size)
                RadixSort.finish(from: scratch, noPayload, into: bucket, noPayload, size, &workspace, RadixSort.KeysOnly.self)
            }
            for i in 0..<size { bucket[i] = RadixSort.value(ofKey: bucket[i]).bitPattern }
        }
    }
}
