import FairCore
import FairPlot

/// What `verify ks` adds after a repair fitted from quantile summaries: the KS bound
/// `ε_s + ε_s'` those summaries allow (`QuantileSummary`, "Mathematical properties").
enum QuantileBoundReport {
    /// Stores `ks.summary_allowance` (the largest `ε_s + ε_s'` over pairs) and prints the bound,
    /// with the allowance of the pair that attains KS after (`afterPairs`, one per task).
    static func report(
        _ context: inout CommandContext, errors: [String: Double], afterPairs: [[String]]
    ) throws {
        let largest = errors.values.sorted(by: >)
        let allowance = largest.count >= 2 ? largest[0] + largest[1] : largest.first ?? 0
        try context.workspace.store(
            NumberResult(
                allowance,
                note: "largest ε_s + ε_s' of the quantile summaries the repair was fitted from"),
            as: "ks.summary_allowance")
        var pairs: [String] = []
        for pair in afterPairs where pair.count == 2 {
            if let a = errors[pair[0]], let b = errors[pair[1]] {
                pairs.append("\(pair[0]) vs \(pair[1]): \(NumberFormat.compact(a + b, digits: 3))")
            }
        }
        let perPair =
            pairs.isEmpty ? "" : " (for the pair of KS after, \(pairs.joined(separator: "; ")))"
        context.print(
            "fitted from quantile summaries: on the rows summarised, KS between repaired groups s, s' is at most an exact-quantile repair's + ε_s + ε_s', here up to \(NumberFormat.compact(allowance, digits: 3))\(perPair); on other rows the sampling noise (the floor) comes on top"
        )
    }
}
