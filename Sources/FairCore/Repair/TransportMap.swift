/// The per-row barycenter map of a fitted repair: raw pointers into the buffers of its
/// `RepairStorage` (valid while that object lives) and the arithmetic of METHOD.md §4.4.
/// A plain struct, so a hot loop keeps every field in registers; the single-row and batch
/// paths both call these methods, so they compute the same bits.
///
/// ## Mathematical properties
/// `fair(group:y:)` is eq. (8) of the paper with the conventions of METHOD.md §4.4, in the
/// *difference form* `anchor + Σ_{b≠s} π_b (Q_b - anchor)`, where `anchor = Q_s(F_s(y))` is the
/// own group's term. It equals `Σ_b π_b Q_b(F_s(y))` when the weights sum to 1, and it makes a
/// group whose quantile terms all equal its own value map exactly onto that value (identical
/// groups give the identity, bit for bit). The result is clamped to the smallest and largest
/// term, so rounding never leaves the convex hull of the terms (scores in [0, 1] stay there).
/// Ranks come from the bucket tables of `RankIndex` and are exact; rank compositions are exact
/// integer arithmetic (`composedRank`).
struct TransportMap: @unchecked Sendable {
    let groupCount: Int
    let convention: RepairConvention
    let split: Bool
    /// Concatenated sorted quantile samples and their `groupCount + 1` start offsets.
    let q: UnsafePointer<Double>
    let qStart: UnsafePointer<Int>
    /// Concatenated sorted CDF samples (the quantile samples when not split) and offsets.
    let c: UnsafePointer<Double>
    let cStart: UnsafePointer<Int>
    let weights: UnsafePointer<Double>
    let inverseCDFCount: UnsafePointer<Double>
    let bucketings: UnsafePointer<RankIndex.Bucketing>
    let table: UnsafePointer<Int32>
    /// The map at each group's CDF-sample minimum and maximum (for the tail shift).
    let lowBoundaryOutput: UnsafePointer<Double>
    let highBoundaryOutput: UnsafePointer<Double>

    /// Smallest and largest value of group `g`'s CDF sample: the calibration range.
    @inline(__always) func cdfMinimum(_ g: Int) -> Double { c[cStart[g]] }
    @inline(__always) func cdfMaximum(_ g: Int) -> Double { c[cStart[g + 1] - 1] }

    // MARK: - Rank queries

    /// The index range `lo...hi` of group `g`'s CDF sample that holds both `#{z < y}` and
    /// `#{z <= y}` (from the bucket table; usually a few points).
    @inline(__always)
    func searchRange(group g: Int, _ y: Double) -> (lo: Int, hi: Int) {
        let bucketing = bucketings[g]
        let b = bucketing.tableOffset + bucketing.bucket(y)
        return (Int(table[b]), Int(table[b + 1]))
    }

    /// The value at index `i` of group `g`'s CDF sample.
    @inline(__always)
    func cdfValue(group g: Int, _ i: Int) -> Double { c[cStart[g] + i] }

    /// The absolute table position of `y`'s bucket in group `g`'s table.
    @inline(__always)
    func tablePosition(group g: Int, _ y: Double) -> Int {
        let bucketing = bucketings[g]
        return bucketing.tableOffset + bucketing.bucket(y)
    }

    /// Reads (and sums) the values a query of group `s` with rank range `lo...hi` will need:
    /// both ends and the middle of its range in the CDF sample, and the two ends of the
    /// corresponding order-statistic range in every other group's quantile sample. Used only
    /// to pull those cache lines in ahead of the dependent computation.
    @inline(__always)
    func touch(group s: Int, lo: Int, hi: Int) -> Double {
        let c = c + cStart[s]
        var sum = c[lo > 0 ? lo - 1 : 0] + c[(lo + hi) >> 1 == 0 ? 0 : ((lo + hi) >> 1) - 1]
        if hi > 0 { sum += c[hi - 1] }
                let lowLevel = Double(lo) * inverseCDFCount[s], highLevel = Double(hi) * inverseCDFCount[s]
        for b in 0..<groupCount where b != s || split {
            // Approximate order statistics are enough to pull the right lines in.
            let m = qStart[b + 1] - qStart[b]
            let start = qStart[b]
            sum += q[start + min(m - 1, Int(lowLevel * Double(m)))] + q[start + min(m - 1, Int(highLevel * Double(m)))]
        }
        return sum
    }

