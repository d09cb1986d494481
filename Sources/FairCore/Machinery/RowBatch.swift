import FairSupport

/// The integer types a repair reads group codes in: `Int32` (`GroupColumn`) and `UInt8` (the
/// compact codes of a binary file), so that callers holding either need no converted copy.
protocol GroupCode: FixedWidthInteger, Sendable {}
extension Int32: GroupCode {}
extension UInt8: GroupCode {}

/// Raw views of the rows of one `fit` or `apply` call: scores, group codes and row keys, valid
/// for the duration of the call (the caller's arrays or buffers). Shared read-only with the
/// worker threads, hence `@unchecked Sendable`.
struct RowBatch<Code: GroupCode>: @unchecked Sendable {
    let scores: UnsafePointer<Double>
    let codes: UnsafePointer<Code>
    /// One key per row, or `nil`: then row `i`'s key is `firstRowID + i`.
    let rowIDs: UnsafePointer<UInt64>?
    let firstRowID: UInt64
    let count: Int

    /// The jitter (and split) key of a row.
    @inline(__always)
    func key(_ row: Int) -> UInt64 { rowIDs?[row] ?? firstRowID &+ UInt64(truncatingIfNeeded: row) }

    /// Calls `body` with the batch over the given buffers (`count > 0`).
    static func with<R>(_ scores: UnsafeBufferPointer<Double>, _ codes: UnsafeBufferPointer<Code>,
                        _ rowIDs: UnsafeBufferPointer<UInt64>?, firstRowID: UInt64,
                        _ body: (RowBatch<Code>) throws(FairCoreError) -> R) throws(FairCoreError) -> R {
        guard let s = scores.baseAddress, let c = codes.baseAddress else { throw .emptyInput(what: "rows") }
        return try body(RowBatch(scores: s, codes: c, rowIDs: rowIDs?.baseAddress, firstRowID: firstRowID, count: scores.count))
    }

    /// The row range of worker `w` of `workers` (contiguous, in order).
    @inline(__always)
    func range(worker w: Int, of workers: Int) -> Range<Int> {
        (count * w / workers)..<(count * (w + 1) / workers)
    }
}
