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

    /// Runs `body(w)` for every worker (`Workers.run`).
    func parallel(_ body: @Sendable (Int) -> Void) { Workers.run(workers, body) }

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
