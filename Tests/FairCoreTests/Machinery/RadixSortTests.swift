import Testing
@testable import FairCore

@Suite("RadixSort")
struct RadixSortTests {
    /// Values with ties, signed zeros, infinities, subnormals and both signs.
    static func awkwardSample(count: Int, seed: UInt64) -> [Double] {
        var rng = SeededGenerator(seed: seed)
        let specials: [Double] = [0.0, -0.0, .infinity, -.infinity, .leastNonzeroMagnitude,
                                  -.leastNonzeroMagnitude, .greatestFiniteMagnitude, 1.0, -1.0]
        return (0..<count).map { i in
            switch rng.nextInt(below: 4) {
            case 0: return specials[i % specials.count]
            case 1: return Double(rng.nextInt(below: 7)) - 3.0  // many ties
            default: return rng.nextNormal() * 1e3
            }
        }
    }

    @Test("sort agrees with the standard library sort", arguments: [0, 1, 2, 100, 511, 512, 5_000, 70_000])
    func matchesStandardSort(count: Int) {
        for seed in 0..<5 as Range<UInt64> {
            let values = Self.awkwardSample(count: count, seed: seed)
            let expected = values.sorted()
            let actual = RadixSort.sorted(values)
            #expect(actual == expected)
            // -0.0 is canonicalised to +0.0.
            #expect(!actual.contains { $0 == 0 && $0.sign == .minus })
        }
    }

    @Test("sortedIndices is the stable sorting permutation", arguments: [10, 600, 20_000])
    func stablePermutation(count: Int) {
        for seed in 10..<14 as Range<UInt64> {
            let values = Self.awkwardSample(count: count, seed: seed)
            let perm = RadixSort.sortedIndices(values).map(Int.init)
            #expect(Set(perm).count == count)
            for i in 1..<max(1, perm.count) {
                let a = perm[i - 1], b = perm[i]
                #expect(values[a] <= values[b])
                if values[a] == values[b] { #expect(a < b) }
            }
        }
    }

    @Test("key order equals numeric order and key round-trips")
    func keyOrder() {
        let values = Self.awkwardSample(count: 2_000, seed: 99)
        for i in 1..<values.count {
            let a = values[i - 1], b = values[i]
            #expect((a < b) == (RadixSort.key(a) < RadixSort.key(b)))
            #expect(RadixSort.value(ofKey: RadixSort.key(a)) == a)
        }
    }

    @Test("a skewed range (outliers) splits oversized buckets again; keys and indices stay exact")
    func skewedRange() {
        var rng = SeededGenerator(seed: 123)
        // All but two values share one top digit, so that bucket holds > 2^16 keys.
        var values = (0..<150_000).map { _ in rng.nextInt(below: 3) == 0 ? Double(rng.nextInt(below: 100)) : rng.nextDouble() }
        values.append(1e300)
        values.append(-1e300)
        #expect(RadixSort.sorted(values) == values.sorted())
        let perm = RadixSort.sortedIndices(values).map(Int.init)
        let expected = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        #expect(perm == expected)
    }

    /// Keys for `finish`: wide (every bit varies), clustered (a few tight clusters, so the small
    /// split leaves large buckets), or tied (few distinct keys).
    static func finishKeys(_ shape: Int, count: Int, _ rng: inout SeededGenerator) -> [UInt64] {
        (0..<count).map { _ in
            switch shape {
            case 0: return rng.next()
            case 1: return UInt64(rng.nextInt(below: 3)) << 40 | (rng.next() >> 54)
            default: return UInt64(rng.nextInt(below: 4)) * 1_000_003
            }
        }
    }

    @Test("every finishing strategy sorts stably: insertion, small split, LSD of every digit width, re-split",
          arguments: [1, 2, 31, 32, 33, 100, 768, 769, 1_535, 1_536, 2_048, 2_049, 4_096, 5_000, 70_000])
    func finishStrategies(count: Int) {
        var rng = SeededGenerator(seed: UInt64(count))
        var workspace = RadixSort.Workspace()
        defer { workspace.deallocate() }
        for shape in 0..<3 {
            let keys = Self.finishKeys(shape, count: count, &rng)
            var source = keys, target = [UInt64](repeating: 0, count: count)
            var sourcePayload = (0..<count).map { Int32($0) }, targetPayload = [Int32](repeating: -1, count: count)
            source.withUnsafeMutableBufferPointer { s in
                target.withUnsafeMutableBufferPointer { t in
                    sourcePayload.withUnsafeMutableBufferPointer { sp in
                        targetPayload.withUnsafeMutableBufferPointer { tp in
                            RadixSort.finish(from: s.baseAddress!, sp.baseAddress!, into: t.baseAddress!, tp.baseAddress!,
                                             count, &workspace, RadixSort.Carrying.self)
                        }
                    }
                }
            }
            #expect(target == keys.sorted(), "shape \(shape)")
            // Stable: the payload is the index order of equal keys.
            let expected = keys.indices.sorted { keys[$0] < keys[$1] || (keys[$0] == keys[$1] && $0 < $1) }
            #expect(targetPayload.map(Int.init) == expected, "shape \(shape)")
        }
    }
}

@Suite("RadixSort buffers")
struct RadixSortBufferTests {
    @Test("sorting buffer segments in place with a scratch buffer equals sorting arrays", arguments: [0, 1, 2, 511, 512, 3_000, 40_000])
    func segments(count: Int) {
        var rng = SeededGenerator(seed: 31)
        // Keys with some constant digits (skipped passes), some ties and both halves of the key space.
        let keys: [UInt64] = (0..<count).map { _ in
            switch rng.nextInt(below: 3) {
            case 0: return RadixSort.key(rng.nextNormal())
            case 1: return UInt64(rng.nextInt(below: 5)) << 40
            default: return rng.next()
            }
        }
        let split = count / 3
        let buffer = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: max(1, count))
        let scratch = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: max(1, count))
        defer { buffer.deallocate(); scratch.deallocate() }
        _ = buffer.initialize(from: keys)
        RadixSort.sortKeys(UnsafeMutableBufferPointer(rebasing: buffer[0..<split]), scratch: scratch)
        RadixSort.sortKeys(UnsafeMutableBufferPointer(rebasing: buffer[split..<count]), scratch: scratch)
        #expect(Array(buffer[0..<split]) == keys[0..<split].sorted())
        #expect(Array(buffer[split..<count]) == keys[split..<count].sorted())
        var array = keys
        RadixSort.sortKeys(&array)
        #expect(array == keys.sorted())
    }
}
