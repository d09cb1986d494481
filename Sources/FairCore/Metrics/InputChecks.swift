import FairSupport

/// Validation shared by the metrics: every check names the input and the 0-based row.
enum InputChecks {
    /// Throws unless `values` is non-empty and finite.
    static func finiteSample(_ values: UnsafeBufferPointer<Double>, _ what: String) throws(FairCoreError) {
        if values.isEmpty { throw .emptyInput(what: what) }
        try finite(values, what)
    }

    /// Throws at the first NaN or infinite value.
    static func finite(_ values: UnsafeBufferPointer<Double>, _ what: String) throws(FairCoreError) {
        // Branch-free scan first (the common case), then locate the row only if needed.
        var bad = false
        for v in values { bad = bad || !v.isFinite }
        if !bad { return }
        for (row, v) in values.enumerated() where !v.isFinite {
            throw .nonFiniteValue(what: what, row: row, value: v)
        }
    }

    /// The smallest and largest key (`RadixSort.key`) of the values, after checking (in the same
    /// pass) that all are finite.
    static func finiteKeyRange(_ values: UnsafeBufferPointer<Double>, _ what: String) throws(FairCoreError) -> (UInt64, UInt64) {
        if values.isEmpty { throw .emptyInput(what: what) }
        let exponentMask: UInt64 = 0x7FF0_0000_0000_0000
        var nonFinite: UInt64 = 0
        var low = UInt64.max, high = UInt64.min
        for v in values {
            // A NaN or an infinity has all exponent bits set.
            nonFinite |= (v.bitPattern & exponentMask) == exponentMask ? 1 : 0
            let k = RadixSort.key(v)
            low = Swift.min(low, k)
            high = Swift.max(high, k)
        }
        if nonFinite != 0 { try finite(values, what) }
        return (low, high)
    }

    /// Throws unless `values` is non-empty, finite and sorted ascending.
    static func sortedSample(_ values: UnsafeBufferPointer<Double>, _ what: String) throws(FairCoreError) {
        try finiteSample(values, what)
        var unsorted = false
        for i in 1..<values.count { unsorted = unsorted || values[i] < values[i - 1] }
        if !unsorted { return }
        for i in 1..<values.count where values[i] < values[i - 1] {
            throw .notSorted(what: what, row: i, value: values[i], previous: values[i - 1])
        }
    }

    /// Throws unless `values` and `groups` are parallel and `values` is finite.
    static func groupedValues(_ values: [Double], _ groups: GroupColumn, _ what: String) throws(FairCoreError) {
        if values.count != groups.count {
            throw .lengthMismatch(what: "\(what) and group column", expected: groups.count, actual: values.count)
        }
        if values.isEmpty { throw .emptyInput(what: what) }
        try values.withUnsafeBufferPointer { (buffer) throws(FairCoreError) in try finite(buffer, what) }
    }
}
