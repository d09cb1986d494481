import Dispatch

extension BarycenterRepair {
    /// Repairs one row.
    ///
    /// Bit-identical to the same row inside any batch `apply(scores:groups:rowIDs:epsilon:)`
    /// with the same row ID.
    /// - Parameters:
    ///   - score: the task's prediction for the row (finite).
    ///   - group: the row's group name (must be a fitted group).
    ///   - rowID: the row's stable key (selects its jitter; irrelevant when `u = 0`).
    ///   - epsilon: `ε` in [0, 1]: output `(1 - ε) · fair + ε · score`.
    /// - Throws: `FairCoreError.unseenGroup`, `.nonFiniteValue`, `.invalidParameter` (ε).
    public func apply(score: Double, group: String, rowID: UInt64, epsilon: Double = 0) throws(FairCoreError) -> Double {
        try Self.validateEpsilon(epsilon)
        let g = try index(ofGroup: group)
        try checkRow(score, row: 0, rowID: rowID, what: "score of task \"\(taskName)\"")
        let kernel = RowKernel(self, epsilon: epsilon)
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 4 * groupCount) { counters in
            counters.initialize(repeating: 0)
            return kernel(score, group: g, key: rowID, counters: counters.baseAddress!)
        }
    }

    /// Repairs a batch of rows of this task.
    ///
    /// Row-wise pure: `outputs[i]` depends only on `(scores[i], group name of row i,
    /// rowIDs[i], epsilon)`, never on the other rows, their order or the number of threads
    /// (large batches are split over two threads; the results are bit-identical to one thread).
    /// Group names are matched to the fitted groups by name. An empty batch gives an empty result.
    /// - Parameters:
    ///   - scores: the task's predictions (finite).
    ///   - groups: one group label per row.
    ///   - rowIDs: stable row keys for the jitter (default: the row index in this batch; pass
    ///     real IDs when `u > 0` and a row must get the same output in every batch).
    ///   - epsilon: `ε` in [0, 1]: outputs `(1 - ε) · fair + ε · score`.
    /// - Throws: `FairCoreError.lengthMismatch`, `.unseenGroup` (naming the group),
    ///   `.nonFiniteValue` (naming the row), `.invalidGroupCode`, `.invalidParameter` (ε).
    public func apply(scores: [Double], groups: GroupColumn, rowIDs: [UInt64]? = nil, epsilon: Double = 0) throws(FairCoreError) -> RepairResult {
        try Self.validateEpsilon(epsilon)
        let n = scores.count
        if groups.count != n { throw .lengthMismatch(what: "group labels", expected: n, actual: groups.count) }
        if let ids = rowIDs, ids.count != n { throw .lengthMismatch(what: "row IDs", expected: n, actual: ids.count) }
        // Match the batch's group names to the fitted groups by name.
        let remap = groups.names.map { Int32(groupIndex[$0] ?? -1) }
        let batchGroups = groups.names.count
        let what = "scores of task \"\(taskName)\""
        var rowCounts = [Int](repeating: 0, count: groupCount)
        for row in 0..<n {
            let code = Int(groups.codes[row])
            if code < 0 || code >= batchGroups { throw .invalidGroupCode(row: row, code: code, groupCount: batchGroups) }
            let g = Int(remap[code])
            if g < 0 { throw .unseenGroup(name: groups.names[code], known: groupNames) }
            try checkRow(scores[row], row: row, rowID: rowIDs?[row] ?? UInt64(row), what: what)
            rowCounts[g] += 1
        }

        let k = groupCount
        let chunks = n >= Self.parallelThreshold ? 2 : 1
        var counters = [Int](repeating: 0, count: 4 * k * chunks)
        let kernel = RowKernel(self, epsilon: epsilon)
        let outputs = [Double](unsafeUninitializedCapacity: n) { out, initialized in
            scores.withUnsafeBufferPointer { x in
                groups.codes.withUnsafeBufferPointer { codes in
                    remap.withUnsafeBufferPointer { remap in
                        counters.withUnsafeMutableBufferPointer { counters in
                            let ids = rowIDs ?? []
                            ids.withUnsafeBufferPointer { ids in
                                let batch = BatchPointers(
                                    scores: x.baseAddress, codes: codes.baseAddress, remap: remap.baseAddress,
                                    rowIDs: rowIDs == nil ? nil : ids.baseAddress, outputs: out.baseAddress,
                                    counters: counters.baseAddress, rowCount: n, chunkCount: chunks, groupCount: k)
                                if chunks == 1 {
                                    batch.run(chunk: 0, kernel)
                                } else {
                                    DispatchQueue.concurrentPerform(iterations: chunks) { @Sendable chunk in batch.run(chunk: chunk, kernel) }
                                }
                            }
                        }
                    }
                }
            }
            initialized = n
        }
        var total = [Int](repeating: 0, count: 4 * k)
        for c in 0..<chunks { for j in 0..<(4 * k) { total[j] += counters[4 * k * c + j] } }
        let report = RepairApplyReport(
            taskName: taskName, groupNames: groupNames,
            rowCounts: rowCounts, belowRangeCounts: (0..<k).map { total[4 * $0 + 1] },
            aboveRangeCounts: (0..<k).map { total[4 * $0 + 2] }, clippedCounts: (0..<k).map { total[4 * $0 + 3] },
            outOfRangePolicy: options.outOfRange, epsilon: epsilon)
        return RepairResult(outputs: outputs, report: report)
    }

    /// Batches at least this large are split over two threads.
    static let parallelThreshold = 1 << 16

    static func validateEpsilon(_ epsilon: Double) throws(FairCoreError) {
        guard epsilon >= 0 && epsilon <= 1 else {
            throw .invalidParameter(name: "epsilon", value: "\(epsilon)",
                                    allowed: "a number in [0, 1]: 0 gives the fair output, 1 the original score")
        }
    }

    /// A row's score must be finite, and stay finite after jitter.
    @inline(__always)
    func checkRow(_ x: Double, row: Int, rowID: UInt64, what: String) throws(FairCoreError) {
        if !x.isFinite { throw .nonFiniteValue(what: what, row: row, value: x) }
        let u = options.jitterHalfWidth
        if u > 0 && abs(x) + u >= 0x1p1023 {
            let y = x + KeyedNoise.symmetric(seed: options.seed, stream: noiseStream, key: rowID, halfWidth: u)
            if !y.isFinite { throw .nonFiniteValue(what: what + " plus jitter", row: row, value: y) }
        }
    }
}

