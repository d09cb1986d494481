/// The partitioned batch loop of `BarycenterRepair.apply`, for large batches.
///
/// A row in row order needs three cache lines in a dependent chain (bucket table, own sorted
/// sample, other groups' order statistics), each a miss in a multi-megabyte array (timings in
/// Sources/fair-bench/README.md). Instead, the rows of a sub-range are first ordered by
/// `(group, bucket / 2^shift)` with a counting sort (about 1,024 partitions per group; each
/// row's index and jittered score are stored in that order), then processed partition by
/// partition: a partition's rows read only a small slice of the tables and samples, which is
/// swept into the cache in address order first. The only random access left is the write of a
/// row's output (and the read of its original score when ε > 0).
///
/// With two workers, both histogram and scatter half of the sub-range's rows (worker 1's rows
/// of a partition after worker 0's), then they split the *partitions* (contiguous, about equal
/// rows), so each sweeps only its own slices of the tables.

/// Partition ids: group `g`'s bucket `b` is partition `base[g] + (b >> shift[g])`.
struct PartitionLayout {
    let shift: [Int]
    let base: [Int]
    var partitionCount: Int { base[base.count - 1] }

    init(_ map: TransportMap, groupCount k: Int) {
        var shift = [Int](repeating: 0, count: k), base = [Int](repeating: 0, count: k + 1)
        for g in 0..<k {
            let buckets = map.bucketings[g].bucketCount
            while (buckets - 1) >> shift[g] >= BatchLayout.partitionsPerGroup { shift[g] += 1 }
            base[g + 1] = base[g] + ((buckets - 1) >> shift[g]) + 1
        }
        self.shift = shift
        self.base = base
    }
}

/// The buffers of the partitioned loop, allocated once per batch and reused by its sub-ranges.
struct PartitionScratch: @unchecked Sendable {
    /// One 12-byte record per row, in partition order: the jittered score (8 bytes) and the row
    /// index relative to the sub-range start (4 bytes). One record stream per partition (rather
    /// than two arrays) halves the write streams of the scatter.
    let records: UnsafeMutableRawPointer
    /// The capacity of `records` in `UInt32` words (3 per record).
    let recordWords: Int
    static let recordSize = 12
    /// Per worker and partition (and a last sink slot for invalid rows): row counts, then the
    /// worker's next slot.
    let slots: UnsafeMutablePointer<Int>
    /// Per worker: whether its histogram pass flagged a row.
    let flags: UnsafeMutablePointer<Bool>
    /// First slot of every partition (`partitionCount + 1` entries).
    let partitionStart: UnsafeMutablePointer<Int>
    /// First partition of every worker's share (`workers + 1` entries).
    let firstPartition: UnsafeMutablePointer<Int>
    /// Each row's partition, written by the histogram pass and read by the scatter (which then
    /// need not compute it again); nil when the partitions do not fit in 16 bits (many groups).
    let partitionIDs: UnsafeMutablePointer<UInt16>?
    /// With jitter (u > 0) and `partitionIDs`: each row's jittered score, written by the
    /// histogram pass, so that the scatter does not draw the row's noise again.
    let jitteredScores: UnsafeMutablePointer<Double>?
    /// The number of rows `partitionIDs` and `jitteredScores` hold.
    let rows: Int
    /// `shift` and `base` of the layout.
    let shift: UnsafeMutablePointer<Int>
    let base: UnsafeMutablePointer<Int>

    init(rows: Int, layout: PartitionLayout, workers: Int, jitter: Bool) {
        let partitions = layout.partitionCount
        recordWords = 3 * max(1, rows)
        records = UnsafeMutableRawPointer(LargeBuffer.allocate(UInt32.self, capacity: recordWords))
        slots = .allocate(capacity: workers * (partitions + 1))
        flags = .allocate(capacity: workers)
        flags.initialize(repeating: false, count: workers)
        partitionStart = .allocate(capacity: partitions + 1)
        firstPartition = .allocate(capacity: workers + 1)
        self.rows = max(1, rows)
        partitionIDs = partitions < Int(UInt16.max) ? LargeBuffer.allocate(UInt16.self, capacity: self.rows) : nil
        jitteredScores = partitionIDs != nil && jitter ? LargeBuffer.allocate(Double.self, capacity: self.rows) : nil
        shift = .allocate(capacity: layout.shift.count)
        shift.initialize(from: layout.shift, count: layout.shift.count)
        base = .allocate(capacity: layout.base.count)
        base.initialize(from: layout.base, count: layout.base.count)
    }

    /// Stores the record at slot `at`.
    @inline(__always)
    func store(at: Int, row: Int32, score: Double) {
        let record = records + at &* Self.recordSize
        record.storeBytes(of: score, as: Double.self)
        (record + 8).storeBytes(of: row, as: Int32.self)
    }

    /// The jittered score of slot `at`.
    @inline(__always)
    func score(at: Int) -> Double { (records + at &* Self.recordSize).loadUnaligned(as: Double.self) }

