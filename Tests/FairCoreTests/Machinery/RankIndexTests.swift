import Testing
@testable import FairCore

@Suite("RankIndex (bucket tables of the repair)")
struct RankIndexTests {
    /// Samples that stress the bucket maps: heavy tails, huge ranges, atoms, zeros,
    /// subnormals, a single point.
    static func adversarialSamples() -> [[Double]] {
        var rng = SeededGenerator(seed: 400)
        var samples: [[Double]] = [
            [1],
            [2, 2, 2, 2, 2],
            [0, 0, 0, 1e-300, Double.leastNonzeroMagnitude, 1],
            [-1e308, -1, 0, 1, 1e308],
            [-Double.leastNonzeroMagnitude, 0, Double.leastNonzeroMagnitude],
        ]
        samples.append((0..<3_000).map { _ in rng.nextNormal() })
        samples.append((0..<3_000).map { _ in LibM.exp(4 * rng.nextNormal()) })                       // log-normal
        samples.append((0..<3_000).map { _ in rng.nextDouble() < 0.5 ? 0 : rng.nextDouble() })          // atom at 0
        samples.append((0..<3_000).map { _ in Double(rng.nextInt(below: 3)) } + [1e6])                  // outlier
        samples.append((0..<3_000).map { _ in (rng.nextNormal() * 1e-3).rounded() })
        return samples.map { RadixSort.sorted($0) }
    }

    @Test("bucket counts equal full-binary-search counts for every query, whatever the data")
    func exactCounts() throws {
        var rng = SeededGenerator(seed: 401)
        let samples = Self.adversarialSamples()
        let counts = samples.map(\.count)
        let values = LargeBuffer.allocateBuffer(Double.self, capacity: counts.reduce(0, +)) // the storage releases it
        _ = values.initialize(from: samples.joined())
        let storage = RepairStorage(convention: .midRankHazen, weights: counts.map { Double($0) / Double(counts.reduce(0, +)) },
                                    quantileValues: values, quantileCounts: counts, cdfValues: nil, cdfCounts: nil)
        let map = storage.map
        for (g, sample) in samples.enumerated() {
            // Oracle: a full binary search over the whole sample (checked against the
            // definitions in EmpiricalDistributionTests).
            let full = EmpiricalDistribution(trustedSorted: sample)
            var queries = sample + sample.map { $0.nextUp } + sample.map { $0.nextDown }
            queries += [-.infinity, .infinity, -.greatestFiniteMagnitude, .greatestFiniteMagnitude, 0, -0.0]
            queries += (0..<500).map { _ in rng.nextNormal() * 10 }
            for y in queries {
                let range = map.searchRange(group: g, y)
                let below = map.countBelow(group: g, y, in: range)
                let atOrBelow = map.countAtOrBelow(group: g, y, in: range)
                #expect(below == (try full.count(below: y)), "group \(g) y \(y)")
                #expect(atOrBelow == (try full.count(atOrBelow: y)), "group \(g) y \(y)")
            }
        }
    }

    @Test("heavy tails pick the key-based buckets, so bucket ranges stay short")
    func heavyTails() {
        var rng = SeededGenerator(seed: 402)
        let sample = RadixSort.sorted((0..<4_000).map { _ in LibM.exp(6 * rng.nextNormal()) })
        var table: [Int32] = []
        let bucketing = sample.withUnsafeBufferPointer { RankIndex.build($0, tableOffset: 0, table: &table) }
        #expect(bucketing.usesKeys)
        var widest = 0
        for b in 0..<bucketing.bucketCount { widest = max(widest, Int(table[b + 1] - table[b])) }
        #expect(widest < 200)
        #expect(table.first == 0 && table.last == Int32(sample.count))
    }
}

@Suite("RankIndex tables")
struct RankIndexTableTests {
    /// `t[b]` = the first index whose bucket is at least `b`, by a plain scan (the definition).
    static func definition(_ z: [Double], _ bucketing: RankIndex.Bucketing) -> [Int32] {
        var i = 0
        return (0...bucketing.bucketCount).map { b in
            while i < z.count && bucketing.bucket(z[i]) < b { i += 1 }
            return Int32(i)
        }
    }

    @Test("tables filled on two workers equal the definition: smooth, atoms and ties, heavy tails", arguments: 0..<3)
    func parallelFill(shape: Int) {
        var rng = SeededGenerator(seed: 410 + UInt64(shape))
        let n = RankIndex.parallelFillThreshold + 12_345
        let values: [Double] = (0..<n).map { _ in
            switch shape {
            case 0: return rng.nextNormal()
            case 1: return rng.nextDouble() < 0.3 ? 0.5 : Double(rng.nextInt(below: 1_000)) / 7
            default: return LibM.exp(6 * rng.nextNormal())
            }
        }
        let z = RadixSort.sorted(values)
        var table: [Int32] = []
        let bucketing = z.withUnsafeBufferPointer { RankIndex.build($0, tableOffset: 0, table: &table) }
        if shape == 2 { #expect(bucketing.usesKeys) }
        #expect(table == Self.definition(z, bucketing))
        // The same on one worker.
        var single = [Int32](repeating: -1, count: bucketing.bucketCount + 1)
        z.withUnsafeBufferPointer { z in
            single.withUnsafeMutableBufferPointer { RankIndex.fill(z, bucketing, into: $0.baseAddress!, workers: 1) }
        }
        #expect(single == table)
    }
}
