import Testing
@testable import FairCore

@Suite("PairwiseKolmogorovSmirnov")
struct PairwiseKolmogorovSmirnovTests {
    /// Values of `k` groups with shifted laws and many ties, and their labels.
    static func data(_ rng: inout SeededGenerator, k: Int, n: Int) -> ([Double], [String]) {
        var values: [Double] = [], labels: [String] = []
        for _ in 0..<n {
            let g = rng.nextInt(below: k)
            values.append(Double(rng.nextInt(below: 12) + g))
            labels.append("g\(g)")
        }
        return (values, labels)
    }

    @Test("the maximum over pairs equals brute force for 3 and 4 groups", arguments: [3, 4])
    func bruteForce(k: Int) throws {
        var rng = SeededGenerator(seed: UInt64(40 + k))
        for _ in 0..<20 {
            let (values, labels) = Self.data(&rng, k: k, n: 40 + rng.nextInt(below: 200))
            let column = GroupColumn(labels: labels)
            guard column.names.count == k else { continue }
            let table = try PairwiseKolmogorovSmirnov(values: values, groups: column)
            #expect(table.pairs.count == k * (k - 1) / 2)
            var best = -1.0, bestPair = ("", "")
            for i in 0..<k {
                for j in (i + 1)..<k {
                    let a = zip(values, labels).filter { $0.1 == column.names[i] }.map(\.0)
                    let b = zip(values, labels).filter { $0.1 == column.names[j] }.map(\.0)
                    let oracle = KolmogorovSmirnovTests.Oracle(a, b)
                    let d = Double(oracle.countDifference) / Double(a.count * b.count)
                    let entry = try #require(table.test(between: column.names[i], and: column.names[j]))
                    #expect(entry.countDifference == oracle.countDifference)
                    #expect(entry.location == oracle.location)
                    // Exact comparison as fractions, first pair wins ties.
                    if d > best + 1e-12 { best = d; bestPair = (column.names[i], column.names[j]) }
                }
            }
            #expect(abs(table.statistic - best) < 1e-15)
            #expect(table.maximum.first == bestPair.0 && table.maximum.second == bestPair.1)
        }
    }

    @Test("a pair looked up in reverse order is the swapped test")
    func reverseLookup() throws {
        let column = GroupColumn(labels: ["a", "b", "a", "b", "c", "c"])
        let table = try PairwiseKolmogorovSmirnov(values: [1, 5, 2, 6, 3, 3], groups: column)
        let forward = try #require(table.test(between: "a", and: "b"))
        let backward = try #require(table.test(between: "b", and: "a"))
        #expect(backward == forward.swapped)
        #expect(forward.statistic == 1 && forward.sign == 1)
        #expect(table.test(between: "a", and: "zzz") == nil)
    }

    @Test("the sorted-groups entry point gives the same table")
    func sortedEntry() throws {
        var rng = SeededGenerator(seed: 3)
        let (values, labels) = Self.data(&rng, k: 3, n: 500)
        let column = GroupColumn(labels: labels)
        let direct = try PairwiseKolmogorovSmirnov(values: values, groups: column)
        let viaGroups = try PairwiseKolmogorovSmirnov(SortedGroups(values: values, groups: column))
        #expect(direct == viaGroups)
    }

    @Test("fewer than two groups is an error saying to check the sensitive column")
    func tooFewGroups() throws {
        let error = FairCoreError.tooFewGroups(found: 1, needed: 2)
        #expect(throws: error) { try PairwiseKolmogorovSmirnov(values: [1, 2], groups: GroupColumn(labels: ["a", "a"])) }
        #expect(throws: error) {
            try PairwiseKolmogorovSmirnov(SortedGroups(values: [1, 2], groups: GroupColumn(labels: ["a", "a"])))
        }
        #expect(error.description.contains("need at least 2") && error.description.contains("Check the sensitive column"))
    }
}
