import FairSupport

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
