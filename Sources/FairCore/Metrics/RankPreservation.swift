import FairSupport

/// How well a map `f ↦ g` preserves the order of paired values: counts of the pairs of rows it
/// inverts or ties (METHOD.md §3.3 Corollary 1, check C2). The barycenter repair is monotone
/// within each group, so on the rows of one group it should invert no pair.
///
/// Over all `N = n(n−1)/2` unordered pairs `{i, j}` of rows, with `f_i < f_j` after naming:
/// - `inversions`: `g_i − g_j > tolerance` (the map reverses the pair beyond the tolerance);
/// - `smallInversions`: `0 < g_i − g_j ≤ tolerance` (always 0 when `tolerance = 0`);
/// - `tiedByMap`: `g_i = g_j`;
/// - `concordant`: `g_i < g_j`;
/// and `tiedBefore` counts the pairs with `f_i = f_j` (whatever `g` does).
///
/// ## Mathematical properties
/// - `concordant + inversions + smallInversions + tiedByMap + tiedBefore = N`.
/// - `isMonotone` (`inversions == 0`): `f_i < f_j ⇒ g_i ≤ g_j + tolerance`, ties allowed.
///   `isStrictlyPreserved`: `f_i < f_j ⇒ g_i < g_j` (no inversion of any size, no tie created).
/// - `maximumViolation = max(0, max_{f_i < f_j} (g_i − g_j))`, the largest reversal. It is
///   finite for every finite input or an error: a reversal beyond the largest finite Double
///   (`1e308 − (−1e308)`) is `FairCoreError.overflow`, naming the two values.
/// - `kendallTauB = (C − D) / sqrt((N − T_f)(N − T_g))` with `C = concordant`,
///   `D = inversions + smallInversions`, `T_f` / `T_g` the pairs tied in `f` / in `g`; `nan` when
///   `f` or `g` is constant (the denominator is 0).
/// - Cost O(n log n): a stable sort of the rows by `(f, g)` (two radix sorts), then a merge-sort
///   count of the inversions of `g` in that order (pairs tied in `f` are sorted by `g`, so they
///   add none) and a running maximum. Never O(n²).
public struct RankPreservation: Sendable, Hashable, Codable {
    /// Number of rows.
    public let count: Int
    /// Pairs with `f_i < f_j` and `g_i − g_j > tolerance`.
    public let inversions: Int
    /// Pairs with `f_i < f_j` and `0 < g_i − g_j ≤ tolerance`.
    public let smallInversions: Int
    /// Pairs with `f_i < f_j` and `g_i = g_j`.
    public let tiedByMap: Int
    /// Pairs with `f_i = f_j`.
    public let tiedBefore: Int
    /// Pairs with `g_i = g_j` (whatever `f` does).
    public let tiedAfter: Int
    /// Pairs with `f_i = f_j` and `g_i = g_j`.
    public let tiedInBoth: Int
    /// `max(0, max_{f_i < f_j} (g_i − g_j))`.
    public let maximumViolation: Double
    /// The tolerance that separates `inversions` from `smallInversions`.
    public let tolerance: Double

    /// All unordered pairs of rows, `n(n − 1)/2`.
    public var totalPairs: Int { count * (count - 1) / 2 }
    /// Pairs with `f_i < f_j` and `g_i < g_j`.
    public var concordant: Int { totalPairs - tiedBefore - inversions - smallInversions - tiedByMap }
    /// No inversion beyond the tolerance (ties allowed).
    public var isMonotone: Bool { inversions == 0 }
    /// `f_i < f_j ⇒ g_i < g_j` for every pair: no inversion of any size and no tie created.
    public var isStrictlyPreserved: Bool { inversions == 0 && smallInversions == 0 && tiedByMap == 0 }
    /// Kendall's tau-b between `f` and `g` (`nan` when either is constant).
    public var kendallTauB: Double {
        let n0 = Double(totalPairs)
        let denominator = ((n0 - Double(tiedBefore)) * (n0 - Double(tiedAfter))).squareRoot()
        if denominator == 0 { return .nan }
        return Double(concordant - inversions - smallInversions) / denominator
    }

}