/// Raw views of one batch's inputs and outputs, handed to the worker threads. Each chunk reads
/// the shared inputs and writes only its own rows and its own counters, hence
/// `@unchecked Sendable`.
struct BatchPointers: @unchecked Sendable {
    let scores: UnsafePointer<Double>?
    let codes: UnsafePointer<Int32>?
    let remap: UnsafePointer<Int32>?
    let rowIDs: UnsafePointer<UInt64>?
    let outputs: UnsafeMutablePointer<Double>?
    let counters: UnsafeMutablePointer<Int>?
    let rowCount: Int
    let chunkCount: Int
    let groupCount: Int

    /// Rows handled together per stage of the staged loop.
    static let blockSize = 256
    /// Ranges of at least this many rows are processed in partition order.
    static let partitionThreshold = 1 << 15
    /// About this many partitions per group in the partitioned loop.
    static let partitionsPerGroup = 1 << 10
    /// The partitioned loop handles between this many and twice this many rows at a time
    /// (12 bytes of scratch per row: its index and its jittered score).
    static let partitionRows = 1 << 20
    /// Partitions with at least this many rows sweep their slice of the tables first.
    static let sweepMinimumRows = 64

    /// Transforms the rows of chunk `chunk` (a contiguous range of rows): in partition order
    /// when the range is large, with the staged loop otherwise. Every row goes through exactly
    /// the arithmetic of the single-row path (`RowKernel`, `TransportMap`), whatever the order,
    /// so the outputs are the same bits.
    func run(chunk: Int, _ kernel: RowKernel) {
        let start = rowCount * chunk / chunkCount, end = rowCount * (chunk + 1) / chunkCount
        if end - start >= Self.partitionThreshold {
            // Sub-ranges of at most `partitionRows` rows bound the scratch memory.
            var first = start
            while first < end {
                let last = end - first < 2 * Self.partitionRows ? end : first + Self.partitionRows
                runPartitioned(start: first, end: last, chunk: chunk, kernel)
                first = last
            }
        } else {
            runStaged(start: start, end: end, chunk: chunk, kernel)
        }
    }

