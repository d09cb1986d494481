import Testing
@testable import FairCore

@Suite("EmpiricalDistribution")
struct EmpiricalDistributionTests {
    /// A sample with many ties (values on a coarse grid) or continuous values.
    static func sample(_ rng: inout SeededGenerator, _ n: Int, ties: Bool) -> [Double] {
        (0..<n).map { _ in ties ? Double(rng.nextInt(below: 6)) - 2 : rng.nextNormal() }
    }

    /// Brute-force quantile: inf{y in sample : #{z <= y} / n >= v}, with v compared exactly as
    /// count >= v * n (v * n is exact for the levels used below).
    static func bruteQuantile(_ x: [Double], _ v: Double) -> Double {
        let n = Double(x.count)
        return x.sorted().first { y in Double(x.filter { $0 <= y }.count) >= v * n } ?? x.max()!
    }

    @Test("ECDF counts and cdf equal the definitions, ties included")
    func ecdf() throws {
        var rng = SeededGenerator(seed: 11)
        for trial in 0..<60 {
            let x = Self.sample(&rng, 1 + rng.nextInt(below: 40), ties: trial % 2 == 0)
            let d = try EmpiricalDistribution(x)
            #expect(d.sortedValues == x.sorted())
            let queries = x + [-10, 10, -.infinity, .infinity] + x.map { $0 + 0.5 }
            for y in queries {
                #expect(try d.count(atOrBelow: y) == x.filter { $0 <= y }.count)
                #expect(try d.count(below: y) == x.filter { $0 < y }.count)
                #expect(d.cdf(y) == Double(x.filter { $0 <= y }.count) / Double(x.count))
            }
        }
    }

    @Test("the quantile is the generalized inverse, Q(0) = z(1)")
    func quantileDefinition() throws {
        var rng = SeededGenerator(seed: 12)
        for trial in 0..<40 {
            let x = Self.sample(&rng, 1 + rng.nextInt(below: 30), ties: trial % 2 == 0)
            let d = try EmpiricalDistribution(x)
            #expect(try d.quantile(0) == x.min())
            #expect(try d.quantile(1) == x.max())
            // Levels i / 64 are exact binary fractions, so v * n is exact and the oracle is too.
            for i in 1...64 {
                let v = Double(i) / 64
                #expect(try d.quantile(v) == Self.bruteQuantile(x, v))
            }
        }
    }

    @Test("composedRank is ceil(r m / n) clamped to >= 1, exactly")
    func composedRank() {
        for n in 1...30 {
            for m in 1...30 {
                for r in 0...n {
                    // ceil(r m / n) by counting: the smallest j with j n >= r m.
                    var j = 0
                    while j * n < r * m { j += 1 }
                    #expect(EmpiricalDistribution.composedRank(r, from: n, to: m) == max(1, j))
                }
            }
        }
    }

    @Test("the (7/25)*25 float trap: integer ranks give z(7), a float level gives z(8)")
    func floatTrapRegression() throws {
        // The trap itself: 7/25 rounds up, so the product exceeds 7 and its ceiling is 8.
        #expect((7.0 / 25.0) * 25.0 == 7.000000000000001)
        let d = try EmpiricalDistribution((1...25).map(Double.init))
        #expect(try d.quantile(rank: 7, outOf: 25) == 7)
        #expect(EmpiricalDistribution.composedRank(7, from: 25, to: 25) == 7)
        // The Double 7.0/25.0 is slightly above 7/25, so its exact generalized inverse is z(8):
        // this is why the repair never passes through a float level.
        #expect(try d.quantile(7.0 / 25.0) == 8)
    }

    @Test("Q_s(F_s(z)) = z for every sample point, through integer ranks, ties included")
    func selfCompositionIsIdentity() throws {
        var rng = SeededGenerator(seed: 13)
        for trial in 0..<50 {
            let x = Self.sample(&rng, 1 + rng.nextInt(below: 50), ties: trial % 2 == 0)
            let d = try EmpiricalDistribution(x)
            for z in x {
                let r = try d.count(atOrBelow: z)
                #expect(try d.quantile(rank: r, outOf: d.count) == z)
            }
        }
    }

