import FairCore

/// A seeded partition of table rows into three disjoint parts:
/// - `train`: labeled rows that fit the network;
/// - `pool`: the calibration pool of the repair, whose labels must **not** be used
///   (METHOD.md §4.1, Remark 2: "split the labeled data in two and remove the labels in one of
///   the two sets");
/// - `test`: held-out rows for evaluation.
///
/// Each part is sorted ascending. The same arguments give the same split on every platform
/// (`SeededGenerator`, integer draws only).
///
/// ## Mathematical properties
/// - Sizes: `test = ⌈f_test · n⌉` and `pool = ⌈f_pool · (n − test)⌉` (the `test_size` rule of
///   scikit-learn's `train_test_split`), where a product within 1e-9 (relative) of an integer
///   counts as that integer, so `0.7 · 10` gives 7, not 8.
/// - Unstratified: a uniformly random subset of that size (Fisher–Yates shuffle, first rows).
/// - Stratified by group: the same total, allocated to groups by largest remainder (each group
///   gets `⌊f · n_g⌋` or one more; ties go to the lower group code), then a uniformly random
///   subset within each group. So every group's share is within one row of `f · n_g`.
public struct DataSplit: Sendable, Hashable, Codable {
    /// Rows that train the model (sorted).
    public let train: [Int]
    /// Rows of the unlabeled calibration pool (sorted; may be empty).
    public let pool: [Int]
    /// Rows held out for evaluation (sorted).
    public let test: [Int]

    /// Builds a split from explicit parts.
    /// - Throws: `invalidParameter` when the parts overlap or hold a negative row.
    public init(train: [Int], pool: [Int], test: [Int]) throws {
        var seen = Set<Int>()
        for row in train + pool + test {
            if row < 0 {
                throw FairDataError.invalidParameter(name: "split", value: "row \(row)", allowed: "rows are 0-based indices, never negative")
            }
            if !seen.insert(row).inserted {
                throw FairDataError.invalidParameter(name: "split", value: "row \(row) in two parts", allowed: "train, pool and test must be disjoint")
            }
        }
        self.train = train.sorted()
        self.pool = pool.sorted()
        self.test = test.sorted()
    }

    private init(trustedTrain train: [Int], pool: [Int], test: [Int]) {
        self.train = train.sorted()
        self.pool = pool.sorted()
        self.test = test.sorted()
    }

    /// A random train / pool / test split of rows `0..<rowCount`.
    /// - Parameters:
    ///   - rowCount: the number of rows to split.
    ///   - testFraction: share of all rows held out for testing, in [0, 1).
    ///   - poolFraction: share of the remaining rows held out, unlabeled, for calibration, in [0, 1).
    ///   - seed: the seed of the shuffle: the same seed gives the same split.
    ///   - groups: when given (one group per row), every part keeps each group's proportion.
    /// - Throws: `invalidParameter` for a fraction outside [0, 1) or a group column of the wrong
    ///   length; `tooFewRows` when no training row would remain.
    public static func random(
        rowCount: Int, testFraction: Double, poolFraction: Double = 0, seed: UInt64, stratifiedBy groups: GroupColumn? = nil
    ) throws -> DataSplit {
        try validate(fraction: testFraction, name: "testFraction")
        try validate(fraction: poolFraction, name: "poolFraction")
        if let groups, groups.count != rowCount {
            throw FairDataError.invalidParameter(
                name: "groups", value: "\(groups.count) rows", allowed: "one group per table row (\(rowCount))")
        }
        var testGenerator = SeededGenerator(seed: seed, purpose: "split.test")
        let (test, rest) = take(testFraction, of: Array(0..<rowCount), groups: groups, generator: &testGenerator)
        var poolGenerator = SeededGenerator(seed: seed, purpose: "split.pool")
        let (pool, train) = take(poolFraction, of: rest, groups: groups, generator: &poolGenerator)
        if train.isEmpty && rowCount > 0 { throw FairDataError.tooFewRows(what: "the training part", found: 0, needed: 1) }
        return DataSplit(trustedTrain: train, pool: pool, test: test)
    }

