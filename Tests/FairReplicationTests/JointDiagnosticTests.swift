import FairCore
import Testing
@testable import FairReplication

@Suite("JointDiagnostic")
struct JointDiagnosticTests {
    @Test("Spearman ρ per group: +1 for a monotone relation, −1 for a reversed one, mid-ranks for ties")
    func spearman() throws {
        let groups = GroupColumn(labels: ["a", "a", "a", "a", "b", "b", "b", "b"])
        let first: [Double] = [1, 2, 3, 4, 1, 2, 3, 4]
        let second: [Double] = [10, 20, 30, 40, 4, 3, 2, 1]
        let d = JointDiagnostic(first: first, second: second, groups: groups)
        #expect(d.groups == ["a", "b"])
        #expect(abs(d.spearman[0] - 1) < 1e-12 && abs(d.spearman[1] + 1) < 1e-12)
        #expect(JointDiagnostic.midRanks([5, 1, 5, 2]) == [3.5, 1, 3.5, 2])
    }

    @Test("ρ is unchanged by an increasing map within a group; P(both high) uses the pooled medians")
    func invariance() throws {
        let groups = GroupColumn(labels: ["a", "a", "a", "a", "b", "b", "b", "b"])
        let first: [Double] = [0.1, 0.4, 0.3, 0.9, 0.2, 0.8, 0.5, 0.7]
        let second: [Double] = [0.2, 0.1, 0.6, 0.8, 0.3, 0.9, 0.4, 0.5]
        let d = JointDiagnostic(first: first, second: second, groups: groups)
        let mapped = JointDiagnostic(first: first.map { $0 * $0 * 3 + 1 }, second: second.map { exp($0) }, groups: groups)
        #expect(d.spearman == mapped.spearman)
        // Pooled medians 0.45 and 0.45: group a has row 3 (0.9, 0.8) above both; group b rows 5 (0.8, 0.9), 7 (0.7, 0.5).
        #expect(d.bothHigh == [0.25, 0.5])
    }
}

import Foundation
