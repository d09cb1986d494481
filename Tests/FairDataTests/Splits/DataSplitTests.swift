import FairCore
import Testing
@testable import FairData

@Suite("DataSplit")
struct DataSplitTests {
    @Test("sizes follow ⌈f·n⌉ without the float trap")
    func sizes() {
        #expect(DataSplit.partSize(fraction: 0.2, of: 6172) == 1235)
        #expect(DataSplit.partSize(fraction: 0.7, of: 10) == 7)
        #expect(DataSplit.partSize(fraction: 0.1, of: 3) == 1)
        #expect(DataSplit.partSize(fraction: 0, of: 100) == 0)
        #expect(DataSplit.partSize(fraction: 0.5, of: 4937) == 2469)
    }

    @Test("a random split: disjoint sorted parts covering every row, with the requested sizes", arguments: [(6172, 0.2, 0.5), (100, 0.3, 0.0), (7, 0.5, 0.5), (1, 0, 0)])
    func parts(rowCount: Int, test: Double, pool: Double) throws {
        let split = try DataSplit.random(rowCount: rowCount, testFraction: test, poolFraction: pool, seed: 42)
        let testSize = DataSplit.partSize(fraction: test, of: rowCount)
        #expect(split.test.count == testSize)
        #expect(split.pool.count == DataSplit.partSize(fraction: pool, of: rowCount - testSize))
        #expect((split.train + split.pool + split.test).sorted() == Array(0..<rowCount))
        for part in [split.train, split.pool, split.test] { #expect(part == part.sorted()) }
    }

    @Test("COMPAS' 80/20 split has 4,937 training and 1,235 test rows (EXPERIMENTS.md §2.2)")
    func compasSizes() throws {
        let split = try DataSplit.random(rowCount: 6172, testFraction: 0.2, seed: 1)
        #expect(split.train.count == 4937 && split.test.count == 1235 && split.pool.isEmpty)
    }

    @Test("the same seed gives the same split; other seeds give other splits")
    func determinism() throws {
        let a = try DataSplit.random(rowCount: 1000, testFraction: 0.2, poolFraction: 0.5, seed: 7)
        let b = try DataSplit.random(rowCount: 1000, testFraction: 0.2, poolFraction: 0.5, seed: 7)
        let c = try DataSplit.random(rowCount: 1000, testFraction: 0.2, poolFraction: 0.5, seed: 8)
        #expect(a == b)
        #expect(a.test != c.test)
    }

    @Test("every row is equally likely to be a test row (frequency over many seeds)")
    func uniformity() throws {
        var hits = [Int](repeating: 0, count: 10)
        let seeds = 2000
        for seed in 0..<UInt64(seeds) {
            for row in try DataSplit.random(rowCount: 10, testFraction: 0.3, seed: seed).test { hits[row] += 1 }
        }
        // Expected 600 per row; binomial SD ≈ 20.5, so ±100 is about 5 SD.
        #expect(hits.allSatisfy { abs($0 - 600) < 100 }, "\(hits)")
    }

    @Test("stratified: each group's share of every part is within one row of the requested fraction", arguments: 0..<10)
    func stratified(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed, purpose: "stratified split test")
        let n = 200 + generator.nextInt(below: 800)
        let labels = (0..<n).map { _ in ["a", "b", "c"][min(2, generator.nextInt(below: 10) / 4)] }
        let groups = GroupColumn(labels: labels)
        let split = try DataSplit.random(rowCount: n, testFraction: 0.2, poolFraction: 0.5, seed: seed, stratifiedBy: groups)
        let testSize = DataSplit.partSize(fraction: 0.2, of: n)
        #expect(split.test.count == testSize)
        #expect(split.pool.count == DataSplit.partSize(fraction: 0.5, of: n - testSize))
        let sizes = groups.counts()
        for g in 0..<3 {
            let inTest = split.test.filter { groups.codes[$0] == g }.count
            #expect(abs(Double(inTest) - 0.2 * Double(sizes[g])) < 1 + 1e-9)
            let rest = sizes[g] - inTest
            let inPool = split.pool.filter { groups.codes[$0] == g }.count
            #expect(abs(Double(inPool) - 0.5 * Double(rest)) < 1 + 1e-9)
        }
        #expect((split.train + split.pool + split.test).sorted() == Array(0..<n))
    }

    @Test("a fixed test part keeps the given rows and carves the pool out of training rows only")
    func fixedTest() throws {
        let split = try DataSplit.fixedTest(train: Array(0..<80), test: Array(80..<100), poolFraction: 0.25, seed: 3)
        #expect(split.test == Array(80..<100))
        #expect(split.pool.count == 20 && split.train.count == 60)
        #expect(Set(split.pool).isSubset(of: Set(0..<80)))
        #expect(fairDataError { _ = try DataSplit.fixedTest(train: [0, 1], test: [1], poolFraction: 0, seed: 0) }
            == .invalidParameter(name: "split", value: "row 1 in two parts", allowed: "train, pool and test must be disjoint"))
    }

    @Test("fractions outside [0, 1), mismatched groups and an empty training part are errors")
    func errors() {
        for bad in [-0.1, 1, 1.5, Double.nan] {
            let error = fairDataError { _ = try DataSplit.random(rowCount: 10, testFraction: bad, seed: 0) }
            #expect(error == .invalidParameter(name: "testFraction", value: "\(bad)", allowed: "a fraction in [0, 1)"))
        }
        #expect(fairDataError { _ = try DataSplit.random(rowCount: 10, testFraction: 0.2, poolFraction: 1, seed: 0) }
            == .invalidParameter(name: "poolFraction", value: "1.0", allowed: "a fraction in [0, 1)"))
        #expect(fairDataError { _ = try DataSplit.random(rowCount: 2, testFraction: 0.9, seed: 0) }
            == .tooFewRows(what: "the training part", found: 0, needed: 1))
        let error = fairDataError { _ = try DataSplit.random(rowCount: 3, testFraction: 0.2, seed: 0, stratifiedBy: GroupColumn(labels: ["a"])) }
        #expect(error?.description.contains("one group per table row") == true)
        #expect(fairDataError { _ = try DataSplit(train: [-1], pool: [], test: []) } != nil)
    }
}
