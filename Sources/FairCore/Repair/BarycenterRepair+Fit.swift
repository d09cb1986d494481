import FairSupport

extension BarycenterRepair {
    /// Fits the repair of one task on a calibration pool.
    ///
    /// Cost: one pass to jitter and group the pool, one radix sort per group (two with a
    /// split), and a bucket table per group: O(N) time, about 2N words of transient memory.
    ///
    /// - Parameters:
    ///   - scores: the task's predictions on the pool rows (finite).
    ///   - groups: the sensitive attribute of the pool rows.
    ///   - rowIDs: a stable key per pool row for the jitter and the split (default: the row
    ///     index). Use keys that are unique across pool and apply data.
    ///   - taskName: the task (the jitter stream; also recorded for multi-task checks).
    ///   - weights: the barycenter weight of every group by name (default: pool frequencies
    ///     `n_s / N`); must name exactly the pool's groups, be `>= 0` and sum to 1.
    ///   - options: jitter, seed, convention, out-of-range policy, output range, split and
    ///     group-size limits.
    /// - Throws: `FairCoreError` with a message saying what to do: `.emptyInput`,
    ///   `.lengthMismatch`, `.nonFiniteValue` (naming the row), `.invalidGroupCode`,
    ///   `.groupTooSmall` (with every group's count), `.weightGroupMismatch`,
    ///   `.invalidWeights`, `.invalidParameter` (a bad option).
    public static func fit(
        scores: [Double],
        groups: GroupColumn,
        rowIDs: [UInt64]? = nil,
        taskName: String,
        weights: [String: Double]? = nil,
        options: RepairOptions = RepairOptions()
    ) throws(FairCoreError) -> BarycenterRepair {
        try options.validate()
        let n = scores.count
        if n == 0 { throw .emptyInput(what: "calibration scores of task \"\(taskName)\"") }
        if groups.count != n { throw .lengthMismatch(what: "calibration group labels", expected: n, actual: groups.count) }
        if let ids = rowIDs, ids.count != n { throw .lengthMismatch(what: "calibration row IDs", expected: n, actual: ids.count) }
        return try scores.withUnsafeBufferPointer { (scores) throws(FairCoreError) in
            try groups.codes.withUnsafeBufferPointer { (codes) throws(FairCoreError) in
                try withOptionalBuffer(rowIDs) { (ids) throws(FairCoreError) in
                    try RowBatch.with(scores, codes, ids, firstRowID: 0) { (batch) throws(FairCoreError) in
                        try fit(batch, names: groups.names, taskName: taskName, weights: weights, options: options)
                    }
                }
            }
        }
    }

    /// The fit of every entry point, on raw rows whose group codes index `names` (distinct).
    /// The fitted groups are the names sorted ascending, whatever their order in `names`.
    static func fit<Code: GroupCode>(
        _ batch: RowBatch<Code>, names: [String], taskName: String, weights: [String: Double]?, options: RepairOptions
    ) throws(FairCoreError) -> BarycenterRepair {
        let n = batch.count
        let k = names.count
        // Fitted group g is the g-th name in sorted order; `lookup` maps a code to it.
        let sortedOrder = names.indices.sorted { names[$0] < names[$1] }
        let fittedNames = sortedOrder.map { names[$0] }
        var lookup = [Int32](repeating: -1, count: k)
        for (g, code) in sortedOrder.enumerated() { lookup[code] = Int32(g) }

        // One pass (two threads when large) counts the groups and flags suspicious rows (without
        // a split, the histogram pass of the sort); the exact checks run only when a row was flagged.
        let u = options.jitterHalfWidth
        let workers = n >= parallelFitThreshold ? 2 : 1
        let stream = KeyedNoise.stableHash(taskName)
        var sorter: PoolSorter<Code>? = nil
        let workerCounts: [[Int]]
        let flagged: Bool
        if options.splitCalibration {
            let census = batch.census(lookup: lookup, targetCount: k, halfWidth: u, workers: workers)
            (workerCounts, flagged) = (census.counts, census.flagged)
        } else {
            let pool = PoolSorter(batch, lookup: lookup, groupCount: k, workers: workers, seed: options.seed,
                                  stream: stream, halfWidth: u)
            (workerCounts, flagged) = pool.histogram()
            sorter = pool
        }
        if flagged { try checkCodesAndScores(batch, groupCount: k, taskName: taskName) }
        var counts = [Int](repeating: 0, count: k)
        for part in workerCounts { for g in 0..<k { counts[g] += part[g] } }
        try checkGroupSizes(names: fittedNames, counts: counts, options: options)
        let pi = try resolveWeights(names: fittedNames, counts: counts, total: n, given: weights)

        if flagged && u > 0 {
            for row in 0..<n where abs(batch.scores[row]) + u >= 0x1p1023 {
                let y = batch.scores[row] + KeyedNoise.symmetric(seed: options.seed, stream: stream, key: batch.key(row), halfWidth: u)
                if !y.isFinite {
                    throw .nonFiniteValue(what: "calibration score plus jitter of task \"\(taskName)\"", row: row, value: y)
                }
            }
        }
        let storage: RepairStorage
        if let sorter {
            storage = RepairStorage(convention: options.convention, weights: pi, quantileValues: sorter.sortedSamples(),
                                    quantileCounts: counts, cdfValues: nil, cdfCounts: nil)
        } else {
            storage = splitStorage(batch, lookup: lookup, counts: counts, weights: pi, taskName: taskName, stream: stream, options: options)
        }
        return BarycenterRepair(taskName: taskName, groupNames: fittedNames, poolCounts: counts,
                                weights: pi, options: options, storage: storage)
    }

