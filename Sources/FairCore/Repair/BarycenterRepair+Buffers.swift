import FairSupport

/// Fit and apply on caller-owned buffers: for large data already in memory (e.g. columns read
/// from a binary file), without the copies the array API needs (`[Double]` scores, a
/// `GroupColumn` of `Int32` codes, an output array). The rows' group codes index `groupNames`
/// and may be `UInt8` (e.g. a 0/1 attribute) or `Int32`; the outputs go into a buffer the caller
/// allocated. Same arithmetic, same bits and same errors as the array API: `fit(scores:groups:...)`
/// on the same rows gives an equal repair, and `apply` the same outputs.
///
/// Row keys (the jitter and the calibration split): `rowIDs[i]` when given, otherwise
/// `firstRowID + i`, so that consecutive batches of one long column (rows `a ..< b` passed with
/// `firstRowID: a`) get the keys they would get in one call.
///
/// The buffers are only read (written, for `outputs`) during the call; nothing keeps them.
extension BarycenterRepair {
    /// Fits the repair of one task on a calibration pool held in buffers; see
    /// `fit(scores:groups:rowIDs:taskName:weights:options:)`.
    /// - Parameters:
    ///   - scores: the pool's predictions (finite), one per row.
    ///   - groupCodes: one code per row, an index into `groupNames`.
    ///   - groupNames: the distinct group names the codes refer to (any order; the fitted
    ///     groups are sorted by name). A name no row uses is a group of 0 points (an error).
    ///   - rowIDs: one key per row, or `nil` for `firstRowID + i`.
    ///   - firstRowID: the key of row 0 when `rowIDs` is `nil` (must be 0 otherwise).
    /// - Throws: as the array `fit`; also `.duplicateGroupName`, and `.invalidParameter` when
    ///   `firstRowID` is given with `rowIDs`.
    package static func fit(
        scores: UnsafeBufferPointer<Double>, groupCodes: UnsafeBufferPointer<UInt8>, groupNames: [String],
        rowIDs: UnsafeBufferPointer<UInt64>? = nil, firstRowID: UInt64 = 0,
        taskName: String, weights: [String: Double]? = nil, options: RepairOptions = RepairOptions()
    ) throws(FairCoreError) -> BarycenterRepair {
        try fitBuffers(scores, groupCodes, groupNames, rowIDs, firstRowID, taskName, weights, options)
    }

    /// `fit` on a buffer of `Int32` group codes; see the `UInt8` form.
    package static func fit(
        scores: UnsafeBufferPointer<Double>, groupCodes: UnsafeBufferPointer<Int32>, groupNames: [String],
        rowIDs: UnsafeBufferPointer<UInt64>? = nil, firstRowID: UInt64 = 0,
        taskName: String, weights: [String: Double]? = nil, options: RepairOptions = RepairOptions()
    ) throws(FairCoreError) -> BarycenterRepair {
        try fitBuffers(scores, groupCodes, groupNames, rowIDs, firstRowID, taskName, weights, options)
    }

    /// Repairs a batch of rows held in buffers, writing one output per row into `outputs`; see
    /// `apply(scores:groups:rowIDs:epsilon:)` (row-wise pure, bit-identical to it and to the
    /// single-row `apply`).
    /// - Parameters:
    ///   - scores: the task's predictions (finite), one per row.
    ///   - groupCodes: one code per row, an index into `groupNames`.
    ///   - groupNames: the distinct group names the codes refer to, matched to the fitted groups
    ///     by name (a name no row uses may be unknown to the repair).
    ///   - rowIDs: one key per row, or `nil` for `firstRowID + i`.
    ///   - firstRowID: the key of row 0 when `rowIDs` is `nil` (must be 0 otherwise).
    ///   - epsilon: `ε` in [0, 1].
    ///   - outputs: room for exactly one value per row; fully written when the call returns
    ///     (untouched or partly written when it throws).
    /// - Returns: the counts of the batch (rows, out of range and clipped, per fitted group).
    /// - Throws: as the array `apply`; also `.duplicateGroupName`, `.lengthMismatch` for
    ///   `outputs`, and `.invalidParameter` when `firstRowID` is given with `rowIDs`.
    package func apply(
        scores: UnsafeBufferPointer<Double>, groupCodes: UnsafeBufferPointer<UInt8>, groupNames: [String],
        rowIDs: UnsafeBufferPointer<UInt64>? = nil, firstRowID: UInt64 = 0, epsilon: Double = 0,
        into outputs: UnsafeMutableBufferPointer<Double>
    ) throws(FairCoreError) -> RepairApplyReport {
        try applyBuffers(scores, groupCodes, groupNames, rowIDs, firstRowID, epsilon, outputs)
    }

