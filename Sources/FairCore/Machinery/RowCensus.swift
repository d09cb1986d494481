extension RowBatch {
    /// One pass over all rows (on two threads for large batches) that counts the rows of every
    /// target group and flags rows that need the exact checks.
    ///
    /// `lookup` maps a code `c` in `0..<codeCount` to its target group (`-1` if refused); codes
    /// outside that range are refused too. A row is flagged when its code is refused or
    /// `!(|x| + halfWidth < 2^1023)` (NaN, infinities, and values whose jittered score could
    /// overflow). The result has the counts of every worker (`counts[w][g]`, rows of target group
    /// `g` in worker `w`'s range) and whether any row was flagged; when one was, the caller runs
    /// its exact row-by-row checks, which throw the error of the first bad row (a flag alone is
    /// not an error: a huge finite score without jitter passes the exact check). With
    /// `ranges`, it also has each group's smallest and largest score (meaningful when no row
    /// was flagged).
    func census(lookup: [Int32], targetCount k: Int, halfWidth: Double, workers: Int, ranges: Bool = false) -> Census {
        if ranges {
            return census(lookup: lookup, targetCount: k, halfWidth: halfWidth, workers: workers, TrackRanges.self)
        }
        return census(lookup: lookup, targetCount: k, halfWidth: halfWidth, workers: workers, CountsOnly.self)
    }

    private func census<Mode: CensusMode>(lookup: [Int32], targetCount k: Int, halfWidth: Double, workers: Int,
                                          _: Mode.Type) -> Census {
        let codeCount = lookup.count
        // Slot `codeCount` catches the codes outside the range; the counters of target -1 go to slot 0.
        var table = lookup.map { Int($0) + 1 }
        table.append(0)
        let width = k + 1
        let lanes = CensusJob<Code, Mode>.lanes
        let slots = workers * lanes * width
        var tallies = [Int](repeating: 0, count: slots)
        var lows = [Double](repeating: .infinity, count: Mode.tracksRanges ? slots : 0)
        var highs = [Double](repeating: -.infinity, count: Mode.tracksRanges ? slots : 0)
        var flags = [Bool](repeating: false, count: workers)
        table.withUnsafeBufferPointer { table in
            tallies.withUnsafeMutableBufferPointer { tallies in
                lows.withUnsafeMutableBufferPointer { lows in
                    highs.withUnsafeMutableBufferPointer { highs in
                        flags.withUnsafeMutableBufferPointer { flags in
                            let job = CensusJob<Code, Mode>(
                                batch: self, table: table.baseAddress!, codeCount: codeCount, width: width,
                                halfWidth: halfWidth, tallies: tallies.baseAddress!, lows: lows.baseAddress,
                                highs: highs.baseAddress, flags: flags.baseAddress!, workers: workers)
                            Workers.run(workers) { job.run($0) }
                        }
                    }
                }
            }
        }
        var result = Census(counts: [[Int]](repeating: [Int](repeating: 0, count: k), count: workers),
                            flagged: flags.contains(true),
                            low: [Double](repeating: .infinity, count: k), high: [Double](repeating: -.infinity, count: k))
        for w in 0..<workers {
            for lane in 0..<lanes {
                for g in 0..<k {
                    let slot = (w * lanes + lane) * width + g + 1
                    result.counts[w][g] += tallies[slot]
                    if Mode.tracksRanges {
                        result.low[g] = Swift.min(result.low[g], lows[slot])
                        result.high[g] = Swift.max(result.high[g], highs[slot])
                    }
                }
            }
        }
        return result
    }
}

/// The result of `RowBatch.census`.
struct Census {
    /// `counts[w][g]`: rows of target group `g` in worker `w`'s range.
    var counts: [[Int]]
    /// Whether a row needs the exact checks.
    var flagged: Bool
    /// Each group's smallest and largest score (only when ranges were asked for; `+inf` and
    /// `-inf` for a group without rows).
    var low: [Double]
    var high: [Double]
}

/// Whether the census also tracks each group's score range (a type, so each variant of the
/// loop is compiled without the other's code).
protocol CensusMode: SendableMetatype { static var tracksRanges: Bool { get } }
enum CountsOnly: CensusMode { static var tracksRanges: Bool { false } }
enum TrackRanges: CensusMode { static var tracksRanges: Bool { true } }

/// One worker's share of `RowBatch.census`: it writes only its own tallies, ranges and flag.
private struct CensusJob<Code: GroupCode, Mode: CensusMode>: @unchecked Sendable {
    /// Interleaved counters (row `i` uses lane `i % 4`), so that consecutive rows of one group
    /// do not form a chain of read-modify-writes of one memory word.
    static var lanes: Int { 4 }

    let batch: RowBatch<Code>
    let table: UnsafePointer<Int>
    let codeCount: Int
    let width: Int
    let halfWidth: Double
    let tallies: UnsafeMutablePointer<Int>
    let lows: UnsafeMutablePointer<Double>?
    let highs: UnsafeMutablePointer<Double>?
    let flags: UnsafeMutablePointer<Bool>
    let workers: Int

    func run(_ w: Int) {
        let range = batch.range(worker: w, of: workers)
        let offset = w * Self.lanes * width
        let tally = tallies + offset
        let low = (lows ?? .noBuffer) + offset
        let high = (highs ?? .noBuffer) + offset
        let scores = batch.scores, codes = batch.codes
        let limit = 0x1p1023
        var bad: UInt8 = 0
        var row = range.lowerBound
        while row < range.upperBound {
            let c = Int(codes[row])
            let x = scores[row]
            let slot = table[UInt(bitPattern: c) < UInt(codeCount) ? c : codeCount]
            // Branch-free: the flag is rare, the loop should not test it per row.
            bad |= (slot == 0 ? 1 : 0) | (abs(x) + halfWidth < limit ? 0 : 1)
            let at = (row & 3) &* width &+ slot
            tally[at] &+= 1
            if Mode.tracksRanges {
                low[at] = Swift.min(low[at], x)
                high[at] = Swift.max(high[at], x)
            }
            row &+= 1
        }
        flags[w] = bad != 0
    }
}
