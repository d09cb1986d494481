import Dispatch

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
        let k = groups.names.count

        // Validate codes and scores, count the groups.
        var counts = [Int](repeating: 0, count: k)
        for row in 0..<n {
            let code = Int(groups.codes[row])
            if code < 0 || code >= k { throw .invalidGroupCode(row: row, code: code, groupCount: k) }
            let x = scores[row]
            if !x.isFinite { throw .nonFiniteValue(what: "calibration scores of task \"\(taskName)\"", row: row, value: x) }
            counts[code] += 1
        }
        try checkGroupSizes(names: groups.names, counts: counts, options: options)
        let pi = try resolveWeights(names: groups.names, counts: counts, total: n, given: weights)

        let stream = KeyedNoise.stableHash(taskName)
        let u = options.jitterHalfWidth
        if !options.splitCalibration {
            // One buffer for all groups: each group's jittered keys go to its own contiguous
            // segment, are radix-sorted in place and turned back into values in place.
            let values = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
            var badRow = -1, badValue = 0.0
            values.withMemoryRebound(to: UInt64.self) { keys in
                var cursor = [Int](repeating: 0, count: k)
                for g in 1..<max(1, k) { cursor[g] = cursor[g - 1] + counts[g - 1] }
                scores.withUnsafeBufferPointer { x in
                    groups.codes.withUnsafeBufferPointer { codes in
                        cursor.withUnsafeMutableBufferPointer { cursor in
                            for row in 0..<n {
                                let id = rowIDs?[row] ?? UInt64(row)
                                let y = x[row] + KeyedNoise.symmetric(seed: options.seed, stream: stream, key: id, halfWidth: u)
                                if !y.isFinite && badRow < 0 { badRow = row; badValue = y }
                                let g = Int(codes[row])
                                keys[cursor[g]] = RadixSort.key(y)
                                cursor[g] += 1
                            }
                        }
                    }
                }
                if badRow < 0 { sortSegmentsIntoValues(keys, counts: counts) }
            }
            if badRow >= 0 {
                values.deallocate()
                throw .nonFiniteValue(what: "calibration score plus jitter of task \"\(taskName)\"", row: badRow, value: badValue)
            }
            let storage = RepairStorage(convention: options.convention, weights: pi, quantileValues: values,
                                        quantileCounts: counts, cdfValues: nil, cdfCounts: nil)
            return BarycenterRepair(taskName: taskName, groupNames: groups.names, poolCounts: counts,
                                    weights: pi, options: options, storage: storage)
        }

        // Jitter and group as order-preserving keys.
        var keys = counts.map { c -> [UInt64] in
            var a: [UInt64] = []
            a.reserveCapacity(c)
            return a
        }
        var splitKeys: [[UInt64]] = keys
        let splitStream = KeyedNoise.stableHash("calibration split/" + taskName)
        for row in 0..<n {
            let id = rowIDs?[row] ?? UInt64(row)
            let y = scores[row] + KeyedNoise.symmetric(seed: options.seed, stream: stream, key: id, halfWidth: u)
            if !y.isFinite {
                throw .nonFiniteValue(what: "calibration score plus jitter of task \"\(taskName)\"", row: row, value: y)
            }
            let g = Int(groups.codes[row])
            keys[g].append(RadixSort.key(y))
            splitKeys[g].append(KeyedNoise.bits(seed: options.seed, stream: splitStream, key: id))
        }

        // Calibration split: order each group's points by a seeded hash of their row IDs; the
        // first floor(n_s / 2) form the CDF half, the others the quantile half.
        let cdfCounts = counts.map { $0 / 2 }
        let quantileCounts = counts.map { $0 - $0 / 2 }
        let cdfValues = UnsafeMutableBufferPointer<Double>.allocate(capacity: cdfCounts.reduce(0, +))
        let quantileValues = UnsafeMutableBufferPointer<Double>.allocate(capacity: quantileCounts.reduce(0, +))
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
        let storage = RepairStorage(convention: options.convention, weights: pi, quantileValues: quantileValues,
                                    quantileCounts: quantileCounts, cdfValues: cdfValues, cdfCounts: cdfCounts)
        return BarycenterRepair(taskName: taskName, groupNames: groups.names, poolCounts: counts,
                                weights: pi, options: options, storage: storage)
    }

    /// Pools at least this large sort their groups on two threads.
    static let parallelFitThreshold = 1 << 18

    /// Sorts each group's segment of `keys` (consecutive segments of sizes `counts`) in place
    /// and overwrites every key with the bits of its value. Large pools sort on two threads,
    /// each taking whole groups (largest first, to the less loaded thread); the result does
    /// not depend on the assignment.
    static func sortSegmentsIntoValues(_ keys: UnsafeMutableBufferPointer<UInt64>, counts: [Int]) {
        var starts = [Int](repeating: 0, count: counts.count)
        for g in 1..<max(1, counts.count) { starts[g] = starts[g - 1] + counts[g - 1] }
        let workers = keys.count >= parallelFitThreshold && counts.count > 1 ? 2 : 1
        var assignment = [[Int]](repeating: [], count: workers)
        var load = [Int](repeating: 0, count: workers)
        for g in counts.indices.sorted(by: { counts[$0] > counts[$1] }) {
            let w = load[0] <= load[workers - 1] ? 0 : workers - 1
            assignment[w].append(g)
            load[w] += counts[g]
        }
        let job = SegmentSortJob(keys: keys, starts: starts, counts: counts, assignment: assignment)
        if workers == 1 {
            job.run(worker: 0)
        } else {
            DispatchQueue.concurrentPerform(iterations: workers) { @Sendable w in job.run(worker: w) }
        }
    }

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

/// One worker's share of `sortSegmentsIntoValues`: its groups' segments are disjoint from the
/// other worker's, hence `@unchecked Sendable`.
struct SegmentSortJob: @unchecked Sendable {
    let keys: UnsafeMutableBufferPointer<UInt64>
    let starts: [Int]
    let counts: [Int]
    let assignment: [[Int]]

    func run(worker: Int) {
        let groups = assignment[worker]
        let largest = groups.map { counts[$0] }.max() ?? 0
        let scratch = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: max(1, largest))
        defer { scratch.deallocate() }
        for g in groups {
            let segment = UnsafeMutableBufferPointer(rebasing: keys[starts[g]..<(starts[g] + counts[g])])
            RadixSort.sortKeys(segment, scratch: scratch)
            for i in segment.indices { segment[i] = RadixSort.value(ofKey: segment[i]).bitPattern }
        }
    }
}