    /// The partitioned loop, for large ranges. A random row needs three cache lines in a
    /// dependent chain (bucket table, own sorted sample, other groups' order statistics), each
    /// a miss in a multi-megabyte array (~150-250 ns on the project machine). Instead, the rows
    /// are first ordered by (group, bucket / 2^shift) with a counting sort (about 1,024
    /// partitions per group; the row's index and jittered score are stored in that order); the
    /// rows of one partition then read a small slice of the tables and samples, swept into
    /// the cache in address order first, and the only random access left is the write of the
    /// row's output (and the read of its original score when ε > 0).
    func runPartitioned(start: Int, end: Int, chunk: Int, _ kernel: RowKernel) {
        guard let scores, let codes, let remap, let outputs, let counters else { return }
        let local = counters + 4 * groupCount * chunk
        let map = kernel.map
        let k = groupCount
        // Partition layout: group g's buckets b map to partition base[g] + (b >> shift[g]).
        var shift = [Int](repeating: 0, count: k), base = [Int](repeating: 0, count: k + 1)
        for g in 0..<k {
            let buckets = map.bucketings[g].bucketCount
            while (buckets - 1) >> shift[g] >= Self.partitionsPerGroup { shift[g] += 1 }
            base[g + 1] = base[g] + ((buckets - 1) >> shift[g]) + 1
        }
        let partitions = base[k]
        let n = end - start
        let order = UnsafeMutablePointer<Int32>.allocate(capacity: n)
        let jittered = UnsafeMutablePointer<Double>.allocate(capacity: n)
        defer { order.deallocate(); jittered.deallocate() }
        var offsets = [Int](repeating: 0, count: partitions + 1)
        shift.withUnsafeBufferPointer { shift in
            base.withUnsafeBufferPointer { base in
                offsets.withUnsafeMutableBufferPointer { offsets in
                    @inline(__always) func partition(_ row: Int, _ y: Double) -> Int {
                        let g = Int(remap[Int(codes[row])])
                        return base[g] + (map.bucketings[g].bucket(y) >> shift[g])
                    }
                    @inline(__always) func jitteredScore(_ row: Int) -> Double {
                        kernel.jittered(scores[row], key: rowIDs?[row] ?? UInt64(row))
                    }
                    // 1. Histogram of partitions, 2. stable scatter of row indices and jittered
                    //    scores in partition order.
                    for row in start..<end { offsets[partition(row, jitteredScore(row)) + 1] += 1 }
                    for p in 0..<partitions { offsets[p + 1] += offsets[p] }
                    for row in start..<end {
                        let y = jitteredScore(row)
                        let p = partition(row, y)
                        let at = offsets[p]
                        order[at] = Int32(row - start)
                        jittered[at] = y
                        offsets[p] = at + 1
                    }
                }
            }
        }
        // 3. The rows partition by partition. A partition with enough rows first sweeps its
        //    slice of the tables and samples in address order (prefetcher-friendly), so its
        //    rows' lookups hit the cache; its rows' jittered scores are read in order.
        let block = Self.blockSize
        var sink = 0.0
        withUnsafeTemporaryAllocation(of: Double.self, capacity: block) { xs in
            for g in 0..<k {
                let buckets = map.bucketings[g].bucketCount
                for p in base[g]..<base[g + 1] {
                    var first = p == 0 ? 0 : offsets[p - 1]
                    let last = offsets[p]
                    if last - first >= Self.sweepMinimumRows {
                        let local = p - base[g]
                        sink += map.touchRegion(group: g, buckets: (local << shift[g])..<min(buckets, (local + 1) << shift[g]))
                    }
                    // Every row of the partition is of group g; its jittered score
                    // was stored in partition order, so only ε needs the original.
                    while first < last {
                        let m = min(block, last - first)
                        if kernel.epsilon != 0 {
                            for t in 0..<m { xs[t] = scores[start + Int(order[first + t])] }
                        }
                        if map.convention == .generalizedInverse {
                            for t in 0..<m {
                                let y = jittered[first + t]
                                let x = kernel.epsilon != 0 ? xs[t] : y
                                let r = map.countAtOrBelow(group: g, y, in: map.searchRange(group: g, y))
                                let fair = map.fairGeneralizedInverse(g, rank: r)
                                (outputs + start + Int(order[first + t])).initialize(to: kernel.finish(x, y: y, group: g, fair: fair, counters: local))
                            }
                        } else {
                            for t in 0..<m {
                                let y = jittered[first + t]
                                let x = kernel.epsilon != 0 ? xs[t] : y
                                let statistic = map.rankStatistic(group: g, y, in: map.searchRange(group: g, y))
                                let fair = map.fair(group: g, rankStatistic: statistic)
                                (outputs + start + Int(order[first + t])).initialize(to: kernel.finish(x, y: y, group: g, fair: fair, counters: local))
                            }
                        }
                        first += m
                    }
                }
            }
        }
        blackHole(sink)
    }

