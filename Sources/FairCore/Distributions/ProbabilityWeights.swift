/// Validation of mixture weights such as the group weights `π_s` of a barycenter.
///
/// ## Mathematical properties
/// - Accepted: every weight finite and `>= 0`, and `|Σ w - 1| <= 1e-9` (the sum is taken with
///   compensated summation, so the check does not depend on the order of the groups beyond
///   rounding). Weights of 0 are allowed (the group then contributes nothing to the barycenter).
enum ProbabilityWeights {
    /// Largest accepted `|Σ w - 1|`.
    static let sumTolerance = 1e-9

    /// Checks `weights` (one per name in `names`); messages name the offending group.
    static func validate(_ weights: [Double], names: [String]) throws(FairCoreError) {
        if weights.count != names.count {
            throw .lengthMismatch(what: "weights (one per group)", expected: names.count, actual: weights.count)
        }
        for (i, w) in weights.enumerated() {
            if !w.isFinite { throw .invalidWeights(reason: "the weight of \(names[i]) is \(w), not a finite number") }
            if w < 0 { throw .invalidWeights(reason: "the weight of \(names[i]) is \(w), which is negative") }
        }
        let total = compensatedSum(weights)
        if !(abs(total - 1) <= sumTolerance) {
            throw .invalidWeights(reason: "they sum to \(total), not 1 (tolerance \(sumTolerance))")
        }
    }

    /// Neumaier's compensated sum.
    static func compensatedSum(_ values: [Double]) -> Double {
        var sum = 0.0, compensation = 0.0
        for v in values {
            let t = sum + v
            compensation += abs(sum) >= abs(v) ? (sum - t) + v : (v - t) + sum
            sum = t
        }
        return sum + compensation
    }
}