    /// The row (relative to the sub-range start) of slot `at`.
    @inline(__always)
    func row(at: Int) -> Int { Int((records + at &* Self.recordSize + 8).loadUnaligned(as: Int32.self)) }

    func deallocate() {
        LargeBuffer.deallocate(records.assumingMemoryBound(to: UInt32.self), capacity: recordWords)
        slots.deallocate()
        flags.deallocate()
        partitionStart.deallocate()
        firstPartition.deallocate()
        if let partitionIDs { LargeBuffer.deallocate(partitionIDs, capacity: rows) }
        if let jitteredScores { LargeBuffer.deallocate(jitteredScores, capacity: rows) }
        shift.deallocate()
        base.deallocate()
    }
}

/// One sub-range `start ..< end` of the partitioned loop; its phases run one after the other,
/// each on every worker (`histogram`, `scatter`, `transform`) or on the calling thread.
struct PartitionJob<Code: GroupCode>: @unchecked Sendable {
    let pointers: BatchPointers<Code>
    let kernel: RowKernel
    let scratch: PartitionScratch
    let partitions: Int
    let start: Int
    let end: Int

    var workers: Int { pointers.workers }

    /// Worker `w`'s rows for the histogram and the scatter.
    func rows(worker w: Int) -> Range<Int> {
        (start + (end - start) * w / workers)..<(start + (end - start) * (w + 1) / workers)
    }

    /// A row's partition; `partitions` (the sink) for a bad code or an unknown group name.
    @inline(__always)
    func partition(_ row: Int, _ y: Double) -> Int {
        let g = pointers.group(row)
        if g < 0 { return partitions }
        return scratch.base[g] &+ (kernel.map.bucketings[g].bucket(y) &>> scratch.shift[g])
    }

    /// Whether a worker's histogram pass flagged a row of this sub-range.
    var flagged: Bool {
        for w in 0..<workers where scratch.flags[w] { return true }
        return false
    }

    @inline(__always)
    func jitteredScore(_ row: Int) -> Double {
        kernel.jittered(pointers.batch.scores[row], key: pointers.batch.key(row))
    }

    /// 1. Worker `w`'s count of rows per partition (and each row's partition, kept for the
    /// scatter when `scratch.partitionIDs` exists), and its flag: a row with a bad code, an
    /// unknown group, or `!(|x| + u < 2^1023)` (NaN, infinite, or maybe too large to jitter).
    /// (A bucket of a non-finite score is still in range: `RankIndex.Bucketing` clamps.)
    func histogram(worker w: Int) {
        let counts = scratch.slots + w * (partitions + 1)
        counts.update(repeating: 0, count: partitions + 1)
        let u = kernel.halfWidth, limit = 0x1p1023
        var bad: UInt8 = 0
        let ids = scratch.partitionIDs.map { $0 - start }, ys = scratch.jitteredScores.map { $0 - start }
        for row in rows(worker: w) {
            let y = jitteredScore(row)
            let p = partition(row, y)
            bad |= p < partitions && abs(pointers.batch.scores[row]) + u < limit ? 0 : 1
            counts[p] &+= 1
            if let ids { ids[row] = UInt16(truncatingIfNeeded: p) }
            if let ys { ys[row] = y }
        }
        scratch.flags[w] = bad != 0
    }

    /// Turns the counts into each worker's first slot per partition (worker-major within a
    /// partition, so the scatter is stable) and the partitions' starts.
    func prefixSums() {
        var running = 0
        for p in 0..<partitions {
            scratch.partitionStart[p] = running
            for w in 0..<workers {
                let count = scratch.slots[w * (partitions + 1) + p]
                scratch.slots[w * (partitions + 1) + p] = running
                running += count
            }
        }
        scratch.partitionStart[partitions] = running
    }

    /// 2. Worker `w` stores its rows' indices and jittered scores in partition order, reading
    /// each row's partition (and jittered score) from the histogram pass where it kept them.
    func scatter(worker w: Int) {
        let next = scratch.slots + w * (partitions + 1)
        let rows = rows(worker: w), start = start
        let ids = scratch.partitionIDs.map { $0 - start }, ys = scratch.jitteredScores.map { $0 - start }
        if let ids, let ys {
            CountingScatter.run(rows, next: next, place: { (Int(ids[$0]), ys[$0]) }) {
                scratch.store(at: $0, row: Int32(truncatingIfNeeded: $1 &- start), score: $2)
            }
        } else if let ids {
            CountingScatter.run(rows, next: next, place: { (Int(ids[$0]), jitteredScore($0)) }) {
                scratch.store(at: $0, row: Int32(truncatingIfNeeded: $1 &- start), score: $2)
            }
        } else {
            CountingScatter.run(rows, next: next, place: { let y = jitteredScore($0); return (partition($0, y), y) }) {
                scratch.store(at: $0, row: Int32(truncatingIfNeeded: $1 &- start), score: $2)
            }
        }
    }

    /// Splits the partitions into `workers` contiguous shares of about equal row counts.
    func assignPartitions() {
        let total = scratch.partitionStart[partitions]
        var p = 0
        scratch.firstPartition[0] = 0
        for w in 1..<workers {
            while p < partitions && scratch.partitionStart[p] < total * w / workers { p += 1 }
            scratch.firstPartition[w] = p
        }
        scratch.firstPartition[workers] = partitions
    }

