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
        let (output, overflowed) = withUnsafeTemporaryAllocation(of: Int.self, capacity: 4 * groupCount) { counters in
            counters.initialize(repeating: 0)
            let output = kernel(score, group: g, key: rowID, counters: counters.baseAddress!)
            return (output, counters[4 * g] != 0)
        }
        if overflowed { throw tailShiftOverflow(score: score, row: 0) }
        return output
    }

    /// The error of a row whose tail-shifted output `T(z) + (y - z)` is beyond the largest
    /// finite Double: the definition's value cannot be represented.
    func tailShiftOverflow(score: Double, row: Int) -> FairCoreError {
        .overflow(what: "the tail-shifted output of task \"\(taskName)\" at row \(row) (0-based, score \(score))",
                  remedy: "rescale the scores (e.g. divide them by 1e300), or use the clamp out-of-range policy")
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
        if n == 0 { return RepairResult(outputs: [], report: emptyReport(epsilon: epsilon)) }
        var failure: FairCoreError? = nil
        var report: RepairApplyReport? = nil
        let outputs = [Double](unsafeUninitializedCapacity: n) { out, initialized in
            LargeBuffer.adviseHugePages(UnsafeMutableRawPointer(out.baseAddress!), byteCount: 8 * n)
            scores.withUnsafeBufferPointer { scores in
                groups.codes.withUnsafeBufferPointer { codes in
                    do throws(FairCoreError) {
                        report = try withOptionalBuffer(rowIDs) { (ids) throws(FairCoreError) in
                            try RowBatch.with(scores, codes, ids, firstRowID: 0) { (batch) throws(FairCoreError) in
                                try apply(batch, names: groups.names, epsilon: epsilon, into: out.baseAddress!)
                            }
                        }
                        initialized = n
                    } catch {
                        failure = error
                        initialized = 0
                    }
                }
            }
        }
        if let failure { throw failure }
        return RepairResult(outputs: outputs, report: report ?? emptyReport(epsilon: epsilon))
    }

    /// The report of a batch without rows.
    func emptyReport(epsilon: Double) -> RepairApplyReport {
        let zeros = [Int](repeating: 0, count: groupCount)
        return RepairApplyReport(taskName: taskName, groupNames: groupNames, rowCounts: zeros, belowRangeCounts: zeros,
                                 aboveRangeCounts: zeros, clippedCounts: zeros, outOfRangePolicy: options.outOfRange,
                                 epsilon: epsilon)
    }

    /// The batch apply of every entry point: rows whose codes index `names` (distinct), matched
    /// to the fitted groups by name; writes `batch.count` outputs. `epsilon` is valid.
    /// `subrangeRows` bounds the rows partitioned at once (the scratch memory); tests lower it.
    func apply<Code: GroupCode>(_ batch: RowBatch<Code>, names: [String], epsilon: Double,
                                into outputs: UnsafeMutablePointer<Double>,
                                subrangeRows: Int = BatchLayout.subrangeRows) throws(FairCoreError) -> RepairApplyReport {
        let n = batch.count
        let k = groupCount
        // Match the batch's group names to the fitted groups by name; codes outside the names
        // (the last entry) and unknown names map to -1.
        let lookup = names.map { Int32(groupIndex[$0] ?? -1) } + [-1]
        let workers = n >= Self.parallelThreshold ? 2 : 1
        // The exact checks of a range of rows, in the order of the errors' priority; run only
        // when a validation pass flagged a row there (a flag alone is not an error).
        let what = "scores of task \"\(taskName)\""
        let exactChecks = { (rows: Range<Int>) throws(FairCoreError) -> Void in
            for row in rows {
                let code = Int(batch.codes[row])
                if code < 0 || code >= names.count { throw .invalidGroupCode(row: row, code: code, groupCount: names.count) }
                if lookup[code] < 0 { throw .unseenGroup(name: names[code], known: self.groupNames) }
                try self.checkRow(batch.scores[row], row: row, rowID: batch.key(row), what: what)
            }
        }
        var rowCounts = [Int](repeating: 0, count: k)
        var counters = [Int](repeating: 0, count: 4 * k * workers)
        let kernel = RowKernel(self, epsilon: epsilon)
        try lookup.withUnsafeBufferPointer { (lookup) throws(FairCoreError) in
            try counters.withUnsafeMutableBufferPointer { (counters) throws(FairCoreError) in
                let pointers = BatchPointers(batch: batch, lookup: lookup.baseAddress!, codeCount: names.count,
                                             outputs: outputs, counters: counters.baseAddress!, workers: workers, groupCount: k)
                if n < BatchLayout.partitionThreshold {
                    // Small batch: a census pass validates and counts, then the staged loop.
                    let census = batch.census(lookup: Array(lookup.dropLast()), targetCount: k,
                                              halfWidth: options.jitterHalfWidth, workers: 1)
                    if census.flagged { try exactChecks(0..<n) }
                    rowCounts = census.counts[0]
                    pointers.runStaged(start: 0, end: n, worker: 0, kernel)
                } else {
                    // Large batch: the partitioning's histogram pass validates and counts.
                    try pointers.runPartitioned(kernel, subrangeRows: subrangeRows, rowCounts: &rowCounts, check: exactChecks)
                }
            }
        }
        var total = [Int](repeating: 0, count: 4 * k)
        for w in 0..<workers { for j in 0..<(4 * k) { total[j] += counters[4 * k * w + j] } }
        if (0..<k).contains(where: { total[4 * $0] != 0 }) {
            // Rare (scores near ±1.8e308 with the tail shift): find the first such row.
            let kernel = RowKernel(self, epsilon: 0)
            var slots = [Int](repeating: 0, count: 4 * k)
            for row in 0..<n {
                let g = Int(lookup[Int(batch.codes[row])])
                _ = kernel(batch.scores[row], group: g, key: batch.key(row), counters: &slots)
                if slots[4 * g] != 0 { throw tailShiftOverflow(score: batch.scores[row], row: row) }
            }
        }
        return RepairApplyReport(
            taskName: taskName, groupNames: groupNames,
            rowCounts: rowCounts, belowRangeCounts: (0..<k).map { total[4 * $0 + 1] },
            aboveRangeCounts: (0..<k).map { total[4 * $0 + 2] }, clippedCounts: (0..<k).map { total[4 * $0 + 3] },
            outOfRangePolicy: options.outOfRange, epsilon: epsilon)
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

/// The sizes that shape the batch loops of `BatchPointers`.
enum BatchLayout {
    /// Rows handled together per stage of the staged loop.
    static let blockSize = 256
    /// Batches of at least this many rows are processed in partition order.
    static let partitionThreshold = 1 << 15
    /// About this many partitions per group in the partitioned loop.
    static let partitionsPerGroup = 1 << 10
    /// The partitioned loop handles at most this many rows at a time (14 bytes of scratch per
    /// row: its partition, its index and its jittered score); a larger batch is cut into equal
    /// sub-ranges.
    static let subrangeRows = 1 << 22
    /// Partitions with at least this many rows sweep their slice of the tables first.
    static let sweepMinimumRows = 64
}

/// Raw views of one batch's inputs and outputs, handed to the worker threads. Workers read the
/// shared inputs and write disjoint rows, scratch slots and counters, hence `@unchecked Sendable`.
struct BatchPointers<Code: GroupCode>: @unchecked Sendable {
    let batch: RowBatch<Code>
    /// Batch code -> fitted group, or -1 (a name the repair does not know); entry `codeCount`
    /// (-1) stands for every code outside `0..<codeCount`.
    let lookup: UnsafePointer<Int32>
    let codeCount: Int
    let outputs: UnsafeMutablePointer<Double>
    /// `4 · groupCount` counters per worker (see `RowKernel.finish`).
    let counters: UnsafeMutablePointer<Int>
    let workers: Int
    let groupCount: Int

    var rowCount: Int { batch.count }

    /// The fitted group of a row, or -1 for a bad code or an unknown name.
    @inline(__always)
    func group(_ row: Int) -> Int {
        let c = Int(batch.codes[row])
        return Int(lookup[UInt(bitPattern: c) < UInt(codeCount) ? c : codeCount])
    }

    /// The partitioned loop over the whole batch, in sub-ranges of at most `subrangeRows` rows.
    /// Each sub-range's histogram pass also validates its rows: when it flags one, `check` (the
    /// exact checks) runs on the sub-range before anything of it is written, and throws the
    /// error of its first bad row (earlier sub-ranges, valid, are already written). Adds the
    /// rows of each group to `rowCounts`. Every row goes through exactly the arithmetic of the
    /// single-row path (`RowKernel`, `TransportMap`), whatever the order or the worker, so the
    /// outputs are the same bits.
    func runPartitioned(_ kernel: RowKernel, subrangeRows: Int, rowCounts: inout [Int],
                        check: (Range<Int>) throws(FairCoreError) -> Void) throws(FairCoreError) {
        let n = rowCount
        let layout = PartitionLayout(kernel.map, groupCount: groupCount)
        let pieces = (n + subrangeRows - 1) / subrangeRows
        let largest = (n + pieces - 1) / pieces
        let scratch = PartitionScratch(rows: largest, layout: layout, workers: workers, jitter: kernel.halfWidth > 0)
        defer { scratch.deallocate() }
        for piece in 0..<pieces {
            let start = n * piece / pieces, end = n * (piece + 1) / pieces
            let job = PartitionJob(pointers: self, kernel: kernel, scratch: scratch, partitions: layout.partitionCount,
                                   start: start, end: end)
            parallel { job.histogram(worker: $0) }
            if job.flagged { try check(start..<end) }
            job.prefixSums()
            for g in 0..<groupCount {
                rowCounts[g] += scratch.partitionStart[layout.base[g + 1]] - scratch.partitionStart[layout.base[g]]
            }
            parallel { job.scatter(worker: $0) }
            job.assignPartitions()
            parallel { job.transform(worker: $0) }
        }
    }

    /// Runs `body(w)` for every worker, on worker threads when there are several.
    func parallel(_ body: @Sendable (Int) -> Void) {
        if workers == 1 {
            body(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: workers) { w in body(w) }
        }
    }

    /// The staged loop, for small ranges. The rows are processed in blocks, stage by stage:
    /// (1) jitter and bucket position, (2) the bucket-table entries, (3) touching the lines of
    /// the sorted samples the row will read (own range, other groups' order statistics),
    /// (4) the bisections and the map, now in cache. Within a stage the rows' memory accesses
    /// are independent, so the processor overlaps their cache misses.
    func runStaged(start: Int, end: Int, worker: Int, _ kernel: RowKernel) {
        let scores = batch.scores
        let local = counters + 4 * groupCount * worker
        let map = kernel.map
        let block = BatchLayout.blockSize
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
                        let g = group(row)
                        let y = kernel.jittered(scores[row], key: batch.key(row))
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