    /// Reads, line by line in increasing address order, everything the rows of group `g` whose
    /// bucket is in `buckets` can touch: those table entries, the CDF-sample slice they cover,
    /// and the matching order-statistic slices of the quantile samples. A sequential sweep the
    /// hardware prefetcher follows, so the rows' own reads then hit the cache. Returns a sum
    /// of what was read, only so the reads are not optimised away.
    func touchRegion(group g: Int, buckets: Range<Int>) -> Double {
        let offset = bucketings[g].tableOffset
        var sum = 0.0
        var position = offset + buckets.lowerBound
        while position <= offset + buckets.upperBound {
            sum += Double(table[position])
            position += 16
        }
        let lo = Int(table[offset + buckets.lowerBound]), hi = Int(table[offset + buckets.upperBound])
        let own = c + cStart[g]
        var i = lo
        while i < hi {
            sum += own[i]
            i += 8
        }
        let n = cStart[g + 1] - cStart[g]
        for b in 0..<groupCount where b != g || split {
            let m = qStart[b + 1] - qStart[b]
            let values = q + qStart[b]
            var j = composedRank(lo, from: g, n: n, to: m) - 1
            let last = composedRank(hi, from: g, n: n, to: m) - 1
            while j <= last {
                sum += values[j]
                j += 8
            }
        }
        return sum
    }

    /// `#{z <= y}` in group `g`'s CDF sample, given that it lies in `lo...hi`.
    @inline(__always)
    func countAtOrBelow(group g: Int, _ y: Double, in range: (lo: Int, hi: Int)) -> Int {
        Self.countAtOrBelow(c + cStart[g], count: cStart[g &+ 1] &- cStart[g], y, in: range)
    }

    /// `#{z < y}` in group `g`'s CDF sample, given that it lies in `lo...hi`.
    @inline(__always)
    func countBelow(group g: Int, _ y: Double, in range: (lo: Int, hi: Int)) -> Int {
        Self.countBelow(c + cStart[g], count: cStart[g &+ 1] &- cStart[g], y, in: range)
    }

    /// `#{z <= y}` in the sorted sample `z[0 ..< n]`, given that it lies in `lo...hi`: a
    /// branch-free binary search of a fixed window for short ranges, a linear count up to
    /// `linearScanLimit` points, a bisection beyond.
    @inline(__always)
    static func countAtOrBelow(_ z: UnsafePointer<Double>, count n: Int, _ y: Double, in range: (lo: Int, hi: Int)) -> Int {
        if range.hi &- range.lo < windowSize && range.lo &+ windowSize <= n {
            // Branch-free binary search of the window z[lo ..< lo + 16] (sorted): after the steps
            // of 8, 4, 2 and 1, i - lo is the number of window points <= y, at most 15, and the
            // count is at most hi <= lo + 15.
            var i = range.lo
            i &+= Int(unsafeBitCast(z[i &+ 7] <= y, to: UInt8.self)) &<< 3
            i &+= Int(unsafeBitCast(z[i &+ 3] <= y, to: UInt8.self)) &<< 2
            i &+= Int(unsafeBitCast(z[i &+ 1] <= y, to: UInt8.self)) &<< 1
            i &+= Int(unsafeBitCast(z[i] <= y, to: UInt8.self))
            return i
        }
        if range.hi &- range.lo <= linearScanLimit {
            // Short range: a branch-free count (sorted, so the count is the boundary).
            var count = range.lo
            for i in range.lo..<range.hi { count &+= z[i] <= y ? 1 : 0 }
            return count
        }
        return EmpiricalDistribution.upperBound(UnsafeBufferPointer(start: z, count: range.hi), y, from: range.lo, to: range.hi)
    }

    /// `#{z < y}` in the sorted sample `z[0 ..< n]`, given that it lies in `lo...hi` (as
    /// `countAtOrBelow`; the points after `hi` are `>= y`).
    @inline(__always)
    static func countBelow(_ z: UnsafePointer<Double>, count n: Int, _ y: Double, in range: (lo: Int, hi: Int)) -> Int {
        if range.hi &- range.lo < windowSize && range.lo &+ windowSize <= n {
            // As in `countAtOrBelow`, with `<`.
            var i = range.lo
            i &+= Int(unsafeBitCast(z[i &+ 7] < y, to: UInt8.self)) &<< 3
            i &+= Int(unsafeBitCast(z[i &+ 3] < y, to: UInt8.self)) &<< 2
            i &+= Int(unsafeBitCast(z[i &+ 1] < y, to: UInt8.self)) &<< 1
            i &+= Int(unsafeBitCast(z[i] < y, to: UInt8.self))
            return i
        }
        if range.hi &- range.lo <= linearScanLimit {
            var count = range.lo
            for i in range.lo..<range.hi { count &+= z[i] < y ? 1 : 0 }
            return count
        }
        return EmpiricalDistribution.lowerBound(UnsafeBufferPointer(start: z, count: range.hi), y, from: range.lo, to: range.hi)
    }

