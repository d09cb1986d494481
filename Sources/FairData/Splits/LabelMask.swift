import FairCore

/// Removes a share of one task's labels, as in the paper's label-scarcity study ("we
/// successively remove [0, 25, 50, 75, 95]% of the regression labels").
///
/// Each row is masked independently with probability `missingProbability` (Bernoulli per row,
/// as the reference code does; the realised share is only close to p). A masked label becomes
/// missing (NaN), never 0.
///
/// ## Mathematical properties
/// - Row `r` is masked iff `u_r < p`, where `u_r = KeyedNoise.unit(seed, stream, r)` is uniform
///   on the 2^-53 grid of [0, 1) and the stream is the FNV-1a hash of `"label-mask:" + task`.
///   So `P(masked) = p` exactly for p on that grid; p = 0 masks nothing and p = 1 everything.
///   (The reference code keeps a label iff u > p; the two differ only when u = p.)
/// - `u_r` depends only on (seed, task, table row), not on which rows are masked together or in
///   which order: the same row gets the same decision in any batch.
/// - Nested levels: under one seed, the rows masked at p are a subset of those masked at any
///   p' > p, so a scarcity curve compares nested training sets.
/// - Tasks are masked independently of each other (different streams).
public struct LabelMask: Sendable, Hashable, Codable {
    /// The task (label column) this mask applies to.
    public let task: String
    /// The probability that a row's label is removed, in [0, 1].
    public let missingProbability: Double
    /// The seed of the Bernoulli draws.
    public let seed: UInt64

    /// - Throws: `invalidParameter` when `missingProbability` is outside [0, 1].
    public init(task: String, missingProbability: Double, seed: UInt64) throws {
        if !(missingProbability >= 0 && missingProbability <= 1) {
            throw FairDataError.invalidParameter(
                name: "missing-label probability for \(task)", value: "\(missingProbability)", allowed: "a probability in [0, 1]")
        }
        self.task = task
        self.missingProbability = missingProbability
        self.seed = seed
    }

    private var stream: UInt64 { KeyedNoise.stableHash("label-mask:" + task) }

    /// Whether the label of table row `row` is removed.
    public func isMasked(row: Int) -> Bool {
        KeyedNoise.unit(seed: seed, stream: stream, key: UInt64(bitPattern: Int64(row))) < missingProbability
    }

    /// `labels` (one per entry of `rows`, the table rows they belong to) with masked ones set
    /// to NaN.
    /// - Throws: `invalidParameter` when the lengths differ.
    public func apply(to labels: [Double], rows: [Int]) throws -> [Double] {
        if labels.count != rows.count {
            throw FairDataError.invalidParameter(
                name: "labels", value: "\(labels.count) values for \(rows.count) rows", allowed: "one label per row")
        }
        var result = labels
        for (i, row) in rows.enumerated() where isMasked(row: row) { result[i] = .nan }
        return result
    }

    /// The share of `rows` whose label this mask removes (0 when `rows` is empty).
    public func maskedFraction(of rows: [Int]) -> Double {
        if rows.isEmpty { return 0 }
        return Double(rows.reduce(0) { $0 + (isMasked(row: $1) ? 1 : 0) }) / Double(rows.count)
    }
}
