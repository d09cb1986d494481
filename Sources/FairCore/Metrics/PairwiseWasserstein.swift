/// The Wasserstein distances `W1` and `W2` between the score laws of every pair of groups,
/// with the pairs that maximise each (METHOD.md §2.7, §6.1).
///
/// ## Mathematical properties
/// - Every entry is the exact distance between the two empirical distributions
///   (`Wasserstein.w1(sortedA:sortedB:)`, `Wasserstein.w2Squared(sortedA:sortedB:)`: the quantile
///   integral over the merged grid, any sample sizes, ties included).
/// - Symmetric, so pairs are listed once, as `(names[i], names[j])` for `i < j`.
/// - `maximumW1` / `maximumW2` are the first pairs (in the order of `pairs`) with the largest
///   `w1` / `w2`.
/// - Needs at least two groups, each with at least one row. Distances are in the units of
///   the values (unlike KS, which is scale-free).
public struct PairwiseWasserstein: Sendable, Hashable {
    /// One pair of groups and the distances between them.
    public struct Pair: Sendable, Hashable {
        /// The first group.
        public let first: String
        /// The second group.
        public let second: String
        /// `W1` between the two groups.
        public let w1: Double
        /// `W2²` between the two groups.
        public let w2Squared: Double
        /// `W2` between the two groups.
        public var w2: Double { w2Squared.squareRoot() }
    }

    /// Group names, in the column's order.
    public let names: [String]
    /// Every pair `(names[i], names[j])`, `i < j`, in lexicographic order of `(i, j)`.
    public let pairs: [Pair]
    /// The pair with the largest `W1`.
    public let maximumW1: Pair
    /// The pair with the largest `W2`.
    public let maximumW2: Pair

    /// Distances between every pair of groups of `values`.
    /// - Throws: `FairCoreError.tooFewGroups`, `.lengthMismatch`, `.emptyInput`,
    ///   `.nonFiniteValue` (naming the row), `.emptyGroup`.
    public init(values: [Double], groups: GroupColumn) throws(FairCoreError) {
        if groups.names.count < 2 { throw .tooFewGroups(found: groups.names.count, needed: 2) }
        try self.init(SortedGroups(values: values, groups: groups))
    }

    /// Distances between every pair of already sorted groups.
    /// - Throws: `FairCoreError.tooFewGroups` when there are fewer than two groups.
    public init(_ groups: SortedGroups) throws(FairCoreError) {
        try groups.requireTwoGroups()
        let k = groups.names.count
        var pairs: [Pair] = []
        pairs.reserveCapacity(k * (k - 1) / 2)
        for i in 0..<k {
            for j in (i + 1)..<k {
                let a = groups.samples[i], b = groups.samples[j]
                pairs.append(Pair(first: groups.names[i], second: groups.names[j],
                                  w1: Wasserstein.w1(sortedA: a, sortedB: b),
                                  w2Squared: Wasserstein.w2Squared(sortedA: a, sortedB: b)))
            }
        }
        var byW1 = pairs[0], byW2 = pairs[0]
        for pair in pairs.dropFirst() {
            if pair.w1 > byW1.w1 { byW1 = pair }
            if pair.w2Squared > byW2.w2Squared { byW2 = pair }
        }
        self.names = groups.names
        self.pairs = pairs
        self.maximumW1 = byW1
        self.maximumW2 = byW2
    }
}
