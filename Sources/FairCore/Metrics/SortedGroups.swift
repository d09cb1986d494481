import FairSupport

/// The values of each group, sorted ascending: the common first step of every between-group
/// metric (KS, DP gap, Wasserstein tables, bootstrap). Build it once and pass it to several
/// metrics to sort only once.
///
/// ## Mathematical properties
/// - `samples[c]` holds the values of the rows whose group code is `c`, sorted ascending
///   (`RadixSort`; `-0.0` is stored as `+0.0`), so `samples[c].count == counts[c]`.
/// - Every group named in the column must have at least one row, and every value must be
///   finite (checked; errors name the row or the group).
public struct SortedGroups: Sendable, Hashable {
    /// Group names, in the column's (sorted) order.
    public let names: [String]
    /// The sorted values of each group, indexed like `names`.
    public let samples: [[Double]]

    /// Number of values in each group.
    public var counts: [Int] { samples.map(\.count) }

    /// Splits `values` by `groups` and sorts each group.
    /// - Throws: `FairCoreError.lengthMismatch`, `.emptyInput`, `.nonFiniteValue` (naming the
    ///   row), `.emptyGroup` (a name with no rows).
    public init(values: [Double], groups: GroupColumn) throws(FairCoreError) {
        try InputChecks.groupedValues(values, groups, "values")
        let sizes = groups.counts()
        for (code, size) in sizes.enumerated() where size == 0 { throw .emptyGroup(name: groups.names[code]) }
        var split = Self.scatter(values, groups.codes, sizes)
        for c in split.indices { RadixSort.sort(&split[c]) }
        self.names = groups.names
        self.samples = split
    }

    /// The values of each group in row order, written straight into one array per group.
    static func scatter(_ values: [Double], _ codes: [Int32], _ sizes: [Int]) -> [[Double]] {
        var arrays = [[Double]](repeating: [], count: sizes.count)
        var targets = [UnsafeMutablePointer<Double>](repeating: .noBuffer, count: sizes.count)
        // Array i is created inside the initializer of array i - 1, so that all of them are
        // writable at once when the innermost initializer runs the scatter.
        func build(_ group: Int) {
            if group == sizes.count {
                targets.withUnsafeMutableBufferPointer { out in
                    values.withUnsafeBufferPointer { v in
                        codes.withUnsafeBufferPointer { c in
                            for row in 0..<v.count {
                                let g = Int(c[row])
                                out[g].pointee = v[row]
                                out[g] += 1
                            }
                        }
                    }
                }
                return
            }
            let array = [Double](unsafeUninitializedCapacity: sizes[group]) { buffer, count in
                if let base = buffer.baseAddress { targets[group] = base }
                build(group + 1)
                count = sizes[group]
            }
            arrays[group] = array
        }
        build(0)
        return arrays
    }

    /// Throws `FairCoreError.tooFewGroups` unless there are at least two groups.
    func requireTwoGroups() throws(FairCoreError) {
        if names.count < 2 { throw .tooFewGroups(found: names.count, needed: 2) }
    }

    /// `body(i, j)` for every pair of groups `i < j`, in the order (0, 1), (0, 2), …, (1, 2), …
    /// - Throws: `FairCoreError.tooFewGroups` when there are fewer than two groups; `body`'s
    ///   errors.
    func mapPairs<T>(_ body: (Int, Int) throws(FairCoreError) -> T) throws(FairCoreError) -> [T] {
        try requireTwoGroups()
        let k = names.count
        var result: [T] = []
        result.reserveCapacity(k * (k - 1) / 2)
        for i in 0..<k {
            for j in (i + 1)..<k { result.append(try body(i, j)) }
        }
        return result
    }
}