extension RankPreservation {
    /// The counts for paired values `before[i] ↦ after[i]`.
    /// - Throws: `FairCoreError.emptyInput`, `.lengthMismatch`, `.nonFiniteValue` (naming the
    ///   row), `.invalidParameter` (a negative or non-finite tolerance), `.overflow` (a reversal
    ///   beyond the largest finite Double).
    public init(before: [Double], after: [Double], tolerance: Double = 0) throws(FairCoreError) {
        try Self.validate(before: before, after: after, tolerance: tolerance)
        try self.init(unchecked: before, after, tolerance)
    }

    /// The counts within each group of `groups`; see `ByGroup`.
    /// - Throws: the errors of `init(before:after:tolerance:)`, `.lengthMismatch` against the
    ///   group column, `.emptyGroup`.
    public static func byGroup(before: [Double], after: [Double], groups: GroupColumn,
                               tolerance: Double = 0) throws(FairCoreError) -> ByGroup {
        try validate(before: before, after: after, tolerance: tolerance)
        if groups.count != before.count {
            throw .lengthMismatch(what: "group column", expected: before.count, actual: groups.count)
        }
        let sizes = groups.counts()
        for (code, size) in sizes.enumerated() where size == 0 { throw .emptyGroup(name: groups.names[code]) }
        let splitBefore = SortedGroups.scatter(before, groups.codes, sizes)
        let splitAfter = SortedGroups.scatter(after, groups.codes, sizes)
        var results: [RankPreservation] = []
        for c in 0..<sizes.count {
            let result = try RankPreservation(unchecked: splitBefore[c], splitAfter[c], tolerance)
            results.append(result)
        }
        return ByGroup(names: groups.names, results: results)
    }

    /// Rank preservation within each group.
    public struct ByGroup: Sendable, Hashable, Codable {
        /// Group names, in the column's order.
        public let names: [String]
        /// The counts of each group, indexed like `names`.
        public let results: [RankPreservation]
        /// No inversion beyond the tolerance in any group.
        public var isMonotone: Bool { results.allSatisfy(\.isMonotone) }
        /// Every group strictly preserved.
        public var isStrictlyPreserved: Bool { results.allSatisfy(\.isStrictlyPreserved) }
        /// Inversions beyond the tolerance, summed over groups.
        public var inversions: Int { results.reduce(0) { $0 + $1.inversions } }
        /// Pairs tied by the map, summed over groups.
        public var tiedByMap: Int { results.reduce(0) { $0 + $1.tiedByMap } }
    }

    // MARK: - Computation

    static func validate(before: [Double], after: [Double], tolerance: Double) throws(FairCoreError) {
        if before.isEmpty { throw .emptyInput(what: "before") }
        if after.count != before.count {
            throw .lengthMismatch(what: "after", expected: before.count, actual: after.count)
        }
        try before.withUnsafeBufferPointer { (b) throws(FairCoreError) in try InputChecks.finite(b, "before") }
        try after.withUnsafeBufferPointer { (a) throws(FairCoreError) in try InputChecks.finite(a, "after") }
        if !(tolerance >= 0 && tolerance.isFinite) {
            throw .invalidParameter(name: "tolerance", value: "\(tolerance)",
                                    allowed: "use a finite tolerance >= 0 (e.g. 2u when the repair adds jitter of half-width u)")
        }
    }