    /// `apply` on a buffer of `Int32` group codes; see the `UInt8` form.
    package func apply(
        scores: UnsafeBufferPointer<Double>, groupCodes: UnsafeBufferPointer<Int32>, groupNames: [String],
        rowIDs: UnsafeBufferPointer<UInt64>? = nil, firstRowID: UInt64 = 0, epsilon: Double = 0,
        into outputs: UnsafeMutableBufferPointer<Double>
    ) throws(FairCoreError) -> RepairApplyReport {
        try applyBuffers(scores, groupCodes, groupNames, rowIDs, firstRowID, epsilon, outputs)
    }

    private static func fitBuffers<Code: GroupCode>(
        _ scores: UnsafeBufferPointer<Double>, _ codes: UnsafeBufferPointer<Code>, _ names: [String],
        _ rowIDs: UnsafeBufferPointer<UInt64>?, _ firstRowID: UInt64,
        _ taskName: String, _ weights: [String: Double]?, _ options: RepairOptions
    ) throws(FairCoreError) -> BarycenterRepair {
        try options.validate()
        let n = scores.count
        if n == 0 { throw .emptyInput(what: "calibration scores of task \"\(taskName)\"") }
        if codes.count != n { throw .lengthMismatch(what: "calibration group codes", expected: n, actual: codes.count) }
        if let rowIDs, rowIDs.count != n { throw .lengthMismatch(what: "calibration row IDs", expected: n, actual: rowIDs.count) }
        try checkKeys(rowIDs, firstRowID)
        try checkNames(names)
        return try RowBatch.with(scores, codes, rowIDs, firstRowID: firstRowID) { (batch) throws(FairCoreError) in
            try fit(batch, names: names, taskName: taskName, weights: weights, options: options)
        }
    }

    private func applyBuffers<Code: GroupCode>(
        _ scores: UnsafeBufferPointer<Double>, _ codes: UnsafeBufferPointer<Code>, _ names: [String],
        _ rowIDs: UnsafeBufferPointer<UInt64>?, _ firstRowID: UInt64, _ epsilon: Double,
        _ outputs: UnsafeMutableBufferPointer<Double>
    ) throws(FairCoreError) -> RepairApplyReport {
        try Self.validateEpsilon(epsilon)
        let n = scores.count
        if codes.count != n { throw .lengthMismatch(what: "group codes", expected: n, actual: codes.count) }
        if let rowIDs, rowIDs.count != n { throw .lengthMismatch(what: "row IDs", expected: n, actual: rowIDs.count) }
        if outputs.count != n { throw .lengthMismatch(what: "output buffer", expected: n, actual: outputs.count) }
        try Self.checkKeys(rowIDs, firstRowID)
        try Self.checkNames(names)
        if n == 0 { return emptyReport(epsilon: epsilon) }
        return try RowBatch.with(scores, codes, rowIDs, firstRowID: firstRowID) { (batch) throws(FairCoreError) in
            try apply(batch, names: names, epsilon: epsilon, into: outputs.baseAddress!)
        }
    }

    private static func checkKeys(_ rowIDs: UnsafeBufferPointer<UInt64>?, _ firstRowID: UInt64) throws(FairCoreError) {
        if rowIDs != nil && firstRowID != 0 {
            throw .invalidParameter(name: "firstRowID", value: "\(firstRowID)",
                                    allowed: "0 when rowIDs are given (the keys are then rowIDs); pass one or the other")
        }
    }

    private static func checkNames(_ names: [String]) throws(FairCoreError) {
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted { throw .duplicateGroupName(name) }
    }
}