    /// 3. Worker `w` transforms the rows of its partitions. A partition with enough rows first
    /// sweeps its slice of the tables and samples in address order (prefetcher-friendly), so its
    /// rows' lookups hit the cache; its rows' jittered scores are read in order.
    func transform(worker w: Int) {
        let map = kernel.map
        let local = pointers.counters + 4 * pointers.groupCount * w
        let scores = pointers.batch.scores, outputs = pointers.outputs + start
        let block = BatchLayout.blockSize
        let from = scratch.firstPartition[w], to = scratch.firstPartition[w + 1]
        var sink = 0.0
        withUnsafeTemporaryAllocation(of: Double.self, capacity: block) { xs in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * block) { bounds in
                for g in 0..<pointers.groupCount {
                    let buckets = map.bucketings[g].bucketCount
                    let shift = scratch.shift[g]
                    let firstOfGroup = max(from, scratch.base[g]), endOfGroup = min(to, scratch.base[g + 1])
                    if firstOfGroup >= endOfGroup { continue }
                    for p in firstOfGroup..<endOfGroup {
                        var first = scratch.partitionStart[p]
                        let last = scratch.partitionStart[p + 1]
                        if last - first >= BatchLayout.sweepMinimumRows {
                            let local = p - scratch.base[g]
                            sink += map.touchRegion(group: g, buckets: (local << shift)..<min(buckets, (local + 1) << shift))
                        }
                        // Every row of the partition is of group g; its jittered score was stored
                        // in partition order, so only ε needs the original.
                        while first < last {
                            let m = min(block, last - first)
                            if kernel.epsilon != 0 {
                                for t in 0..<m { xs[t] = scores[start + scratch.row(at: first + t)] }
                            }
                            if map.convention == .generalizedInverse && pointers.groupCount == 2 && !map.split {
                                // The common case, with the group's constants hoisted (same bits).
                                transformTwoGroups(map.twoGroupView(g), group: g, slots: first..<(first + m),
                                                   originals: xs.baseAddress!, outputs: outputs, counters: local)
                            } else {
                                // In stages, as in `transformTwoGroups`.
                                let los = bounds.baseAddress!, his = los + block
                                for t in 0..<m {
                                    let range = map.searchRange(group: g, scratch.score(at: first + t))
                                    los[t] = range.lo
                                    his[t] = range.hi
                                }
                                if map.convention == .generalizedInverse {
                                    for t in 0..<m { los[t] = map.countAtOrBelow(group: g, scratch.score(at: first + t), in: (los[t], his[t])) }
                                } else {
                                    for t in 0..<m { los[t] = map.rankStatistic(group: g, scratch.score(at: first + t), in: (los[t], his[t])) }
                                }
                                for t in 0..<m {
                                    let y = scratch.score(at: first + t)
                                    let x = kernel.epsilon != 0 ? xs[t] : y
                                    let fair = map.convention == .generalizedInverse
                                        ? map.fairGeneralizedInverse(g, rank: los[t]) : map.fair(group: g, rankStatistic: los[t])
                                    (outputs + scratch.row(at: first + t)).initialize(to: kernel.finish(x, y: y, group: g, fair: fair, counters: local))
                                }
                            }
                            first += m
                        }
                    }
                }
            }
        }
        blackHole(sink)
    }

    /// The rows of `slots` of group `g` in a two-group repair without a split (Convention A):
    /// a small loop of its own, so that the per-row map is inlined with its constants in
    /// registers. `originals` holds the rows' original scores when ε ≠ 0.
    @inline(never)
    func transformTwoGroups(_ view: TransportMap.TwoGroupView, group g: Int, slots: Range<Int>,
                            originals: UnsafeMutablePointer<Double>, outputs: UnsafeMutablePointer<Double>,
                            counters: UnsafeMutablePointer<Int>) {
        // In three stages over the block, each a short loop whose rows are independent, so that
        // the processor overlaps many rows' latency chains (table, sample, other sample) instead
        // of the few one long per-row body lets it hold in flight.
        let m = slots.count, first = slots.lowerBound
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * m) { bounds in
            let los = bounds.baseAddress!, his = los + m
            for t in 0..<m {
                let range = TransportMap.rankRange(view, scratch.score(at: first &+ t))
                los[t] = range.lo
                his[t] = range.hi
            }
            for t in 0..<m {
                los[t] = TransportMap.countAtOrBelow(view, scratch.score(at: first &+ t), in: (los[t], his[t]))
            }
            for t in 0..<m {
                let at = first &+ t
                let y = scratch.score(at: at)
                let x = kernel.epsilon != 0 ? originals[t] : y
                let fair = TransportMap.fairGeneralizedInverse(view, rank: los[t])
                (outputs + scratch.row(at: at)).initialize(to: kernel.finish(x, y: y, group: g, fair: fair, counters: counters))
            }
        }
    }
}