    /// The staged loop, for small ranges. The rows are processed in blocks, stage by stage:
    /// (1) jitter and bucket position, (2) the bucket-table entries, (3) touching the lines of
    /// the sorted samples the row will read (own range, other groups' order statistics),
    /// (4) the bisections and the map, now in cache. Within a stage the rows' memory accesses
    /// are independent, so the processor overlaps their cache misses.
    func runStaged(start: Int, end: Int, chunk: Int, _ kernel: RowKernel) {
        guard let scores, let codes, let remap, let outputs, let counters else { return }
        let local = counters + 4 * groupCount * chunk
        let map = kernel.map
        let block = Self.blockSize
        var sink = 0.0
        withUnsafeTemporaryAllocation(of: Double.self, capacity: block) { ys in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * block) { ints in
                let groups = ints.baseAddress!, lows = groups + block, highs = lows + block
                let table = map.table
                var first = start
                while first < end {
                    let m = min(block, end - first)
                    // 1. Jitter and bucket position (arithmetic only).
                    for t in 0..<m {
                        let row = first + t
                        let g = Int(remap[Int(codes[row])])
                        let y = kernel.jittered(scores[row], key: rowIDs?[row] ?? UInt64(row))
                        ys[t] = y
                        groups[t] = g
                        highs[t] = map.tablePosition(group: g, y)
                    }
                    // 2. Table entries: independent loads.
                    for t in 0..<m {
                        let position = highs[t]
                        lows[t] = Int(table[position])
                        highs[t] = Int(table[position + 1])
                    }
                    // 3. The sorted-sample lines every row will read: independent loads.
                    for t in 0..<m {
                        sink += map.touch(group: groups[t], lo: lows[t], hi: highs[t])
                    }
                    // 4. Bisections (in cache), then the map and the row policies.
                    for t in 0..<m {
                        let row = first + t
                        let g = groups[t]
                        let statistic = map.rankStatistic(group: g, ys[t], in: (lows[t], highs[t]))
                        let fair = map.fair(group: g, rankStatistic: statistic)
                        (outputs + row).initialize(to: kernel.finish(scores[row], y: ys[t], group: g, fair: fair, counters: local))
                    }
                    first += m
                }
            }
        }
        blackHole(sink)
    }
}

/// Keeps the touching stage of `BatchPointers.run` from being optimised away.
@inline(never)
func blackHole(_ value: Double) {
    _ = value
}

/// The whole per-row computation (jitter, map, out-of-range policy, ε, clip), shared by the
/// single-row and batch paths so that both give the same bits.
struct RowKernel: Sendable {
    /// Keeps the buffers `map` points into alive.
    let storage: RepairStorage
    let map: TransportMap
    let seed: UInt64
    let stream: UInt64
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
        halfWidth = repair.options.jitterHalfWidth
        tailShift = repair.options.outOfRange == .tailShift
        clips = repair.options.outputRange != nil
        lower = repair.options.outputRange?.lower ?? 0
        upper = repair.options.outputRange?.upper ?? 0
        self.epsilon = epsilon
    }

    /// The output for score `x` of fitted group `s` (the single-row path); updates
    /// `counters[4s + 1 ..< 4s + 4]` (below range, above range, clipped; slot `4s` is for the
    /// row count, which callers take from their own pass over the groups).
    @inline(__always)
    func callAsFunction(_ x: Double, group s: Int, key: UInt64, counters: UnsafeMutablePointer<Int>) -> Double {
        let y = jittered(x, key: key)
        return finish(x, y: y, group: s, fair: map.fair(group: s, y: y), counters: counters)
    }

    /// `y = x + ζ(seed, task, key)`; exactly `x` (up to the sign of zero) when `u = 0`.
    @inline(__always)
    func jittered(_ x: Double, key: UInt64) -> Double {
        x + KeyedNoise.symmetric(seed: seed, stream: stream, key: key, halfWidth: halfWidth)
    }

    /// Applies the out-of-range policy, ε and the output range to the map's value `fair` at `y`.
    @inline(__always)
    func finish(_ x: Double, y: Double, group s: Int, fair: Double, counters: UnsafeMutablePointer<Int>) -> Double {
        let low = map.cdfMinimum(s), high = map.cdfMaximum(s)
        var out = fair
        if y < low {
            counters[4 * s + 1] += 1
            if tailShift { out = map.lowBoundaryOutput[s] + (y - low) }
        } else if y > high {
            counters[4 * s + 2] += 1
            if tailShift { out = map.highBoundaryOutput[s] + (y - high) }
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
