import FairCore
import Foundation
import Testing
@testable import FairREPL

@Suite("GroupStatistics")
struct GroupStatisticsTests {
    @Test("KS from a sample to a discrete law equals the brute-force maximum over every point of both supports")
    func kolmogorovDistanceToLaw() throws {
        var generator = SeededGenerator(seed: 4)
        for _ in 0..<30 {
            let a = (0..<(1 + generator.nextInt(below: 30))).map { _ in Double(generator.nextInt(below: 12)) / 4 }.sorted()
            let b = (0..<(1 + generator.nextInt(below: 30))).map { _ in Double(generator.nextInt(below: 12)) / 4 }
            let c = (0..<(1 + generator.nextInt(below: 30))).map { _ in Double(generator.nextInt(below: 12)) / 4 }
            let law = try Barycenter([try EmpiricalDistribution(b), try EmpiricalDistribution(c)], weights: [0.3, 0.7]).law()
            var brute = 0.0
            // Both CDFs are right-continuous steps: the supremum is attained at a support point.
            for u in a + law.values {
                let fa = Double(a.filter { $0 <= u }.count) / Double(a.count)
                brute = max(brute, abs(fa - law.cdf(u)))
            }
            #expect(abs(GroupStatistics.kolmogorovDistance(sorted: a, law: law) - brute) < 1e-12)
        }
    }

    @Test("weights are renormalised over the groups present; without weights, the groups' frequencies")
    func weights() throws {
        let groups = try GroupColumn(codes: [0, 0, 0, 2, 2], names: ["a", "b", "c"])
        let values = [1.0, 2, 3, 10, 11]
        let given = try GroupStatistics(values: values, groups: groups, weights: ["a": 0.2, "b": 0.6, "c": 0.2])
        #expect(given.names == ["a", "c"])
        #expect(given.barycenter.weights == [0.5, 0.5])
        let frequencies = try GroupStatistics(values: values, groups: groups, weights: nil)
        #expect(frequencies.barycenter.weights == [0.6, 0.4])
        #expect(throws: CommandError.failed(message: "these rows hold 1 group (a): comparing groups needs at least 2")) {
            try GroupStatistics(values: [1, 2], groups: try GroupColumn(codes: [0, 0], names: ["a", "b"]), weights: nil)
        }
    }

    @Test("the DP-gap threshold: 0.5 for binary scores, the lower median of the scores otherwise")
    func threshold() {
        #expect(GroupStatistics.defaultThreshold(isBinary: true, before: [0.9, 0.1]) == 0.5)
        #expect(GroupStatistics.defaultThreshold(isBinary: false, before: [4, 1, 3, 2]) == 2)
        #expect(GroupStatistics.defaultThreshold(isBinary: false, before: [5, 1, 3]) == 3)
    }
}
