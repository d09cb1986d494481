import FairSupport

/// The two-sample KS statistic between every pair of groups and its maximum, the paper's
/// unfairness `U(g) = max_{s,s'} sup_u |F_{g|s}(u) − F_{g|s'}(u)|` (METHOD.md §2.4, eq. 4).
///
/// ## Mathematical properties
/// - Every entry is the exact `KolmogorovSmirnov` of one pair (tie-correct, right-continuous
///   ECDFs); `maximum` is the pair with the largest statistic, compared as exact fractions.
///   Ties between pairs go to the first pair in the order of `pairs`.
/// - Pairs are listed as `(names[i], names[j])` for `i < j` in the column's name order, so the
///   table has `k(k−1)/2` rows and `first` is the first sample (`sign` refers to it).
/// - Needs at least two groups, each with at least one row.
/// - Each entry's `pValue` is that of its own pair (exact up to 10,000 rows a group, as scipy's
///   default). With more than two groups, `maximum` is the largest of `k(k−1)/2` statistics,
///   so its raw p-value understates the chance of so large a maximum under one common law:
///   `holmAdjustedPValues` corrects for the number of pairs (Holm's step-down method); the
///   smallest of them is the p-value of "some pair differs".
/// - Cost: O(n + k² n) after the radix sort; from unsorted values the sort and the walks are
///   fused bucket by bucket (`BucketedKolmogorovSmirnov`), on two threads for large inputs.
public struct PairwiseKolmogorovSmirnov: Sendable, Hashable {
    /// One pair of groups and the KS test between them.
    public struct Pair: Sendable, Hashable {
        /// The first group (the first sample of `test`).
        public let first: String
        /// The second group.
        public let second: String
        /// The two-sample statistic between the groups.
        public let test: KolmogorovSmirnov
    }

    /// Group names, in the column's order.
    public let names: [String]
    /// Every pair `(names[i], names[j])`, `i < j`, in lexicographic order of `(i, j)`.
    public let pairs: [Pair]
    /// The pair with the largest statistic.
    public let maximum: Pair

    /// The unfairness `U`: the largest pairwise statistic.
    public var statistic: Double { maximum.test.statistic }

    /// KS between every pair of groups of `values`.
    /// - Throws: `FairCoreError.tooFewGroups`, `.lengthMismatch`, `.emptyInput`,
    ///   `.nonFiniteValue` (naming the row), `.emptyGroup`.
    public init(values: [Double], groups: GroupColumn) throws(FairCoreError) {
        let k = groups.names.count
        if k < 2 { throw .tooFewGroups(found: k, needed: 2) }
        if values.count != groups.count {
            throw .lengthMismatch(what: "values and group column", expected: groups.count, actual: values.count)
        }
        let (low, high) = try values.withUnsafeBufferPointer { (buffer) throws(FairCoreError) in
            try InputChecks.finiteKeyRange(buffer, "values")
        }
        let sizes = groups.counts()
        for (code, size) in sizes.enumerated() where size == 0 { throw .emptyGroup(name: groups.names[code]) }
        // Sort and walk fused, bucket by bucket (see `BucketedKolmogorovSmirnov`).
        let states = values.withUnsafeBufferPointer { v in
            groups.codes.withUnsafeBufferPointer { c in
                BucketedKolmogorovSmirnov.pairs(BucketedKolmogorovSmirnov.Grouped(values: v, codes: c, groupCount: k),
                                                sizes: sizes, low: low, high: high)
            }
        }
        var pairs: [Pair] = []
        var p = 0
        for i in 0..<k {
            for j in (i + 1)..<k {
                pairs.append(Pair(first: groups.names[i], second: groups.names[j],
                                  test: KolmogorovSmirnov(states[p], n1: sizes[i], n2: sizes[j])))
                p += 1
            }
        }
        self.init(names: groups.names, pairs: pairs)
    }

    /// KS between every pair of already sorted groups.
    /// - Throws: `FairCoreError.tooFewGroups` when there are fewer than two groups.
    public init(_ groups: SortedGroups) throws(FairCoreError) {
        let pairs = try groups.mapPairs { i, j in
            let test = groups.samples[i].withUnsafeBufferPointer { a in
                groups.samples[j].withUnsafeBufferPointer { b in
                    KolmogorovSmirnov(unchecked: a, b)
                }
            }
            return Pair(first: groups.names[i], second: groups.names[j], test: test)
        }
        self.init(names: groups.names, pairs: pairs)
    }

    /// The table from its pairs (at least one); picks the maximum.
    init(names: [String], pairs: [Pair]) {
        var best = pairs[0]
        for pair in pairs.dropFirst() where pair.test.exceeds(best.test) { best = pair }
        self.names = names
        self.pairs = pairs
        self.maximum = best
    }

    /// Each pair's p-value adjusted by Holm's step-down method over the `k(k−1)/2` pairs, in
    /// the order of `pairs` (equal to the raw p-value with two groups).
    public var holmAdjustedPValues: [Double] { HolmAdjustment.adjusted(pairs.map(\.test.pValue)) }

    /// The test between two named groups (in either order; `nil` if a name is unknown). When
    /// the names are given in the opposite order of the table, the returned test is the same
    /// statistic with the sides exchanged (`swapped`), so that `sign` always refers to `first`.
    public func test(between first: String, and second: String) -> KolmogorovSmirnov? {
        for pair in pairs {
            if pair.first == first && pair.second == second { return pair.test }
            if pair.first == second && pair.second == first { return pair.test.swapped }
        }
        return nil
    }
}
