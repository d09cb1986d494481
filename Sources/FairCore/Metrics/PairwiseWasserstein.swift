import FairSupport

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
/// - No overflow: distances are computed in a scaled form for values beyond ±2^510
///   (`Wasserstein`); a distance beyond the largest Double is an error naming the pair.
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
        /// `W2²` between the two groups (+inf when the square is beyond the largest Double).
        public let w2Squared: Double
        /// `W2` between the two groups (computed in the scaled form: finite whenever it is).
        public let w2: Double
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
    ///   `.nonFiniteValue` (naming the row), `.emptyGroup`, `.overflow`.
    public init(values: [Double], groups: GroupColumn) throws(FairCoreError) {
        if groups.names.count < 2 { throw .tooFewGroups(found: groups.names.count, needed: 2) }
        try self.init(SortedGroups(values: values, groups: groups))
    }

    /// Distances between every pair of already sorted groups.
    /// - Throws: `FairCoreError.tooFewGroups` when there are fewer than two groups, `.overflow`
    ///   when a distance is beyond the largest Double.
    public init(_ groups: SortedGroups) throws(FairCoreError) {
        let pairs = try groups.mapPairs { (i, j) throws(FairCoreError) in
            let a = groups.samples[i], b = groups.samples[j]
            let w2 = Wasserstein.w2Both(sortedA: a, sortedB: b)
            let pair = Pair(
                first: groups.names[i], second: groups.names[j],
                w1: Wasserstein.w1(sortedA: a, sortedB: b), w2Squared: w2.squared, w2: w2.distance)
            if !pair.w1.isFinite || !pair.w2.isFinite {
                let distance = pair.w1.isFinite ? "W2" : "W1"
                let between = "groups \"\(pair.first)\" and \"\(pair.second)\""
                throw .overflow(
                    what: "the distance \(distance) between \(between)",
                    remedy: "rescale the values (e.g. divide them by 1e300) and compare the"
                        + " rescaled distances")
            }
            return pair
        }
        var byW1 = pairs[0], byW2 = pairs[0]
        for pair in pairs.dropFirst() {
            if pair.w1 > byW1.w1 { byW1 = pair }
            // By W2²; by W2 where the squares overflowed (the same order where both are finite).
            if pair.w2 > byW2.w2 || (pair.w2 == byW2.w2 && pair.w2Squared > byW2.w2Squared) { byW2 = pair }
        }
        self.names = groups.names
        self.pairs = pairs
        self.maximumW1 = byW1
        self.maximumW2 = byW2
    }
}
