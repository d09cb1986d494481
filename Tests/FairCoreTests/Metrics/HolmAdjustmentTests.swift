import Testing
@testable import FairCore

@Suite("HolmAdjustment")
struct HolmAdjustmentTests {
    /// Reference: R 4.x `p.adjust(c(0.01, 0.04, 0.03, 0.005), method = "holm")` gives
    /// 0.03 0.06 0.06 0.02 (statsmodels `multipletests(..., method='holm')` agrees).
    @Test("step-down maxima of (m - j + 1) p_(j), in the input order")
    func reference() {
        let adjusted = HolmAdjustment.adjusted([0.01, 0.04, 0.03, 0.005])
        let expected = [0.03, 0.06, 0.06, 0.02]
        for (a, e) in zip(adjusted, expected) { #expect(abs(a - e) < 1e-15) }
    }

    @Test("one p-value is unchanged; values are capped at 1; the smallest is Bonferroni's")
    func properties() {
        #expect(HolmAdjustment.adjusted([0.2]) == [0.2])
        #expect(HolmAdjustment.adjusted([0.5, 0.6, 0.7]) == [1, 1, 1])
        let p = [0.3, 0.001, 0.02, 0.9, 0.04, 0.0004]
        let adjusted = HolmAdjustment.adjusted(p)
        #expect(adjusted.min() == min(1, 6 * p.min()!))
        for (raw, adj) in zip(p, adjusted) { #expect(adj >= raw && adj <= 1) }
        // Monotone in the raw order.
        let order = p.indices.sorted { p[$0] < p[$1] }
        for k in 1..<order.count { #expect(adjusted[order[k]] >= adjusted[order[k - 1]]) }
        #expect(HolmAdjustment.adjusted([]).isEmpty)
    }
}
