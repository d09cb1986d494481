/// Holm's step-down adjustment of `m` p-values for multiple comparisons (Holm 1979): the
/// family-wise error rate stays at most α when every hypothesis with adjusted p-value below α
/// is rejected, whatever the dependence between the tests.
///
/// ## Mathematical properties
/// - With the p-values sorted ascending, `p_(1) ≤ … ≤ p_(m)`, the adjusted value of the i-th
///   smallest is `max_{j ≤ i} min(1, (m − j + 1) · p_(j))`; results are returned in the input
///   order. Ties keep their input order (the result does not depend on it).
/// - Each adjusted value is at least its raw value and at most 1; the smallest is
///   `min(1, m · p_(1))` (Bonferroni's), so "some hypothesis is rejected at α" is the same
///   decision as Bonferroni's; Holm rejects at least as many as Bonferroni.
/// - `m = 1` returns the p-value unchanged. NaN inputs propagate as NaN to their own entry.
public enum HolmAdjustment {
    /// The adjusted p-values, in the order of `pValues`.
    public static func adjusted(_ pValues: [Double]) -> [Double] {
        let m = pValues.count
        let order = pValues.indices.sorted { (pValues[$0], $0) < (pValues[$1], $1) }
        var result = [Double](repeating: .nan, count: m)
        var running = 0.0
        for (rank, index) in order.enumerated() {
            let p = pValues[index]
            if p.isNaN { continue }
            running = max(running, min(1, Double(m - rank) * p))
            result[index] = running
        }
        return result
    }
}