    /// Ranges up to this length are counted linearly instead of bisected.
    static let linearScanLimit = 32
    /// Ranges shorter than this are counted by a branch-free binary search (four comparisons,
    /// no mispredicted branch) of a fixed window of this many points inside the sample (the
    /// points after `hi` cannot count: the count is at most `hi` and the sample is sorted).
    static let windowSize = 16

    /// The rank statistic the convention needs: `#{z <= y}` (A) or `#{z < y} + #{z <= y}` (B).
    @inline(__always)
    func rankStatistic(group g: Int, _ y: Double, in range: (lo: Int, hi: Int)) -> Int {
        switch convention {
        case .generalizedInverse: return countAtOrBelow(group: g, y, in: range)
        case .midRankHazen: return countBelow(group: g, y, in: range) + countAtOrBelow(group: g, y, in: range)
        }
    }

    // MARK: - The map

    /// The barycenter map of a (jittered) value `y` of group `s`, with clamping at the
    /// calibration range (the out-of-range policy is applied by the caller).
    @inline(__always)
    func fair(group s: Int, y: Double) -> Double {
        fair(group: s, rankStatistic: rankStatistic(group: s, y, in: searchRange(group: s, y)))
    }

    /// The map from the convention's rank statistic (see `rankStatistic`).
    @inline(__always)
    func fair(group s: Int, rankStatistic statistic: Int) -> Double {
        switch convention {
        case .generalizedInverse: return fairGeneralizedInverse(s, rank: statistic)
        case .midRankHazen: return fairMidRank(s, midRankSum: statistic)
        }
    }

    /// Convention A: `r = #{z_s <= y}`, `j_b = max(1, ceil(r m_b / n_s))`.
    @inline(__always)
    func fairGeneralizedInverse(_ s: Int, rank r: Int) -> Double {
        let n = cStart[s &+ 1] &- cStart[s]
        let anchor: Double
        if split {
            let m = qStart[s &+ 1] &- qStart[s]
            anchor = q[qStart[s] &+ composedRank(r, from: s, n: n, to: m) &- 1]
        } else {
            anchor = q[qStart[s] &+ max(r, 1) &- 1]
        }
        var out = anchor, lo = anchor, hi = anchor
        for b in 0..<groupCount where b != s {
            let m = qStart[b &+ 1] &- qStart[b]
            let v = q[qStart[b] &+ composedRank(r, from: s, n: n, to: m) &- 1]
            Self.accumulate(&out, &lo, &hi, anchor: anchor, term: v, weight: weights[b])
        }
        return min(max(out, lo), hi)
    }

    /// One other group's term of the difference form: `out += w (v − anchor)`, and the running
    /// smallest and largest term. Shared by every path, so that they compute the same bits.
    @inline(__always)
    static func accumulate(_ out: inout Double, _ lo: inout Double, _ hi: inout Double, anchor: Double, term v: Double, weight w: Double) {
        out += w * (v - anchor)
        lo = min(lo, v)
        hi = max(hi, v)
    }

    // MARK: - Two groups, no split (Convention A): the row loop's fast path

    /// The constants of the rows of group `s` of a two-group repair without a calibration split,
    /// hoisted out of a row loop: its sorted sample (CDF and quantile sample at once), its bucket
    /// table, and the other group's sample and weight.
    struct TwoGroupView {
        let own: UnsafePointer<Double>
        let n: Int
        let inverseN: Double
        let bucketing: RankIndex.Bucketing
        /// This group's table entries (`table + tableOffset`).
        let table: UnsafePointer<Int32>
        let other: UnsafePointer<Double>
        let m: Int
        let otherWeight: Double
    }

    /// The view of group `s`; only for `groupCount == 2 && !split`.
    func twoGroupView(_ s: Int) -> TwoGroupView {
        let o = 1 - s
        let bucketing = bucketings[s]
        return TwoGroupView(own: q + qStart[s], n: qStart[s + 1] - qStart[s], inverseN: inverseCDFCount[s],
                            bucketing: bucketing, table: table + bucketing.tableOffset,
                            other: q + qStart[o], m: qStart[o + 1] - qStart[o], otherWeight: weights[o])
    }

    /// Convention A for a row of the view's group: exactly `fair(group: s, y: y)` (the same rank,
    /// the same order statistics, the same `accumulate` and clamp), with its constants in registers.
    @inline(__always)
    static func fairGeneralizedInverse(_ v: TwoGroupView, y: Double) -> Double {
        fairGeneralizedInverse(v, rank: countAtOrBelow(v, y, in: rankRange(v, y)))
    }