    /// Keeps a given test part (e.g. UCI Adult's official test file) and carves the pool out of
    /// the given training rows.
    /// - Throws: as `random`, and `invalidParameter` when `train` and `test` overlap.
    public static func fixedTest(
        train: [Int], test: [Int], poolFraction: Double, seed: UInt64, stratifiedBy groups: GroupColumn? = nil
    ) throws -> DataSplit {
        try validate(fraction: poolFraction, name: "poolFraction")
        if let groups, let maxRow = (train + test).max(), maxRow >= groups.count {
            throw FairDataError.invalidParameter(name: "groups", value: "\(groups.count) rows", allowed: "a group for every row (row \(maxRow) has none)")
        }
        _ = try DataSplit(train: train, pool: [], test: test)
        var poolGenerator = SeededGenerator(seed: seed, purpose: "split.pool")
        let (pool, rest) = take(poolFraction, of: train.sorted(), groups: groups, generator: &poolGenerator)
        if rest.isEmpty && !train.isEmpty { throw FairDataError.tooFewRows(what: "the training part", found: 0, needed: 1) }
        return DataSplit(trustedTrain: rest, pool: pool, test: test)
    }

    /// `⌈fraction · n⌉`, with products within 1e-9 (relative) of an integer taken as that integer.
    public static func partSize(fraction: Double, of n: Int) -> Int {
        let product = fraction * Double(n)
        let nearest = product.rounded()
        if abs(product - nearest) <= 1e-9 * max(1, product) { return Int(nearest) }
        return Int(product.rounded(.up))
    }

    private static func validate(fraction: Double, name: String) throws {
        if !(fraction >= 0 && fraction < 1) {
            throw FairDataError.invalidParameter(name: name, value: "\(fraction)", allowed: "a fraction in [0, 1)")
        }
    }

    /// Picks `partSize(fraction, rows.count)` of `rows` at random (per group when stratified);
    /// returns (picked, rest), both in input order.
    private static func take(
        _ fraction: Double, of rows: [Int], groups: GroupColumn?, generator: inout SeededGenerator
    ) -> (picked: [Int], rest: [Int]) {
        let total = partSize(fraction: fraction, of: rows.count)
        var picked = Set<Int>()
        if let groups {
            var members = [[Int]](repeating: [], count: groups.names.count)
            for row in rows { members[Int(groups.codes[row])].append(row) }
            let quotas = members.map { fraction * Double($0.count) }
            var counts = quotas.map { Int($0.rounded(.down)) }
            // Exact integer shares stay exact (within the same 1e-9 tolerance as partSize).
            for g in counts.indices where abs(quotas[g] - quotas[g].rounded()) <= 1e-9 * max(1, quotas[g]) {
                counts[g] = Int(quotas[g].rounded())
            }
            var remaining = total - counts.reduce(0, +)
            let order = counts.indices.sorted { a, b in
                let ra = quotas[a] - Double(counts[a])
                let rb = quotas[b] - Double(counts[b])
                return ra != rb ? ra > rb : a < b
            }
            for g in order where remaining > 0 && counts[g] < members[g].count {
                counts[g] += 1
                remaining -= 1
            }
            for g in members.indices {
                for row in shuffledPrefix(members[g], count: counts[g], generator: &generator) { picked.insert(row) }
            }
        } else {
            for row in shuffledPrefix(rows, count: total, generator: &generator) { picked.insert(row) }
        }
        var chosen: [Int] = []
        var rest: [Int] = []
        for row in rows {
            if picked.contains(row) { chosen.append(row) } else { rest.append(row) }
        }
        return (chosen, rest)
    }

    /// The first `count` elements of a uniformly random permutation (partial Fisher–Yates).
    private static func shuffledPrefix(_ rows: [Int], count: Int, generator: inout SeededGenerator) -> ArraySlice<Int> {
        var rows = rows
        let count = min(count, rows.count)
        for i in 0..<count {
            let j = i + generator.nextInt(below: rows.count - i)
            rows.swapAt(i, j)
        }
        return rows[0..<count]
    }
}
