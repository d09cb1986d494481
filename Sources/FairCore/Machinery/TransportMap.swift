/// The per-row barycenter map of a fitted repair: raw pointers into the buffers of its
/// `RepairStorage` (valid while that object lives). A plain struct, so a hot loop keeps every
/// field in registers; the single-row, batch, partitioned and two-group paths all end in the
/// same `combine` arithmetic.
///
/// ## Mathematical properties
/// Computes exactly (bit for bit) the definition `BarycenterRepair.referenceFair`: the terms
/// `Q_b(F_s(y))` of every group `b` from integer ranks (Convention A) or exact Hazen positions
/// (Convention B), then `clamp(Σ_b π_b Q_b, min_b Q_b, max_b Q_b)` summed left to right in
/// group order (`BarycenterRepair.weightedSum`). Ranks come from the bucket tables of
/// `RankIndex` and are exact; rank compositions are exact integer arithmetic (`composedRank`).
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
        var sum = 0.0, lo = 0.0, hi = 0.0
        for b in 0..<groupCount {
            let v: Double
            if b == s && !split {
                // composedRank(r, n, n) = max(1, r), without the products.
                v = q[qStart[s] &+ max(r, 1) &- 1]
            } else {
                let m = qStart[b &+ 1] &- qStart[b]
                v = q[qStart[b] &+ composedRank(r, from: s, n: n, to: m) &- 1]
            }
            Self.accumulate(&sum, &lo, &hi, term: v, weight: weights[b], first: b == 0)
        }
        return Self.combine(sum, lo, hi)
    }

    /// Group `b`'s term of the weighted sum, in group order: `sum += π_b t_b` (the first term
    /// starts the sum), and the running smallest and largest term. With `combine`, the
    /// arithmetic of `BarycenterRepair.weightedSum`, shared by every path.
    @inline(__always)
    static func accumulate(_ sum: inout Double, _ lo: inout Double, _ hi: inout Double, term v: Double, weight w: Double,
                           first: Bool) {
        if first {
            sum = w * v
            lo = v
            hi = v
        } else {
            sum += w * v
            lo = min(lo, v)
            hi = max(hi, v)
        }
    }

    /// The weighted sum clamped to the hull of the terms (see `BarycenterRepair.weightedSum`).
    @inline(__always)
    static func combine(_ sum: Double, _ lo: Double, _ hi: Double) -> Double { min(max(sum, lo), hi) }

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
        let ownWeight: Double
        let otherWeight: Double
    }

    /// The view of group `s`; only for `groupCount == 2 && !split`.
    func twoGroupView(_ s: Int) -> TwoGroupView {
        let o = 1 - s
        let bucketing = bucketings[s]
        return TwoGroupView(own: q + qStart[s], n: qStart[s + 1] - qStart[s], inverseN: inverseCDFCount[s],
                            bucketing: bucketing, table: table + bucketing.tableOffset,
                            other: q + qStart[o], m: qStart[o + 1] - qStart[o], ownWeight: weights[s], otherWeight: weights[o])
    }

    /// Convention A for a row of the view's group: exactly `fair(group: s, y: y)` (the same rank,
    /// the same order statistics, the same sum and clamp), with its constants in registers.
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

    /// The map at rank `r = #{z_s <= y}` (the last stage). Two terms: `π_0 t_0 + π_1 t_1` is
    /// `π_s t_s + π_o t_o` bit for bit (IEEE addition is commutative), then the clamp.
    @inline(__always)
    static func fairGeneralizedInverse(_ v: TwoGroupView, rank r: Int) -> Double {
        let own = v.own[max(r, 1) &- 1]
        let other = v.other[composedRank(r, n: v.n, inverseN: v.inverseN, to: v.m) &- 1]
        return combine(v.ownWeight * own + v.otherWeight * other, min(own, other), max(own, other))
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
    func fairMidRank(_ s: Int, midRankSum statistic: Int) -> Double {
        let n = cStart[s + 1] - cStart[s]
        var sum = 0.0, lo = 0.0, hi = 0.0
        for b in 0..<groupCount {
            let v = EmpiricalDistribution.hazenQuantile(q + qStart[b], count: qStart[b + 1] - qStart[b],
                                                        midRankSum: statistic, outOf: n)
            Self.accumulate(&sum, &lo, &hi, term: v, weight: weights[b], first: b == 0)
        }
        return Self.combine(sum, lo, hi)
    }
}