    /// The table's bounds on `#{z_s <= y}` (the first stage of `fairGeneralizedInverse`).
    @inline(__always)
    static func rankRange(_ v: TwoGroupView, _ y: Double) -> (lo: Int, hi: Int) {
        let b = v.bucketing.bucket(y)
        return (Int(v.table[b]), Int(v.table[b &+ 1]))
    }

    /// `#{z_s <= y}`, given its bounds (the second stage).
    @inline(__always)
    static func countAtOrBelow(_ v: TwoGroupView, _ y: Double, in range: (lo: Int, hi: Int)) -> Int {
        countAtOrBelow(v.own, count: v.n, y, in: range)
    }

    /// The map at rank `r = #{z_s <= y}` (the last stage).
    @inline(__always)
    static func fairGeneralizedInverse(_ v: TwoGroupView, rank r: Int) -> Double {
        let anchor = v.own[max(r, 1) &- 1]
        let term = v.other[composedRank(r, n: v.n, inverseN: v.inverseN, to: v.m) &- 1]
        var out = anchor, lo = anchor, hi = anchor
        accumulate(&out, &lo, &hi, anchor: anchor, term: term, weight: v.otherWeight)
        return min(max(out, lo), hi)
    }

    /// `max(1, ceil(r m / n))` for group `s` of CDF size `n`, exactly (as
    /// `EmpiricalDistribution.composedRank`), without a division: a floating-point guess
    /// `r m (1/n)`, off by far less than 1, corrected with exact integer products.
    @inline(__always)
    func composedRank(_ r: Int, from s: Int, n: Int, to m: Int) -> Int {
        Self.composedRank(r, n: n, inverseN: inverseCDFCount[s], to: m)
    }

    /// `max(1, ceil(r m / n))` given `inverseN = 1 / n` (see the instance method), for
    /// `0 <= r <= n` and `n, m <= 2^30` (`BarycenterRepair.maximumGroupSize`).
    ///
    /// `q`, the integer nearest to the floating-point `r m (1/n)`, is `floor(r m / n)` or
    /// `ceil(r m / n)`: the computed quotient is within `2^30 · 3 · 2^-53 < 2^-21` of the exact
    /// one, and a non-integer `r m / n` is at least `1/n >= 2^-30` away from an integer. One
    /// exact integer comparison then gives the ceiling, without a branch.
    @inline(__always)
    static func composedRank(_ r: Int, n: Int, inverseN: Double, to m: Int) -> Int {
        let p = r &* m
        let q = nearestInteger(Double(p) * inverseN)
        // Sign-bit arithmetic, not selects, which the compiler may turn into a branch on the
        // (unpredictable) direction of the rounding: +1 when q n < p, then max(1, j) for j >= 0.
        let j = q &- ((q &* n &- p) &>> 63)
        return j &+ (((j &- 1) &>> 63) & 1)
    }

    /// The integer nearest to `x` (ties to even) for `0 <= x < 2^51`, read from the bits of
    /// `x + 2^52` (no checked conversion).
    @inline(__always)
    static func nearestInteger(_ x: Double) -> Int {
        Int(truncatingIfNeeded: (x + 0x1p52).bitPattern & 0x000F_FFFF_FFFF_FFFF)
    }

    /// Convention B: `sum = #{z_s < y} + #{z_s <= y}`, Hazen interpolation at the exact
    /// position `h = (sum · m + n) / (2 n)` of each quantile sample.
    @inline(__always)
    func fairMidRank(_ s: Int, midRankSum sum: Int) -> Double {
        let n = cStart[s + 1] - cStart[s]
        let anchor = hazen(s, midRankSum: sum, n: n)
        var out = anchor, lo = anchor, hi = anchor
        for b in 0..<groupCount where b != s {
            let v = hazen(b, midRankSum: sum, n: n)
            out += weights[b] * (v - anchor)
            lo = min(lo, v)
            hi = max(hi, v)
        }
        return min(max(out, lo), hi)
    }

    /// The Hazen quantile of group `g`'s quantile sample at the 1-based position
    /// `h = (sum · m + n) / (2 n)`, clamped to `[1, m]`.
    @inline(__always)
    private func hazen(_ g: Int, midRankSum sum: Int, n: Int) -> Double {
        let q = self.q + qStart[g]
        let m = qStart[g + 1] - qStart[g]
        let numerator = sum &* m &+ n, denominator = 2 &* n
        if numerator <= denominator { return q[0] }
        if numerator >= m &* denominator { return q[m - 1] }
        let k = numerator / denominator
        let remainder = numerator &- k &* denominator
        let lower = q[k - 1]
        if remainder == 0 { return lower }
        let upper = q[k]
        let value = lower + (Double(remainder) / Double(denominator)) * (upper - lower)
        return min(max(value, lower), upper)
    }
}
