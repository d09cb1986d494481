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

        // Jitter and group as order-preserving keys.
        let stream = KeyedNoise.stableHash(taskName)
        let u = options.jitterHalfWidth
        var keys = counts.map { c -> [UInt64] in
            var a: [UInt64] = []
            a.reserveCapacity(c)
            return a
        }
        var splitKeys: [[UInt64]] = options.splitCalibration ? keys : []
        let splitStream = KeyedNoise.stableHash("calibration split/" + taskName)
        for row in 0..<n {
            let id = rowIDs?[row] ?? UInt64(row)
            let y = scores[row] + KeyedNoise.symmetric(seed: options.seed, stream: stream, key: id, halfWidth: u)
            if !y.isFinite {
                throw .nonFiniteValue(what: "calibration score plus jitter of task \"\(taskName)\"", row: row, value: y)
            }
            let g = Int(groups.codes[row])
            keys[g].append(RadixSort.key(y))
            if options.splitCalibration {
                splitKeys[g].append(KeyedNoise.bits(seed: options.seed, stream: splitStream, key: id))
            }
        }

        if !options.splitCalibration {
            let values = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
            var at = 0
            for g in 0..<k {
                RadixSort.sortKeys(&keys[g])
                for key in keys[g] {
                    values[at] = RadixSort.value(ofKey: key)
                    at += 1
                }
                keys[g] = []
            }
            let storage = RepairStorage(convention: options.convention, weights: pi, quantileValues: values,
                                        quantileCounts: counts, cdfValues: nil, cdfCounts: nil)
            return BarycenterRepair(taskName: taskName, groupNames: groups.names, poolCounts: counts,
                                    weights: pi, options: options, storage: storage)
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