    /// The exact checks of every row, in row order: a code outside `0..<groupCount`, then a
    /// non-finite score. Throws the first error (a row the census flagged may be fine).
    static func checkCodesAndScores<Code: GroupCode>(_ batch: RowBatch<Code>, groupCount k: Int, taskName: String) throws(FairCoreError) {
        for row in 0..<batch.count {
            let code = Int(batch.codes[row])
            if code < 0 || code >= k { throw .invalidGroupCode(row: row, code: code, groupCount: k) }
            let x = batch.scores[row]
            if !x.isFinite { throw .nonFiniteValue(what: "calibration scores of task \"\(taskName)\"", row: row, value: x) }
        }
    }

    /// The storage of a split calibration: each group's points ordered by a seeded hash of their
    /// row IDs; the first `floor(n_s / 2)` form the CDF half, the others the quantile half.
    static func splitStorage<Code: GroupCode>(
        _ batch: RowBatch<Code>, lookup: [Int32], counts: [Int], weights pi: [Double], taskName: String, stream: UInt64,
        options: RepairOptions
    ) -> RepairStorage {
        let k = counts.count
        let u = options.jitterHalfWidth
        // Jitter and group as order-preserving keys.
        var keys = counts.map { c -> [UInt64] in
            var a: [UInt64] = []
            a.reserveCapacity(c)
            return a
        }
        var splitKeys: [[UInt64]] = keys
        let splitStream = KeyedNoise.stableHash("calibration split/" + taskName)
        for row in 0..<batch.count {
            let id = batch.key(row)
            let y = batch.scores[row] + KeyedNoise.symmetric(seed: options.seed, stream: stream, key: id, halfWidth: u)
            let g = Int(lookup[Int(batch.codes[row])])
            keys[g].append(RadixSort.key(y))
            splitKeys[g].append(KeyedNoise.bits(seed: options.seed, stream: splitStream, key: id))
        }
        let cdfCounts = counts.map { $0 / 2 }
        let quantileCounts = counts.map { $0 - $0 / 2 }
        let cdfValues = LargeBuffer.allocateBuffer(Double.self, capacity: cdfCounts.reduce(0, +))
        let quantileValues = LargeBuffer.allocateBuffer(Double.self, capacity: quantileCounts.reduce(0, +))
        var cdfAt = 0, quantileAt = 0
        for g in 0..<k {
            var order = [Int32](unsafeUninitializedCapacity: counts[g]) { buffer, count in
                for i in 0..<counts[g] { buffer[i] = Int32(i) }
                count = counts[g]
            }
            RadixSort.sortKeys(&splitKeys[g], carrying: &order)
            splitKeys[g] = []
            var cdfKeys = order[0..<cdfCounts[g]].map { keys[g][Int($0)] }
            var quantileKeys = order[cdfCounts[g]...].map { keys[g][Int($0)] }
            keys[g] = []
            RadixSort.sortKeys(&cdfKeys)
            RadixSort.sortKeys(&quantileKeys)
            for key in cdfKeys { cdfValues[cdfAt] = RadixSort.value(ofKey: key); cdfAt += 1 }
            for key in quantileKeys { quantileValues[quantileAt] = RadixSort.value(ofKey: key); quantileAt += 1 }
        }
        return RepairStorage(convention: options.convention, weights: pi, quantileValues: quantileValues,
                             quantileCounts: quantileCounts, cdfValues: cdfValues, cdfCounts: cdfCounts)
    }

    /// Pools at least this large are processed on two threads.
    static let parallelFitThreshold = 1 << 16

    /// Errors when a group is below the minimum (or above the supported maximum) size.
    static func checkGroupSizes(names: [String], counts: [Int], options: RepairOptions) throws(FairCoreError) {
        let minimum = options.effectiveMinimumGroupSize
        for (g, c) in counts.enumerated() where c < minimum {
            var all: [String: Int] = [:]
            for (h, name) in names.enumerated() { all[name] = counts[h] }
            throw .groupTooSmall(name: names[g], count: c, minimum: minimum, allCounts: all)
        }
        for (g, c) in counts.enumerated() where c > maximumGroupSize {
            throw .invalidParameter(name: "size of group \"\(names[g])\"", value: "\(c)",
                                    allowed: "at most \(maximumGroupSize) calibration points per group; subsample the pool")
        }
    }

    /// The weights in group order: the given ones (matched by name) or the pool frequencies.
    static func resolveWeights(names: [String], counts: [Int], total: Int, given: [String: Double]?) throws(FairCoreError) -> [Double] {
        guard let given else { return counts.map { Double($0) / Double(total) } }
        let known = Set(names)
        let missing = names.filter { given[$0] == nil }
        let extra = given.keys.filter { !known.contains($0) }.sorted()
        if !missing.isEmpty || !extra.isEmpty { throw .weightGroupMismatch(missing: missing, extra: extra) }
        let result = names.map { given[$0] ?? 0 }   // every name is present (checked above)
        try ProbabilityWeights.validate(result, names: names.map { "group \"\($0)\"" })
        return result.map { $0 + 0.0 }
    }
}

/// Calls `body` with the buffer of `array`, or with `nil` when there is no array.
func withOptionalBuffer<T, R>(_ array: [T]?, _ body: (UnsafeBufferPointer<T>?) throws(FairCoreError) -> R) throws(FairCoreError) -> R {
    guard let array else { return try body(nil) }
    return try array.withUnsafeBufferPointer { (buffer) throws(FairCoreError) in try body(buffer) }
}
