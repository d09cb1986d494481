/// The fitted numbers of a `BarycenterRepair` in flat, immutable buffers that it owns, and the
/// per-row map that reads them (`map`, a `TransportMap` of raw pointers into these buffers).
///
/// The sorted calibration samples of all groups are concatenated (group `g` occupies
/// `start[g] ..< start[g + 1]`), so the hot loop works on a handful of raw pointers without
/// per-row allocation, dictionary or string work. Without a calibration split the CDF samples
/// *are* the quantile samples (one buffer, not a copy).
///
/// Memory: written once in `init`, never mutated, freed in `deinit`; hence `@unchecked Sendable`.
final class RepairStorage: @unchecked Sendable {
    /// The per-row map over these buffers (valid while this object lives).
    let map: TransportMap
    /// The buffers allocated with `LargeBuffer` (the others are plain allocations of `map`).
    private let quantileValues: UnsafeMutableBufferPointer<Double>
    private let cdfValues: UnsafeMutableBufferPointer<Double>?
    private let table: UnsafeMutableBufferPointer<Int32>

    /// Takes ownership of `quantileValues` (and `cdfValues` when split): buffers allocated
    /// with `LargeBuffer.allocateBuffer`, sorted per group, finite, canonical.
    init(convention: RepairConvention, weights: [Double],
         quantileValues: UnsafeMutableBufferPointer<Double>, quantileCounts: [Int],
         cdfValues: UnsafeMutableBufferPointer<Double>?, cdfCounts: [Int]?) {
        let k = weights.count
        let c = cdfValues ?? quantileValues
        let qStart = Self.offsets(quantileCounts)
        let cStart = Self.offsets(cdfValues == nil ? quantileCounts : cdfCounts ?? quantileCounts)
        // One table for all groups; group g's entries start at the sum of the earlier capacities.
        // Not zeroed: `RankIndex.build` writes every entry a group's bucketing reads (the rest
        // of its capacity, when the key map needs fewer buckets, is never read).
        var tableSize = 0
        for g in 0..<k { tableSize += RankIndex.tableCapacity(count: cStart[g + 1] - cStart[g]) }
        let table = LargeBuffer.allocateBuffer(Int32.self, capacity: tableSize)
        let bucketings = UnsafeMutablePointer<RankIndex.Bucketing>.allocate(capacity: k)
        var tableOffset = 0
        for g in 0..<k {
            let sample = UnsafeBufferPointer(rebasing: c[cStart[g]..<cStart[g + 1]])
            (bucketings + g).initialize(to: RankIndex.build(sample, tableOffset: tableOffset, into: table.baseAddress! + tableOffset))
            tableOffset += RankIndex.tableCapacity(count: sample.count)
        }
        let inverseCDFCount = UnsafeMutablePointer<Double>.allocate(capacity: k)
        for g in 0..<k { inverseCDFCount[g] = 1 / Double(cStart[g + 1] - cStart[g]) }
        let pi = UnsafeMutablePointer<Double>.allocate(capacity: k)
        pi.initialize(from: weights, count: k)
        // The map at each group's CDF-sample minimum and maximum (for the tail shift), filled
        // in below by the map itself.
        let low = UnsafeMutablePointer<Double>.allocate(capacity: k), high = UnsafeMutablePointer<Double>.allocate(capacity: k)
        low.initialize(repeating: 0, count: k)
        high.initialize(repeating: 0, count: k)
        self.quantileValues = quantileValues
        self.cdfValues = cdfValues
        self.table = table
        self.map = TransportMap(
            groupCount: k, convention: convention, split: cdfValues != nil,
            q: UnsafePointer(quantileValues.baseAddress!), qStart: UnsafePointer(qStart),
            c: UnsafePointer(c.baseAddress!), cStart: UnsafePointer(cStart), weights: UnsafePointer(pi),
            inverseCDFCount: UnsafePointer(inverseCDFCount), bucketings: UnsafePointer(bucketings),
            table: UnsafePointer(table.baseAddress!), lowBoundaryOutput: UnsafePointer(low),
            highBoundaryOutput: UnsafePointer(high))
        for g in 0..<k {
            low[g] = map.fair(group: g, y: map.cdfMinimum(g))
            high[g] = map.fair(group: g, y: map.cdfMaximum(g))
        }
    }

    deinit {
        if let cdfValues { LargeBuffer.deallocate(cdfValues) }
        LargeBuffer.deallocate(quantileValues)
        LargeBuffer.deallocate(table)
        for pointer in [UnsafeRawPointer(map.qStart), UnsafeRawPointer(map.cStart), UnsafeRawPointer(map.weights),
                        UnsafeRawPointer(map.bucketings), UnsafeRawPointer(map.inverseCDFCount),
                        UnsafeRawPointer(map.lowBoundaryOutput), UnsafeRawPointer(map.highBoundaryOutput)] {
            UnsafeMutableRawPointer(mutating: pointer).deallocate()
        }
    }

    private static func offsets(_ counts: [Int]) -> UnsafeMutablePointer<Int> {
        let result = UnsafeMutablePointer<Int>.allocate(capacity: counts.count + 1)
        var running = 0
        for (g, c) in counts.enumerated() {
            result[g] = running
            running += c
        }
        result[counts.count] = running
        return result
    }

    /// Whether the CDF and quantile samples are the two halves of a split pool.
    var split: Bool { map.split }
    /// Group `g`'s sorted quantile sample (a copy).
    func quantileSample(_ g: Int) -> [Double] {
        Array(UnsafeBufferPointer(start: map.q + map.qStart[g], count: map.qStart[g + 1] - map.qStart[g]))
    }
    /// Group `g`'s sorted CDF sample (a copy).
    func cdfSample(_ g: Int) -> [Double] { Array(cdfView(g)) }
    /// Group `g`'s sorted CDF sample, in place (valid while this object lives).
    func cdfView(_ g: Int) -> UnsafeBufferPointer<Double> {
        UnsafeBufferPointer(start: map.c + map.cStart[g], count: map.cStart[g + 1] - map.cStart[g])
    }
}
