/// The fitted numbers of a `BarycenterRepair` in flat, immutable buffers that it owns; the
/// per-row map that reads them is `TransportMap` (`map`).
///
/// The sorted calibration samples of all groups are concatenated (group `g` occupies
/// `start[g] ..< start[g + 1]`), so the hot loop works on a handful of raw pointers without
/// per-row allocation, dictionary or string work. Without a calibration split the CDF samples
/// *are* the quantile samples (one buffer, not a copy).
///
/// Memory: written once in `init`, never mutated, freed in `deinit`; hence `@unchecked Sendable`.
final class RepairStorage: @unchecked Sendable {
    let groupCount: Int
    let convention: RepairConvention
    let split: Bool
    /// Concatenated sorted quantile samples, and their `groupCount + 1` start offsets.
    let quantileValues: UnsafeMutableBufferPointer<Double>
    let quantileStart: UnsafeMutableBufferPointer<Int>
    /// Concatenated sorted CDF samples (the quantile buffer itself when not split).
    let cdfValues: UnsafeMutableBufferPointer<Double>
    let cdfStart: UnsafeMutableBufferPointer<Int>
    let weights: UnsafeMutableBufferPointer<Double>
    let bucketings: UnsafeMutableBufferPointer<RankIndex.Bucketing>
    let table: UnsafeMutableBufferPointer<Int32>
    /// The map at each group's CDF-sample minimum and maximum (for the tail shift).
    let lowBoundaryOutput: UnsafeMutableBufferPointer<Double>
    let highBoundaryOutput: UnsafeMutableBufferPointer<Double>
    /// `1 / n_s` of each CDF sample (a first guess for the rank composition, then corrected).
    let inverseCDFCount: UnsafeMutableBufferPointer<Double>
    /// The per-row map over these buffers (valid while this object lives).
    let map: TransportMap

    /// Takes ownership of `quantileValues` (and `cdfValues` when split): buffers allocated
    /// with `LargeBuffer.allocateBuffer`, sorted per group, finite, canonical.
    init(convention: RepairConvention, weights: [Double],
         quantileValues: UnsafeMutableBufferPointer<Double>, quantileCounts: [Int],
         cdfValues: UnsafeMutableBufferPointer<Double>?, cdfCounts: [Int]?) {
        let k = weights.count
        self.groupCount = k
        self.convention = convention
        self.split = cdfValues != nil
        self.quantileValues = quantileValues
        self.quantileStart = Self.offsets(quantileCounts)
        self.cdfValues = cdfValues ?? quantileValues
        self.cdfStart = cdfValues == nil ? Self.offsets(quantileCounts) : Self.offsets(cdfCounts ?? quantileCounts)
        self.weights = .allocate(capacity: k)
        _ = self.weights.initialize(from: weights)
        // One table for all groups; group g's entries start at the sum of the earlier capacities.
        var tableSize = 0
        for g in 0..<k { tableSize += RankIndex.tableCapacity(count: cdfStart[g + 1] - cdfStart[g]) }
        // Not zeroed: `RankIndex.build` writes every entry a group's bucketing reads (the rest
        // of its capacity, when the key map needs fewer buckets, is never read).
        self.table = LargeBuffer.allocateBuffer(Int32.self, capacity: tableSize)
        self.bucketings = .allocate(capacity: k)
        var tableOffset = 0
        for g in 0..<k {
            let start = cdfStart[g], end = cdfStart[g + 1]
            let sample = UnsafeBufferPointer(rebasing: self.cdfValues[start..<end])
            let bucketing = RankIndex.build(sample, tableOffset: tableOffset, into: table.baseAddress! + tableOffset)
            (bucketings.baseAddress! + g).initialize(to: bucketing)
            tableOffset += RankIndex.tableCapacity(count: end - start)
        }
        self.inverseCDFCount = .allocate(capacity: k)
        for g in 0..<k { inverseCDFCount[g] = 1 / Double(cdfStart[g + 1] - cdfStart[g]) }
        self.lowBoundaryOutput = .allocate(capacity: k)
        self.highBoundaryOutput = .allocate(capacity: k)
        lowBoundaryOutput.initialize(repeating: 0)
        highBoundaryOutput.initialize(repeating: 0)
        self.map = TransportMap(
            groupCount: k, convention: convention, split: cdfValues != nil,
            q: UnsafePointer(quantileValues.baseAddress!), qStart: UnsafePointer(quantileStart.baseAddress!),
            c: UnsafePointer(self.cdfValues.baseAddress!), cStart: UnsafePointer(cdfStart.baseAddress!),
            weights: UnsafePointer(self.weights.baseAddress!), inverseCDFCount: UnsafePointer(inverseCDFCount.baseAddress!),
            bucketings: UnsafePointer(bucketings.baseAddress!), table: UnsafePointer(table.baseAddress!),
            lowBoundaryOutput: UnsafePointer(lowBoundaryOutput.baseAddress!),
            highBoundaryOutput: UnsafePointer(highBoundaryOutput.baseAddress!))
        for g in 0..<k {
            lowBoundaryOutput[g] = map.fair(group: g, y: map.cdfMinimum(g))
            highBoundaryOutput[g] = map.fair(group: g, y: map.cdfMaximum(g))
        }
    }

    deinit {
        if split { LargeBuffer.deallocate(cdfValues) }
        LargeBuffer.deallocate(quantileValues)
        quantileStart.deallocate()
        cdfStart.deallocate()
        weights.deallocate()
        bucketings.deallocate()
        LargeBuffer.deallocate(table)
        lowBoundaryOutput.deallocate()
        highBoundaryOutput.deallocate()
        inverseCDFCount.deallocate()
    }

    private static func offsets(_ counts: [Int]) -> UnsafeMutableBufferPointer<Int> {
        let result = UnsafeMutableBufferPointer<Int>.allocate(capacity: counts.count + 1)
        var running = 0
        for (g, c) in counts.enumerated() {
            result[g] = running
            running += c
        }
        result[counts.count] = running
        return result
    }

    /// Group `g`'s sorted quantile sample (a copy).
    func quantileSample(_ g: Int) -> [Double] { Array(quantileValues[quantileStart[g]..<quantileStart[g + 1]]) }
    /// Group `g`'s sorted CDF sample (a copy).
    func cdfSample(_ g: Int) -> [Double] { Array(cdfValues[cdfStart[g]..<cdfStart[g + 1]]) }
}
