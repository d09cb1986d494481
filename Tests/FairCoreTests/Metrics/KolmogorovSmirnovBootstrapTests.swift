import Testing
@testable import FairCore

@Suite("KolmogorovSmirnovBootstrap")
struct KolmogorovSmirnovBootstrapTests {
    static func data(seed: UInt64, n: Int, shift: Double) -> ([Double], GroupColumn) {
        var rng = SeededGenerator(seed: seed)
        var values: [Double] = [], labels: [String] = []
        for _ in 0..<n {
            let g = rng.nextInt(below: 2)
            values.append(rng.nextNormal() + (g == 1 ? shift : 0))
            labels.append(g == 1 ? "B" : "A")
        }
        return (values, GroupColumn(labels: labels))
    }

    @Test("deterministic per seed; another seed gives other replicates; more replicates keep the first ones")
    func determinism() throws {
        let (values, column) = Self.data(seed: 1, n: 400, shift: 0.5)
        let first = try KolmogorovSmirnovBootstrap(values: values, groups: column, replicates: 60, seed: 7)
        let again = try KolmogorovSmirnovBootstrap(values: values, groups: column, replicates: 60, seed: 7)
        #expect(first == again)
        let other = try KolmogorovSmirnovBootstrap(values: values, groups: column, replicates: 60, seed: 8)
        #expect(other.replicateStatistics != first.replicateStatistics)
        let longer = try KolmogorovSmirnovBootstrap(values: values, groups: column, replicates: 90, seed: 7)
        #expect(Array(longer.replicateStatistics.prefix(60)) == first.replicateStatistics)
    }

    @Test("the interval contains the estimate and the replicates are KS of within-group resamples")
    func interval() throws {
        let (values, column) = Self.data(seed: 2, n: 1_000, shift: 0.4)
        let boot = try KolmogorovSmirnovBootstrap(values: values, groups: column, replicates: 200, level: 0.9, seed: 11)
        #expect(boot.estimate == (try PairwiseKolmogorovSmirnov(values: values, groups: column).statistic))
        #expect(boot.lower <= boot.estimate && boot.estimate <= boot.upper)
        #expect(boot.lower < boot.upper)
        #expect(boot.replicates == 200 && boot.level == 0.9 && boot.seed == 11)
        // Ranks of the 90% interval among 200 sorted replicates: 10 and 190.
        let sorted = boot.replicateStatistics.sorted()
        #expect(boot.lower == sorted[9] && boot.upper == sorted[189])

        // Replicate 0 by hand: resample each group with SeededGenerator(seed: 11, stream: 0).
        let groups = try SortedGroups(values: values, groups: column)
        var generator = SeededGenerator(seed: 11, stream: 0)
        var resampled: [[Double]] = []
        for sample in groups.samples {
            resampled.append((0..<sample.count).map { _ in sample[generator.nextInt(below: sample.count)] }.sorted())
        }
        let expected = try KolmogorovSmirnov(resampled[0], resampled[1]).statistic
        #expect(boot.replicateStatistics[0] == expected)
    }

    @Test("interval ranks avoid the binary rounding of the level")
    func ranks() {
        #expect(KolmogorovSmirnovBootstrap.ranks(replicates: 1_000, level: 0.95) == (25, 975))
        #expect(KolmogorovSmirnovBootstrap.ranks(replicates: 1_000, level: 0.9) == (50, 950))
        #expect(KolmogorovSmirnovBootstrap.ranks(replicates: 1, level: 0.5) == (1, 1))
        #expect(KolmogorovSmirnovBootstrap.ranks(replicates: 7, level: 0.999) == (1, 7))
    }

    @Test("invalid replicate counts and levels are errors that say what is allowed")
    func errors() {
        let (values, column) = Self.data(seed: 3, n: 50, shift: 0)
        let replicates = FairCoreError.invalidParameter(
            name: "replicates", value: "0",
            allowed: "use between 1 and 1000000 bootstrap replicates (1000 is typical)")
        #expect(throws: replicates) { try KolmogorovSmirnovBootstrap(values: values, groups: column, replicates: 0, seed: 1) }
        #expect(replicates.description.contains("use between 1 and 1000000"))
        for bad in [0.0, 1.0, -0.5, Double.nan] {
            let error = #expect(throws: FairCoreError.self) {
                try KolmogorovSmirnovBootstrap(values: values, groups: column, level: bad, seed: 1)
            }
            #expect(error?.description.contains("strictly between 0 and 1") == true)
        }
        #expect(throws: FairCoreError.tooFewGroups(found: 1, needed: 2)) {
            try KolmogorovSmirnovBootstrap(values: [1, 2], groups: GroupColumn(labels: ["a", "a"]), seed: 1)
        }
    }
}
