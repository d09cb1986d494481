import Testing
@testable import FairCore

/// The bucketed engine (used for unsorted input) against the brute-force definition and
/// against the plain walk over fully sorted samples, on the shapes that stress its pruning:
/// separated groups (few candidate buckets), one shared law and identical samples (many or all
/// buckets), heavy ties, and outliers that put almost every key in one bucket.
@Suite("BucketedKolmogorovSmirnov")
struct BucketedKolmogorovSmirnovTests {
    enum Shape: CaseIterable {
        case shifted, sameLaw, identical, ties, outliers
    }

    static func samples(_ shape: Shape, _ rng: inout SeededGenerator, _ n1: Int, _ n2: Int) -> ([Double], [Double]) {
        func normal(_ n: Int, _ shift: Double) -> [Double] { (0..<n).map { _ in rng.nextNormal() + shift } }
        switch shape {
        case .shifted: return (normal(n1, 0), normal(n2, 0.4))
        case .sameLaw: return (normal(n1, 0), normal(n2, 0))
        case .identical:
            let a = normal(n1, 0)
            return (a, a.shuffled(using: &rng))
        case .ties:
            return ((0..<n1).map { _ in Double(rng.nextInt(below: 40)) / 8 },
                    (0..<n2).map { _ in Double(rng.nextInt(below: 40) + 1) / 8 })
        case .outliers:
            var a = (0..<n1).map { _ in rng.nextDouble() }, b = (0..<n2).map { _ in rng.nextDouble() * 0.9 }
            a[0] = 1e300
            b[b.count - 1] = -1e250
            return (a, b)
        }
    }

    /// Both samples through the engine (as groups of one column), as `KolmogorovSmirnov` values.
    static func engine(_ a: [Double], _ b: [Double]) throws -> KolmogorovSmirnov {
        let table = try PairwiseKolmogorovSmirnov(values: a + b, groups: GroupColumn(
            codes: [Int32](repeating: 0, count: a.count) + [Int32](repeating: 1, count: b.count), names: ["a", "b"]))
        return table.pairs[0].test
    }

    @Test("equals the brute-force definition on small samples of every shape", arguments: Shape.allCases)
    func smallOracle(shape: Shape) throws {
        var rng = SeededGenerator(seed: 500)
        for _ in 0..<40 {
            let (a, b) = Self.samples(shape, &rng, 1 + rng.nextInt(below: 150), 1 + rng.nextInt(below: 150))
            let expected = KolmogorovSmirnovTests.Oracle(a, b)
            for test in [try KolmogorovSmirnov(a, b), try Self.engine(a, b)] {
                #expect(test.plusCount == expected.plus && test.minusCount == expected.minus)
                #expect(test.plusLocation == expected.plusAt && test.minusLocation == expected.minusAt)
            }
        }
    }

    @Test("equals the walk over fully sorted samples on large samples of every shape", arguments: Shape.allCases)
    func largeAgainstSortedWalk(shape: Shape) throws {
        var rng = SeededGenerator(seed: 900)
        let (a, b) = Self.samples(shape, &rng, 120_000, 70_000)
        let sortedWalk = try KolmogorovSmirnov(sortedA: a.sorted(), sortedB: b.sorted())
        #expect(try KolmogorovSmirnov(a, b) == sortedWalk)
        #expect(try KolmogorovSmirnov(b, a) == sortedWalk.swapped)
        #expect(try Self.engine(a, b) == sortedWalk)
    }

    @Test("all pairs of four groups equal the sorted walks")
    func fourGroups() throws {
        var rng = SeededGenerator(seed: 77)
        var values: [Double] = [], codes: [Int32] = []
        for _ in 0..<60_000 {
            let g = Int32(rng.nextInt(below: 4))
            values.append(g == 3 ? rng.nextNormal() : rng.nextNormal() * (1 + 0.1 * Double(g)))
            codes.append(g)
        }
        let column = try GroupColumn(codes: codes, names: ["w", "x", "y", "z"])
        let table = try PairwiseKolmogorovSmirnov(values: values, groups: column)
        let groups = try SortedGroups(values: values, groups: column)
        #expect(table == (try PairwiseKolmogorovSmirnov(groups)))
    }

    @Test("candidate marking keeps every bucket whose bound reaches the best bucket end")
    func candidates() {
        // Counts per bucket for two groups of 4 and 4 values: the difference peaks in bucket 1.
        let a: [Int32] = [2, 2, 0, 0], c: [Int32] = [0, 0, 2, 2]
        var marked = [Bool](repeating: false, count: 4)
        a.withUnsafeBufferPointer { pa in
            c.withUnsafeBufferPointer { pc in
                marked.withUnsafeMutableBufferPointer { m in
                    BucketedKolmogorovSmirnov.markCandidates(pa.baseAddress!, pc.baseAddress!, 4, m: 4, n: 4, m.baseAddress!)
                }
            }
        }
        // Ends: d = 8, 16, 8, 0, so the lower bounds are 16 (plus) and 0 (minus, at the last
        // value). Plus-side bounds (i + x) n - j m: 8, 16, 16, 8 -> buckets 1 and 2. Minus-side
        // bounds (j + y) m - i n: 0, -8, -8, 0 -> buckets 0 and 3 (bucket 0's bound is loose: it
        // is the value before the bucket's first key).
        #expect(marked == [true, true, true, true])
        // A pair whose difference only grows: the last bucket alone can hold the maximum.
        let rising: [Int32] = [1, 1, 1, 1], flat: [Int32] = [0, 0, 0, 4]
        var marked2 = [Bool](repeating: false, count: 4)
        rising.withUnsafeBufferPointer { pa in
            flat.withUnsafeBufferPointer { pc in
                marked2.withUnsafeMutableBufferPointer { m in
                    BucketedKolmogorovSmirnov.markCandidates(pa.baseAddress!, pc.baseAddress!, 4, m: 4, n: 4, m.baseAddress!)
                }
            }
        }
        // Ends: d = 4, 8, 12, 0 -> lower bounds 12 and 0. Plus bounds 4, 8, 12, 16 -> buckets 2, 3;
        // minus bounds 0, -4, -8, 4 -> buckets 0, 3.
        #expect(marked2 == [true, false, true, true])
    }
}