    @Test("the mean is the compensated sample mean")
    func mean() throws {
        let d = try EmpiricalDistribution([1e16, 1, -1e16, 1])
        #expect(d.mean == 0.5)
        var rng = SeededGenerator(seed: 14)
        let x = (0..<1000).map { _ in rng.nextNormal() }
        #expect(abs(try EmpiricalDistribution(x).mean - x.reduce(0, +) / 1000) < 1e-15)
    }

    @Test("the mean stays finite where the sum of the values does not (values near ±1e308)")
    func meanNearOverflow() throws {
        let big = Double.greatestFiniteMagnitude
        #expect(try EmpiricalDistribution([big, big]).mean == big)
        #expect(try EmpiricalDistribution([-big, -big]).mean == -big)
        #expect(try EmpiricalDistribution([1e308, 1e308, 0, 0]).mean == 5e307)
        let mixed = try EmpiricalDistribution([1.5e308, 1.5e308, -1e308, 1])
        #expect(mixed.mean.isFinite && abs(mixed.mean - 0.5e308) < 1e293)
    }

    @Test("-0.0 is stored as +0.0")
    func signedZero() throws {
        let d = try EmpiricalDistribution([0.0, -0.0, 1])
        #expect(d.sortedValues.allSatisfy { $0.sign == .plus })
        #expect(try EmpiricalDistribution(sortedValues: [-0.0, 0.0]).sortedValues.allSatisfy { $0.sign == .plus })
    }

    @Test("an empty sample is an error that says what to pass")
    func emptyError() {
        #expect(throws: FairCoreError.emptyInput(what: "sample")) { try EmpiricalDistribution([]) }
        #expect(FairCoreError.emptyInput(what: "sample").description.contains("pass at least one value"))
    }

    @Test("a NaN or infinite value is an error naming the row")
    func nonFiniteError() {
        #expect(throws: FairCoreError.nonFiniteValue(what: "scores", row: 2, value: .infinity)) {
            try EmpiricalDistribution([1, 2, .infinity], what: "scores")
        }
        let message = FairCoreError.nonFiniteValue(what: "scores", row: 2, value: .nan).description
        #expect(message.contains("row 2") && message.contains("Remove or impute"))
    }

    @Test("an unsorted 'sorted' sample, a NaN query, a bad level or rank are errors")
    func parameterErrors() throws {
        #expect(throws: FairCoreError.self) { try EmpiricalDistribution(sortedValues: [1, 0]) }
        let d = try EmpiricalDistribution([1, 2, 3])
        #expect(throws: FairCoreError.self) { try d.count(atOrBelow: .nan) }
        #expect(throws: FairCoreError.self) { try d.count(below: .nan) }
        #expect(d.cdf(.nan).isNaN)
        #expect(throws: FairCoreError.self) { try d.quantile(1.5) }
        #expect(throws: FairCoreError.self) { try d.quantile(.nan) }
        #expect(throws: FairCoreError.self) { try d.orderStatistic(rank: 0) }
        #expect(throws: FairCoreError.self) { try d.quantile(rank: 4, outOf: 3) }
        #expect(throws: FairCoreError.self) { try d.quantile(rank: 0, outOf: 0) }
        do {
            _ = try EmpiricalDistribution(sortedValues: [1, 0])
        } catch {
            #expect(error.description.contains("sorted ascending"))
        }
        #expect(try d.orderStatistic(rank: 3) == 3)
    }

    @Test("Codable round trip; decoding rejects an unsorted sample")
    func codable() throws {
        let d = try EmpiricalDistribution([3, 1, 2])
        let json = try JSONTestCoding.encode(d)
        #expect(try JSONTestCoding.decode(EmpiricalDistribution.self, json) == d)
        #expect(throws: (any Error).self) {
            try JSONTestCoding.decode(EmpiricalDistribution.self, Array(#"{"sortedValues":[2,1]}"#.utf8))
        }
    }
}
