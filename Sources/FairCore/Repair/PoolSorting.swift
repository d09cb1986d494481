import Dispatch

/// Sorts a calibration pool into one sorted (jittered) sample per group, all in one buffer: the
/// fit of `BarycenterRepair` without a calibration split.
///
/// Passes, each split between the workers (two threads for large pools); every pass is stable and
/// the result does not depend on the number of workers:
/// 1. **Jitter and group.** Each row's jittered score `y = x + ζ` becomes its order-preserving key
///    (`RadixSort.key`) in its group's segment; worker `w` writes the part of the segment after
///    the rows of the workers before it, and notes each group's smallest and largest key.
/// 2. **Histogram** of the top digit of `key − min` of every segment part (`RadixSort.TopDigit`,
///    up to 2048 buckets per group, adapted to the group's key range).
/// 3. **Scatter** of every key into its bucket, in a scratch buffer (stable: worker `w`'s keys of a
///    bucket follow those of the workers before it).
/// 4. **Finish.** Every bucket, small enough for the cache, is sorted back into place
///    (`RadixSort.finish`) and its keys are turned into values while they are in cache. Workers
///    take the buckets by position, so each sorts about half of the keys.
///
/// Memory: the result (8 bytes per row) and a scratch buffer of the same size, freed on return.
enum PoolSorting {
    /// The sorted samples, group `g` at `starts[g] ..< starts[g] + counts[g]`, where `counts[g]`
    /// sums `workerCounts[w][g]` (the census of the rows of each worker's range, in
    /// `RowBatch.range(worker:of:)` order). Every row must be valid and its jittered score finite.
    static func sortedSamples<Code: GroupCode>(
        _ batch: RowBatch<Code>, lookup: [Int32], workerCounts: [[Int]], seed: UInt64, stream: UInt64, halfWidth: Double
    ) -> UnsafeMutableBufferPointer<Double> {
        let workers = workerCounts.count
        let k = workerCounts[0].count
        let n = batch.count
        var counts = [Int](repeating: 0, count: k)
        for w in 0..<workers { for g in 0..<k { counts[g] += workerCounts[w][g] } }
        var starts = [Int](repeating: 0, count: k + 1)
        for g in 0..<k { starts[g + 1] = starts[g] + counts[g] }

        let values = UnsafeMutableBufferPointer(start: LargeBuffer.allocate(Double.self, capacity: n), count: n)
        values.withMemoryRebound(to: UInt64.self) { keyBuffer in
            sortInto(keyBuffer.baseAddress!, batch, lookup: lookup, workerCounts: workerCounts, counts: counts,
                     starts: starts, seed: seed, stream: stream, halfWidth: halfWidth)
        }
        return values
    }

