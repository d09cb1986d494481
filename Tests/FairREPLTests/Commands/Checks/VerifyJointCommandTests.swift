import FairCore
import Foundation
import Testing

@testable import FairREPL

@Suite("verify joint")
struct VerifyJointCommandTests {
    static let setup = [
        "load synthetic --mode joint-scores --rows 1200 --seed 3",
        "split --test 0.4 --pool 0.4 --seed 3",
        "import scores score1,score2 --tasks y1,y2", "fit barycenter", "apply",
    ]

    /// Spearman's ρ from its definition: ranks by counting (1 + #smaller + #equal others / 2),
    /// then the Pearson correlation of those ranks (the repair's steps tie some rows).
    static func spearman(_ a: [Double], _ b: [Double]) -> Double {
        func ranks(_ x: [Double]) -> [Double] {
            x.map { v in
                1 + Double(x.filter { $0 < v }.count) + Double(x.filter { $0 == v }.count - 1) / 2
            }
        }
        let (ra, rb) = (ranks(a), ranks(b))
        let n = Double(a.count)
        let mean = (n + 1) / 2
        let sab = zip(ra, rb).reduce(0) { $0 + ($1.0 - mean) * ($1.1 - mean) }
        let saa = ra.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let sbb = rb.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return sab / (saa * sbb).squareRoot()
    }

    /// P(a > median(a), b > median(b) | group), the medians over all rows.
    static func bothHigh(_ a: [Double], _ b: [Double], rows: [Int]) -> Double {
        func median(_ x: [Double]) -> Double {
            let s = x.sorted()
            return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
        }
        let (ma, mb) = (median(a), median(b))
        return Double(rows.filter { a[$0] > ma && b[$0] > mb }.count) / Double(rows.count)
    }

    @Test(
        "stores ρ and P(both high) per group, their gaps and SEs, as computed from the definitions"
    )
    func matchesDefinitions() throws {
        let repl = DomainFixtures.session(Self.setup)
        let output = run(repl, "verify joint").output
        let repaired = try #require(repl.workspace.value(RepairedValue.self, named: "fair"))
        let (y1, y2) = (repaired.tasks[0], repaired.tasks[1])
        let rowsByGroup = repaired.groups.rowsByGroup()
        var rho: [String: (before: Double, after: Double)] = [:]
        var high: [String: (before: Double, after: Double)] = [:]
        for (g, group) in repaired.groups.names.enumerated() {
            let rows = rowsByGroup[g]
            let before = Self.spearman(rows.map { y1.before[$0] }, rows.map { y2.before[$0] })
            let after = Self.spearman(rows.map { y1.after[$0] }, rows.map { y2.after[$0] })
            rho[group] = (before, after)
            high[group] = (
                Self.bothHigh(y1.before, y2.before, rows: rows),
                Self.bothHigh(y1.after, y2.after, rows: rows)
            )
            let stored = { (key: String) in
                try #require(repl.workspace.number(named: "joint.\(group).\(key)"))
            }
            #expect(abs(try stored("spearman_before") - before) < 1e-12)
            #expect(abs(try stored("spearman_after") - after) < 1e-12)
            #expect(try stored("both_high_before") == high[group]!.before)
            #expect(try stored("both_high_after") == high[group]!.after)
        }
        let (a, b) = (rho["A"]!, rho["B"]!)
        let (na, nb) = (Double(rowsByGroup[0].count), Double(rowsByGroup[1].count))
        let number = { (key: String) in try #require(repl.workspace.number(named: "joint.\(key)")) }
        #expect(abs(try number("spearman_gap") - abs(a.after - b.after)) < 1e-12)
        #expect(abs(try number("spearman_gap_before") - abs(a.before - b.before)) < 1e-12)
        #expect(abs(try number("spearman_se") - (1 / (na - 1) + 1 / (nb - 1)).squareRoot()) < 1e-12)
        let (pa, pb) = (high["A"]!.after, high["B"]!.after)
        #expect(abs(try number("both_high_gap") - abs(pa - pb)) < 1e-12)
        #expect(
            abs(try number("both_high_se") - (pa * (1 - pa) / na + pb * (1 - pb) / nb).squareRoot())
                < 1e-12)
        // ρ = 0.8 in A, 0.2 in B: the gap is far beyond its SE, and the sentence says so.
        #expect(try number("spearman_gap") > 4 * number("spearman_se"))
        #expect(output.contains("the groups' joint laws differ beyond sampling noise (> 4 SE)"))
        #expect(output.contains("rho_before  rho_after  both_high_before  both_high_after"))
    }

    @Test(
        "with the same dependence in both groups the gap is within 4 SE, and the sentence says so")
    func control() throws {
        var lines = Self.setup
        lines[0] = "load synthetic --mode joint-scores --rows 1200 --seed 3 --correlations 0.5,0.5"
        let repl = DomainFixtures.session(lines)
        let output = run(repl, "verify joint").output
        let gap = try #require(repl.workspace.number(named: "joint.spearman_gap"))
        let se = try #require(repl.workspace.number(named: "joint.spearman_se"))
        #expect(gap < 4 * se)
        #expect(
            output.contains("Spearman ρ: gap after the repair") && output.contains("within 4 SE"))
    }

    @Test("two distinct tasks are needed; --correlations belongs to joint-scores")
    func errors() {
        let repl = DomainFixtures.session(DomainFixtures.repairedSetup)
        #expect(
            DomainFixtures.failure(repl, "verify joint").hasPrefix(
                "error: verify joint compares two tasks, and fair has only y"))
        #expect(
            DomainFixtures.failure(repl, "load synthetic --correlations 0.1,0.2")
                == "error: --correlations is for 'load synthetic --mode joint-scores' only")
        let joint = DomainFixtures.session(Self.setup)
        #expect(
            DomainFixtures.failure(joint, "verify joint --tasks y1,y1").contains(
                "give two distinct tasks with --tasks T1,T2"))
    }
}
