import Testing
@testable import FairCore

@Suite("DemographicParity")
struct DemographicParityTests {
    static func data(_ rng: inout SeededGenerator, k: Int, n: Int) -> ([Double], GroupColumn) {
        var values: [Double] = [], labels: [String] = []
        for i in 0..<n {
            let g = i < k ? i : rng.nextInt(below: k)  // every group present
            values.append(Double(rng.nextInt(below: 15)) * 0.25 + Double(g) * 0.3)
            labels.append("s\(g)")
        }
        return (values, GroupColumn(labels: labels))
    }

    /// max over pairs of |P(v >= t | s) - P(v >= t | s')| by brute force.
    static func bruteGap(_ values: [Double], _ column: GroupColumn, _ t: Double) -> Double {
        var rates: [Double] = []
        for c in column.names.indices {
            let group = zip(values, column.codes).filter { Int($0.1) == c }.map(\.0)
            rates.append(Double(group.count(where: { $0 >= t })) / Double(group.count))
        }
        var best = 0.0
        for a in rates { for b in rates { best = max(best, abs(a - b)) } }
        return best
    }

    @Test("the gap at one threshold equals brute force, and never exceeds the KS unfairness",
          arguments: [2, 3, 4])
    func gapAtThreshold(k: Int) throws {
        var rng = SeededGenerator(seed: UInt64(k))
        for _ in 0..<15 {
            let (values, column) = Self.data(&rng, k: k, n: 20 + rng.nextInt(below: 150))
            let ks = try PairwiseKolmogorovSmirnov(values: values, groups: column).statistic
            let groups = try SortedGroups(values: values, groups: column)
            let thresholds = Set(values).sorted() + [-10, 100, 0.1, 1.33, .infinity, -.infinity]
            for t in thresholds {
                let gap = try DemographicParity.gap(values: values, groups: column, threshold: t)
                #expect(abs(gap.gap - Self.bruteGap(values, column, t)) < 1e-15)
                #expect(gap.gap <= ks + 1e-15, "gap(\(t)) = \(gap.gap) > KS = \(ks)")
                let rates = gap.rates
                #expect(rates[column.names.firstIndex(of: gap.highest)!] == rates.max())
                #expect(rates[column.names.firstIndex(of: gap.lowest)!] == rates.min())
                #expect(try DemographicParity.gap(groups, threshold: t) == gap)
            }
        }
    }

    @Test("the maximum over thresholds equals brute force over every pooled value, and equals KS",
          arguments: [2, 3, 4])
    func maximumGap(k: Int) throws {
        var rng = SeededGenerator(seed: 100 + UInt64(k))
        for _ in 0..<15 {
            let (values, column) = Self.data(&rng, k: k, n: 20 + rng.nextInt(below: 150))
            let best = try DemographicParity.maximumGap(values: values, groups: column)
            // Brute force: every distinct pooled value and +infinity; the first attaining threshold.
            var expected = -1.0, at = Double.nan
            for t in Set(values).sorted() + [.infinity] {
                let g = Self.bruteGap(values, column, t)
                if g > expected + 1e-15 { expected = g; at = t }
            }
            #expect(abs(best.gap - expected) < 1e-15)
            #expect(best.threshold == at)
            #expect(try DemographicParity.gap(values: values, groups: column, threshold: best.threshold) == best)
            let ks = try PairwiseKolmogorovSmirnov(values: values, groups: column).statistic
            #expect(abs(best.gap - ks) < 1e-15)
        }
    }

    @Test("thresholding a score equal to the threshold counts as positive")
    func closedAtThreshold() throws {
        let column = GroupColumn(labels: ["a", "a", "b", "b"])
        let gap = try DemographicParity.gap(values: [0.5, 0.2, 0.4, 0.3], groups: column, threshold: 0.5)
        #expect(gap.positiveCounts == [1, 0] && gap.gap == 0.5)
        #expect(gap.highest == "a" && gap.lowest == "b")
        // Ties between groups go to the first group in name order.
        let three = GroupColumn(labels: ["a", "b", "c", "a", "b", "c"])
        let tied = try DemographicParity.gap(values: [1, 1, 0, 1, 1, 0], groups: three, threshold: 0.5)
        #expect(tied.highest == "a" && tied.lowest == "c" && tied.gap == 1)
        let tiedLow = try DemographicParity.gap(values: [1, 0, 0, 1, 0, 0], groups: three, threshold: 0.5)
        #expect(tiedLow.highest == "a" && tiedLow.lowest == "b")
    }

    @Test("fewer than two groups, a NaN threshold and bad values are errors")
    func errors() throws {
        let one = GroupColumn(labels: ["a", "a"])
        #expect(throws: FairCoreError.tooFewGroups(found: 1, needed: 2)) {
            try DemographicParity.gap(values: [1, 2], groups: one, threshold: 0)
        }
        #expect(throws: FairCoreError.tooFewGroups(found: 1, needed: 2)) {
            try DemographicParity.maximumGap(values: [1, 2], groups: one)
        }
        let two = GroupColumn(labels: ["a", "b"])
        let nan = FairCoreError.invalidParameter(name: "threshold", value: "nan", allowed: "pass a number (infinities are allowed)")
        #expect(throws: nan) { try DemographicParity.gap(values: [1, 2], groups: two, threshold: .nan) }
        #expect(throws: nan) { try DemographicParity.gap(try SortedGroups(values: [1, 2], groups: two), threshold: .nan) }
        #expect(nan.description.contains("pass a number"))
        #expect(throws: FairCoreError.lengthMismatch(what: "values and group column", expected: 2, actual: 1)) {
            try DemographicParity.gap(values: [1], groups: two, threshold: 0)
        }
        #expect(throws: FairCoreError.emptyGroup(name: "b")) {
            try DemographicParity.gap(values: [1, 2], groups: try GroupColumn(codes: [0, 0], names: ["a", "b"]), threshold: 0)
        }
    }
}