    /// Passes 1-4 into `keys` (the result buffer, rebound), which ends up holding value bits.
    private static func sortInto<Code: GroupCode>(
        _ keys: UnsafeMutablePointer<UInt64>, _ batch: RowBatch<Code>, lookup: [Int32], workerCounts: [[Int]],
        counts: [Int], starts: [Int], seed: UInt64, stream: UInt64, halfWidth: Double
    ) {
        let workers = workerCounts.count
        let k = counts.count
        let n = batch.count
        let scratch = LargeBuffer.allocate(UInt64.self, capacity: n)
        defer { scratch.deallocate() }

        // Where each worker's part of each group's segment begins.
        var partStart = [Int](repeating: 0, count: workers * k)
        for g in 0..<k {
            var at = starts[g]
            for w in 0..<workers {
                partStart[w * k + g] = at
                at += workerCounts[w][g]
            }
        }

        // 1. Jitter and group.
        var cursors = partStart
        var lows = [UInt64](repeating: .max, count: workers * k)
        var highs = [UInt64](repeating: .min, count: workers * k)
        lookup.withUnsafeBufferPointer { lookup in
            cursors.withUnsafeMutableBufferPointer { cursors in
                lows.withUnsafeMutableBufferPointer { lows in
                    highs.withUnsafeMutableBufferPointer { highs in
                        let job = GroupingJob(batch: batch, lookup: lookup.baseAddress!, groupCount: k, keys: keys,
                                              cursors: cursors.baseAddress!, lows: lows.baseAddress!,
                                              highs: highs.baseAddress!, seed: seed, stream: stream,
                                              halfWidth: halfWidth, workers: workers)
                        parallel(workers) { job.run($0) }
                    }
                }
            }
        }

        // Each group's top digit, from its key range; the groups' buckets side by side.
        var digits: [RadixSort.TopDigit] = []
        var bucketBase = [Int](repeating: 0, count: k + 1)
        for g in 0..<k {
            var low = UInt64.max, high = UInt64.min
            for w in 0..<workers {
                low = min(low, lows[w * k + g])
                high = max(high, highs[w * k + g])
            }
            if counts[g] == 0 { low = 0; high = 0 }
            let digit = RadixSort.TopDigit(low: low, high: high, count: max(1, counts[g]))
            digits.append(digit)
            bucketBase[g + 1] = bucketBase[g] + digit.bucketCount
        }
        let buckets = bucketBase[k]

        // 2. Histogram of every worker's parts, 3. stable scatter into the scratch buffer.
        let histograms = UnsafeMutablePointer<Int>.allocate(capacity: workers * buckets)
        defer { histograms.deallocate() }
        histograms.initialize(repeating: 0, count: workers * buckets)
        let bucketStart = UnsafeMutablePointer<Int>.allocate(capacity: buckets + 1)
        defer { bucketStart.deallocate() }
        digits.withUnsafeBufferPointer { digits in
            partStart.withUnsafeBufferPointer { partStart in
                workerCounts.flatMap { $0 }.withUnsafeBufferPointer { partCount in
                    bucketBase.withUnsafeBufferPointer { bucketBase in
                        let job = BucketJob(keys: keys, scratch: scratch, digits: digits.baseAddress!,
                                            partStart: partStart.baseAddress!, partCount: partCount.baseAddress!,
                                            bucketBase: bucketBase.baseAddress!, buckets: buckets, groupCount: k,
                                            histograms: histograms)
                        parallel(workers) { job.histogram($0) }
                        // Exclusive prefix over (group, bucket, worker): worker w's next slot in each bucket.
                        var running = 0
                        for g in 0..<k {
                            running = starts[g]
                            for b in bucketBase[g]..<bucketBase[g + 1] {
                                bucketStart[b] = running
                                for w in 0..<workers {
                                    let c = histograms[w * buckets + b]
                                    histograms[w * buckets + b] = running
                                    running += c
                                }
                            }
                        }
                        bucketStart[buckets] = n
                        parallel(workers) { job.scatter($0) }
                    }
                }
            }
        }

        // 4. Finish every bucket into place and turn its keys into values.
        let finish = FinishJob(keys: keys, scratch: scratch, bucketStart: bucketStart, buckets: buckets,
                               total: n, workers: workers)
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

/// Pass 1 of `PoolSorting`: worker `w` jitters and groups the rows of its range.
private struct GroupingJob<Code: GroupCode>: @unchecked Sendable {
    let batch: RowBatch<Code>
    let lookup: UnsafePointer<Int32>
    let groupCount: Int
    let keys: UnsafeMutablePointer<UInt64>
    let cursors: UnsafeMutablePointer<Int>
    let lows: UnsafeMutablePointer<UInt64>
    let highs: UnsafeMutablePointer<UInt64>
    let seed: UInt64
    let stream: UInt64
    let halfWidth: Double
    let workers: Int

    func run(_ w: Int) {
        let range = batch.range(worker: w, of: workers)
        let cursor = cursors + w * groupCount, low = lows + w * groupCount, high = highs + w * groupCount
        let scores = batch.scores, codes = batch.codes
        if halfWidth == 0 {
            for row in range {
                let key = RadixSort.key(scores[row])
                let g = Int(lookup[Int(codes[row])])
                keys[cursor[g]] = key
                cursor[g] &+= 1
                low[g] = min(low[g], key)
                high[g] = max(high[g], key)
            }
        } else {
            for row in range {
                let y = scores[row] + KeyedNoise.symmetric(seed: seed, stream: stream, key: batch.key(row), halfWidth: halfWidth)
                let key = RadixSort.key(y)
                let g = Int(lookup[Int(codes[row])])
                keys[cursor[g]] = key
                cursor[g] &+= 1
                low[g] = min(low[g], key)
                high[g] = max(high[g], key)
            }
        }
    }
}

/// Passes 2 and 3 of `PoolSorting` over worker `w`'s part of every group's segment.
private struct BucketJob: @unchecked Sendable {
    let keys: UnsafeMutablePointer<UInt64>
    let scratch: UnsafeMutablePointer<UInt64>
    let digits: UnsafePointer<RadixSort.TopDigit>
    let partStart: UnsafePointer<Int>
    let partCount: UnsafePointer<Int>
    let bucketBase: UnsafePointer<Int>
    let buckets: Int
    let groupCount: Int
    /// Counts per (worker, bucket), then each worker's next slot per bucket.
    let histograms: UnsafeMutablePointer<Int>

    func histogram(_ w: Int) {
        let counters = histograms + w * buckets
        for g in 0..<groupCount {
            let digit = digits[g], start = partStart[w * groupCount + g], count = partCount[w * groupCount + g]
            let bucket = counters + bucketBase[g]
            for i in start..<(start + count) { bucket[digit.bucket(keys[i])] &+= 1 }
        }
    }

    func scatter(_ w: Int) {
        let next = histograms + w * buckets
        for g in 0..<groupCount {
            let digit = digits[g], start = partStart[w * groupCount + g], count = partCount[w * groupCount + g]
            let slot = next + bucketBase[g]
            for i in start..<(start + count) {
                let key = keys[i]
                let b = digit.bucket(key)
                let at = slot[b]
                scratch[at] = key
                slot[b] = at &+ 1
            }
        }
    }
}

/// Pass 4 of `PoolSorting`: worker `w` finishes the buckets that start in its share of positions.
private struct FinishJob: @unchecked Sendable {
    let keys: UnsafeMutablePointer<UInt64>
    let scratch: UnsafeMutablePointer<UInt64>
    let bucketStart: UnsafeMutablePointer<Int>
    let buckets: Int
    let total: Int
    let workers: Int

    func run(_ w: Int) {
        let from = total * w / workers, to = total * (w + 1) / workers
        var workspace = RadixSort.Workspace()
        defer { workspace.deallocate() }
        let noPayload = UnsafeMutablePointer<Int32>(bitPattern: 8)!
        for b in 0..<buckets {
            let start = bucketStart[b], size = bucketStart[b + 1] - start
            if size == 0 || start < from || start >= to { continue }
            if size == 1 {
                keys[start] = scratch[start]
            } else {
                RadixSort.finish(from: scratch + start, noPayload, into: keys + start, noPayload, size, &workspace,
                                 RadixSort.KeysOnly.self)
            }
            for i in start..<(start + size) { keys[i] = RadixSort.value(ofKey: keys[i]).bitPattern }
        }
    }
}