    init(unchecked f: [Double], _ g: [Double], _ tolerance: Double) throws(FairCoreError) {
        let n = f.count
        // Stable sort by (f, g): by g, then stably by f.
        let byAfter = RadixSort.sortedIndices(g)
        let beforeInAfterOrder = byAfter.map { f[Int($0)] }
        let byBefore = RadixSort.sortedIndices(beforeInAfterOrder)
        var fs = [Double](repeating: 0, count: n), gs = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let row = Int(byAfter[Int(byBefore[i])])
            fs[i] = f[row]
            gs[i] = g[row]
        }
        let sortedAfter = byAfter.map { g[Int($0)] }
        self.count = n
        self.tolerance = tolerance
        self.tiedBefore = Self.tiedPairs(fs) { fs[$0] == fs[$1] }
        self.tiedInBoth = Self.tiedPairs(fs) { fs[$0] == fs[$1] && gs[$0] == gs[$1] }
        self.tiedAfter = Self.tiedPairs(sortedAfter) { sortedAfter[$0] == sortedAfter[$1] }
        self.tiedByMap = tiedAfter - tiedInBoth
        var runningMax = -Double.infinity, violation = 0.0
        for x in gs {
            violation = try Self.largerViolation(violation, runningMax, x)
            runningMax = max(runningMax, x)
        }
        self.maximumViolation = violation
        let (strict, beyond) = Self.countInversions(&gs, tolerance: tolerance)
        self.inversions = beyond
        self.smallInversions = strict - beyond
    }

    /// `max(violation, lower − higher)`: the running largest reversal, where `lower` belongs to
    /// the row with the smaller `f`.
    /// - Throws: `FairCoreError.overflow` naming both values when `lower − higher` is beyond
    ///   the largest finite Double (then no Double holds the reversal).
    static func largerViolation(_ violation: Double, _ lower: Double, _ higher: Double)
        throws(FairCoreError) -> Double
    {
        let larger = max(violation, lower - higher)
        if larger.isInfinite {
            throw .overflow(
                what: "the rank violation \(lower) − (\(higher)) (two after values)",
                remedy: "rescale the scores (e.g. divide them by 1e10) before checking ranks")
        }
        return larger
    }

    /// `Σ m(m−1)/2` over the runs of consecutive equal elements (`equal(i − 1, i)`).
    static func tiedPairs(_ values: [Double], _ equal: (Int, Int) -> Bool) -> Int {
        var total = 0, run = 1
        for i in 1..<max(1, values.count) {
            if equal(i - 1, i) {
                run += 1
            } else {
                total += run * (run - 1) / 2
                run = 1
            }
        }
        return total + run * (run - 1) / 2
    }

    /// Pairs `i < j` with `x_i > x_j` (strict) and with `x_i − x_j > tolerance`, by a bottom-up
    /// merge sort (sorts `x`).
    static func countInversions(_ x: inout [Double], tolerance: Double) -> (strict: Int, beyond: Int) {
        let n = x.count
        var strict = 0, beyond = 0
        if n < 2 { return (0, 0) }
        var buffer = [Double](repeating: 0, count: n)
        var width = 1
        x.withUnsafeMutableBufferPointer { xs in
            buffer.withUnsafeMutableBufferPointer { bs in
                var src = xs.baseAddress!, dst = bs.baseAddress!
                while width < n {
                    var start = 0
                    while start < n {
                        let mid = min(start + width, n), end = min(start + 2 * width, n)
                        // Count against the right run before merging.
                        var p = start
                        for r in mid..<end {
                            let y = src[r]
                            while p < mid && !(src[p] - y > tolerance) { p &+= 1 }
                            beyond &+= mid - p
                        }
                        var i = start, j = mid, o = start
                        while i < mid && j < end {
                            if src[j] < src[i] {
                                strict &+= mid - i
                                dst[o] = src[j]; j &+= 1
                            } else {
                                dst[o] = src[i]; i &+= 1
                            }
                            o &+= 1
                        }
                        while i < mid { dst[o] = src[i]; i &+= 1; o &+= 1 }
                        while j < end { dst[o] = src[j]; j &+= 1; o &+= 1 }
                        start = end
                    }
                    swap(&src, &dst)
                    width *= 2
                }
            }
        }
        return (strict, beyond)
    }
}
