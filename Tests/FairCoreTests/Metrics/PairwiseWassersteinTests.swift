import Testing
@testable import FairCore

@Suite("PairwiseWasserstein")
struct PairwiseWassersteinTests {
    @Test("every entry equals Wasserstein between the two groups; the maxima are the largest entries",
          arguments: [2, 3, 4])
    func table(k: Int) throws {
        var rng = SeededGenerator(seed: 60 + UInt64(k))
        var values: [Double] = [], labels: [String] = []
        for i in 0..<600 {
            let g = i < k ? i : rng.nextInt(below: k)
            values.append(rng.nextNormal() * Double(g + 1) + Double(g * g) * 0.2)
            labels.append("g\(g)")
        }
        let column = GroupColumn(labels: labels)
        let table = try PairwiseWasserstein(values: values, groups: column)
        #expect(table.pairs.count == k * (k - 1) / 2)
        for pair in table.pairs {
            let a = zip(values, labels).filter { $0.1 == pair.first }.map(\.0)
            let b = zip(values, labels).filter { $0.1 == pair.second }.map(\.0)
            #expect(pair.w1 == (try Wasserstein.w1(a, b)))
            #expect(pair.w2Squared == (try Wasserstein.w2Squared(a, b)))
            #expect(pair.w2 == (try Wasserstein.w2(a, b)))
        }
        #expect(table.maximumW1.w1 == table.pairs.map(\.w1).max())
        #expect(table.maximumW2.w2Squared == table.pairs.map(\.w2Squared).max())
        #expect(try PairwiseWasserstein(SortedGroups(values: values, groups: column)) == table)
    }

    @Test("fewer than two groups is an error")
    func errors() {
        #expect(throws: FairCoreError.tooFewGroups(found: 1, needed: 2)) {
            try PairwiseWasserstein(values: [1, 2], groups: GroupColumn(labels: ["a", "a"]))
        }
        #expect(throws: FairCoreError.nonFiniteValue(what: "values", row: 0, value: .infinity)) {
            try PairwiseWasserstein(values: [.infinity, 2], groups: GroupColumn(labels: ["a", "b"]))
        }
    }
}
