import Dispatch

/// Sorts a calibration pool into one sorted (jittered) sample per group, all in one buffer: the
/// fit of `BarycenterRepair` without a calibration split.
///
/// An MSD radix sort straight from the rows, in three passes, each split between the workers
/// (two threads for large pools); every pass is stable and the result does not depend on the
/// number of workers:
/// 1. **Histogram.** Each row's jittered score `y = x + ζ` becomes its order-preserving key
///    (`RadixSort.key`); its bucket is `(group, top digit of key − low_g)`, with up to 2048
///    buckets per group over a key range `[low_g, high_g]` that holds every jittered score of
///    the group (from the census' score range widened by the jitter half-width `u`:
///    `fl(min − u) ≤ fl(x + ζ) ≤ fl(max + u)` because `|ζ| ≤ u` and rounding is monotone; keys
///    outside are clamped into the end buckets anyway, which keeps the order).
/// 2. **Scatter** of every key into its bucket of the result buffer (group `g`'s buckets form
///    its segment; worker `w`'s keys of a bucket follow those of the workers before it).
/// 3. **Finish.** Every bucket, small enough for the cache, is sorted in place through a
///    bucket-sized scratch buffer (`RadixSort.finish`) and its keys are turned into values while
///    they are in cache. Workers take the buckets by position, so each sorts about half.
///
/// Memory: the result (8 bytes per row) and a scratch buffer as large as the largest bucket.
enum PoolSorting {
    /// The sorted samples, group `g` at `starts[g] ..< starts[g] + counts[g]`, where `counts[g]`
    /// sums `census.counts[w][g]` (the census of each worker's range, in
    /// `RowBatch.range(worker:of:)` order, with the score ranges). Every row must be valid and
    /// its jittered score finite.
    static func sortedSamples<Code: GroupCode>(
        _ batch: RowBatch<Code>, lookup: [Int32], census: Census, seed: UInt64, stream: UInt64, halfWidth: Double
    ) -> UnsafeMutableBufferPointer<Double> {
        let n = batch.count
        let values = UnsafeMutableBufferPointer(start: LargeBuffer.allocate(Double.self, capacity: n), count: n)
        values.withMemoryRebound(to: UInt64.self) { keys in
            sort(into: keys.baseAddress!, batch, lookup: lookup, census: census, seed: seed, stream: stream, halfWidth: halfWidth)
        }
        return values
    }

    /// Passes 1-3 into `keys` (the result buffer, rebound), which ends up holding value bits.
    private static func sort<Code: GroupCode>(
        into keys: UnsafeMutablePointer<UInt64>, _ batch: RowBatch<Code>, lookup: [Int32], census: Census,
        seed: UInt64, stream: UInt64, halfWidth: Double
    ) {
        let workers = census.counts.count
        let k = census.low.count
        var counts = [Int](repeating: 0, count: k)
        for w in 0..<workers { for g in 0..<k { counts[g] += census.counts[w][g] } }

        // Each group's top digit over its widened key range; the groups' buckets side by side.
        var digits: [ClampedDigit] = []
        var bucketBase = [Int](repeating: 0, count: k + 1)
        for g in 0..<k {
            var low: UInt64 = 0, high: UInt64 = 0
            if counts[g] > 0 {
                low = RadixSort.key(census.low[g] - halfWidth)
                high = max(low, RadixSort.key(census.high[g] + halfWidth))
            }
            let digit = ClampedDigit(RadixSort.TopDigit(low: low, high: high, count: max(1, counts[g])))
            digits.append(digit)
            bucketBase[g + 1] = bucketBase[g] + digit.bucketCount
        }
        let buckets = bucketBase[k]

        // 1. Histogram per (worker, bucket); then each worker's first slot in each bucket.
        let slots = UnsafeMutablePointer<Int>.allocate(capacity: workers * buckets)
        defer { slots.deallocate() }
        slots.initialize(repeating: 0, count: workers * buckets)
        let bucketStart = UnsafeMutablePointer<Int>.allocate(capacity: buckets + 1)
        defer { bucketStart.deallocate() }
        lookup.withUnsafeBufferPointer { lookup in
            digits.withUnsafeBufferPointer { digits in
                bucketBase.withUnsafeBufferPointer { bucketBase in
                    let job = BucketingJob(batch: batch, lookup: lookup.baseAddress!, digits: digits.baseAddress!,
                                           bucketBase: bucketBase.baseAddress!, buckets: buckets, slots: slots, keys: keys,
                                           seed: seed, stream: stream, halfWidth: halfWidth, workers: workers)
                    parallel(workers) { job.histogram($0) }
                    var running = 0
                    for b in 0..<buckets {
                        bucketStart[b] = running
                        for w in 0..<workers {
                            let c = slots[w * buckets + b]
                            slots[w * buckets + b] = running
                            running += c
                        }
                    }
                    bucketStart[buckets] = running
                    // 2. Scatter.
                    parallel(workers) { job.scatter($0) }
                }
            }
        }

        // 3. Finish every bucket in place and turn its keys into values.
        var largest = 1
        for b in 0..<buckets { largest = max(largest, bucketStart[b + 1] - bucketStart[b]) }
        let finish = FinishJob(keys: keys, bucketStart: bucketStart, buckets: buckets, total: batch.count,
                               largest: largest, workers: workers)
        parallel(workers) { finish.run($0) }
    }

    /// Runs `body(w)` for `w` in `0..<workers`, on worker threads when there are several.
    static func parallel(_ workers: Int, _ body: @Sendable (Int) -> Void) {
        if workers == 1 {
            body(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: workers) { w in body(w) }
        }
    }
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

/// Passes 1 and 2 of `PoolSorting` over worker `w`'s rows.
private struct BucketingJob<Code: GroupCode>: @unchecked Sendable {
    let batch: RowBatch<Code>
    let lookup: UnsafePointer<Int32>
    let digits: UnsafePointer<ClampedDigit>
    let bucketBase: UnsafePointer<Int>
    let buckets: Int
    /// Counts per (worker, bucket), then each worker's next slot per bucket.
    let slots: UnsafeMutablePointer<Int>
    let keys: UnsafeMutablePointer<UInt64>
    let seed: UInt64
    let stream: UInt64
    let halfWidth: Double
    let workers: Int

    @inline(__always)
    func key(_ row: Int) -> UInt64 {
        let x = batch.scores[row]
        if halfWidth == 0 { return RadixSort.key(x) }
        return RadixSort.key(x + KeyedNoise.symmetric(seed: seed, stream: stream, key: batch.key(row), halfWidth: halfWidth))
    }

    @inline(__always)
    func bucket(_ row: Int, _ key: UInt64) -> Int {
        let g = Int(lookup[Int(batch.codes[row])])
        return bucketBase[g] &+ digits[g].bucket(key)
    }

    func histogram(_ w: Int) {
        let counts = slots + w * buckets
        for row in batch.range(worker: w, of: workers) { counts[bucket(row, key(row))] &+= 1 }
    }

    func scatter(_ w: Int) {
        let next = slots + w * buckets
        for row in batch.range(worker: w, of: workers) {
            let k = key(row)
            let b = bucket(row, k)
            let at = next[b]
            keys[at] = k
            next[b] = at &+ 1
        }
    }
}

/// Pass 3 of `PoolSorting`: worker `w` finishes the buckets that start in its share of positions.
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
            scratch.deallocate()
        }
        let noPayload = UnsafeMutablePointer<Int32>(bitPattern: 8)!
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
