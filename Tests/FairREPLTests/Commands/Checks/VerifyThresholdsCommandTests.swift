import FairCore
import Foundation
import Testing
@testable import FairREPL

@Suite("verify thresholds")
struct VerifyThresholdsCommandTests {
    @Test("gaps at every threshold equal brute-force rates; after the repair they stay below KS; the one-threshold fix is exact only there")
    func scan() throws {
        let repl = DomainFixtures.session(DomainFixtures.repairedSetup)
        let output = run(repl, "verify thresholds --grid -1,0,0.5,1 --fix-at 0").output
        let repaired = try #require(repl.workspace.value(RepairedValue.self, named: "fair"))
        let task = repaired.tasks[0]
        let labels = (0..<repaired.rowCount).map { repaired.groups.label(ofRow: $0) }
        let names = Array(Set(labels)).sorted()
        func rate(_ values: [Double], _ group: String, _ t: Double) -> Double {
            let mine = values.indices.filter { labels[$0] == group }
            return Double(mine.filter { values[$0] >= t }.count) / Double(mine.count)
        }
        func gap(_ values: [Double], _ thresholds: [String: Double]) -> Double {
            let rates = names.map { rate(values, $0, thresholds[$0]!) }
            return rates.max()! - rates.min()!
        }
        func same(_ t: Double) -> [String: Double] { Dictionary(uniqueKeysWithValues: names.map { ($0, t) }) }
        var maxBefore = 0.0, maxAfter = 0.0
        for t in [-1.0, 0, 0.5, 1] {
            maxBefore = max(maxBefore, gap(task.before, same(t)))
            maxAfter = max(maxAfter, gap(task.after, same(t)))
        }
        #expect(abs(repl.workspace.number(named: "thresholds.max_before")! - maxBefore) < 1e-12)
        #expect(abs(repl.workspace.number(named: "thresholds.max_after")! - maxAfter) < 1e-12)
        let ks = try PairwiseKolmogorovSmirnov(values: task.after, groups: repaired.groups).statistic
        #expect(maxAfter <= ks + 1e-12)
        // The fix equalises the rates at its threshold up to one row per group.
        let smallest = names.map { g in labels.filter { $0 == g }.count }.min()!
        #expect(repl.workspace.number(named: "thresholds.fixed_at_gap")! <= 1.0 / Double(smallest) + 1e-12)
        #expect(repl.workspace.number(named: "thresholds.max_fixed")! >= repl.workspace.number(named: "thresholds.fixed_at_gap")!)
        #expect(output.contains("largest gap over 4 thresholds: before"))
    }

    @Test("equalising shifts give each group the pooled rate at the threshold, within one row")
    func shifts() throws {
        var rng = SeededGenerator(seed: 11)
        for _ in 0..<20 {
            let k = 2 + rng.nextInt(below: 4)
            var values: [Double] = [], labels: [String] = []
            for g in 0..<k {
                for _ in 0..<(20 + rng.nextInt(below: 200)) {
                    values.append(Double(g) + (1 + Double(g)) * rng.nextNormal())
                    labels.append("g\(g)")
                }
            }
            let groups = try SortedGroups(values: values, groups: GroupColumn(labels: labels))
            let tau = values.sorted()[values.count / 3]
            let pooled = Double(values.filter { $0 >= tau }.count) / Double(values.count)
            let shifts = ThresholdScan.equalisingShifts(groups, at: tau)
            for (sample, d) in zip(groups.samples, shifts) {
                #expect(abs(ThresholdScan.rate(sample, atOrAbove: tau + d) - pooled) <= 1.0 / Double(sample.count))
            }
        }
    }

    @Test("a grid with a non-finite threshold is refused")
    func badGrid() {
        let repl = DomainFixtures.session(DomainFixtures.repairedSetup)
        #expect(DomainFixtures.failure(repl, "verify thresholds --grid 0,nan").hasPrefix("error:"))
    }
}
