/// The engine behind `KolmogorovSmirnov(_:_:)` and `PairwiseKolmogorovSmirnov(values:groups:)`
/// on unsorted input: exact, in a few linear passes, sorting only the buckets that can hold the
/// supremum.
///
/// Keys (`RadixSort.key`, order-preserving) are split into `B` buckets by the top digit of
/// `key − min` (`RadixSort.TopDigit`, up to 2^16 buckets). For one pair of groups `(g, h)` of
/// sizes `(m, n)`, let `i(b)`, `j(b)` count the keys of each group in the buckets before `b`, and
/// `A_b`, `C_b` those inside `b`. At every pooled value `v` in bucket `b` the scaled difference
/// `d(v) = n·#{g ≤ v} − m·#{h ≤ v}` satisfies
///
///     −(j(b) + C_b)·m + i(b)·n  ≤  d(v)  ≤  (i(b) + A_b)·n − j(b)·m,
///
/// and at the largest pooled value of `b` it equals `(i(b) + A_b)·n − (j(b) + C_b)·m` exactly.
/// So, from the per-bucket counts alone (one histogram pass):
/// 1. the exact value at the end of every non-empty bucket gives a lower bound `L` of
///    `max_v d(v)` (and `L'` of `max_v −d(v)`), attained at a pooled value;
/// 2. only a bucket whose upper bound reaches `L` (or `L'`) can contain a value attaining the
///    maximum, so every value attaining it lies in such a *candidate* bucket.
///
/// One more pass copies the keys of the candidate buckets (by runs of adjacent buckets when
/// there are more than 2^11 candidates, so that the copy writes to few places); each copied
/// run is sorted per group (`RadixSort.finish`, in cache) and the merge walk of every pair runs
/// through it with the counts of the earlier buckets as offsets, evaluating `d` at every
/// distinct pooled value of the run (a tie block never spans two buckets: equal keys share the
/// top digit). The result is therefore exactly the plain walk's: the two one-sided maxima and
/// the smallest values attaining them. When the groups differ, a handful of buckets are candidates; when
/// they share one law (KS near the noise floor), many more may be, and the cost approaches one
/// radix sort of the data.
enum BucketedKolmogorovSmirnov {
    /// One pair's running maxima: `plus = max (n_h i − n_g j)`, `minus = max (n_g j − n_h i)`.
    struct PairState {
        var plus = Int.min, plusAt: UInt64 = 0, minus = Int.min, minusAt: UInt64 = 0
    }

    /// Keys with a group index, visited in input order.
    protocol Input {
        var groupCount: Int { get }
        /// Calls `body(group, key)` for every element.
        func forEach(_ body: (Int, UInt64) -> Void)
    }

    /// Two separate samples: group 0 then group 1.
    struct TwoSamples: Input {
        let a: UnsafeBufferPointer<Double>, b: UnsafeBufferPointer<Double>
        var groupCount: Int { 2 }
        @inline(__always)
        func forEach(_ body: (Int, UInt64) -> Void) {
            for v in a { body(0, RadixSort.key(v)) }
            for v in b { body(1, RadixSort.key(v)) }
        }
    }

    /// Values with one group code per row.
    struct Grouped: Input {
        let values: UnsafeBufferPointer<Double>, codes: UnsafeBufferPointer<Int32>
        let groupCount: Int
        @inline(__always)
        func forEach(_ body: (Int, UInt64) -> Void) {
            for row in 0..<values.count { body(Int(codes[row]), RadixSort.key(values[row])) }
        }
    }

    /// At most this many bucket counters in all (`k · B`), so the histogram stays in cache.
    static let counterBudget = 1 << 17

    /// The KS states of every pair `(g, h)`, `g < h`, in lexicographic order, of finite input
    /// whose keys lie in `[low, high]`. Every group must be non-empty (`sizes[g] > 0`).
    static func pairs<I: Input>(_ input: I, sizes: [Int], low: UInt64, high: UInt64) -> [PairState] {
        let k = input.groupCount
        let n = sizes.reduce(0, +)
        let pairCount = k * (k - 1) / 2
        if low == high {
            // One value in all groups: every ECDF jumps from 0 to 1 there, d = 0 throughout.
            return [PairState](repeating: PairState(plus: 0, plusAt: low, minus: 0, minusAt: low), count: pairCount)
        }
        // About 8 keys per bucket, at most 2^16 buckets and `counterBudget` counters.
        let budget = max(16, counterBudget / k)
        let digit = RadixSort.TopDigit(low: low, high: high, count: min(max(1, n / 2), budget * 4), maximumBits: 16)
        let bucketCount = digit.bucketCount

        // 1. Histogram per (group, bucket).
        let counts = UnsafeMutablePointer<Int32>.allocate(capacity: k * bucketCount)
        defer { counts.deallocate() }
        counts.initialize(repeating: 0, count: k * bucketCount)
        input.forEach { g, key in counts[g &* bucketCount &+ digit.bucket(key)] &+= 1 }

        // 2. Lower bounds from the bucket ends, then the candidate buckets.
        let candidate = UnsafeMutablePointer<Bool>.allocate(capacity: bucketCount)
        defer { candidate.deallocate() }
        candidate.initialize(repeating: false, count: bucketCount)
        for g in 0..<k {
            for h in (g + 1)..<k {
                markCandidates(counts + g * bucketCount, counts + h * bucketCount, bucketCount,
                               m: sizes[g], n: sizes[h], candidate)
            }
        }

        // 3. Copy the keys of the candidate buckets, grouped by (candidate, group), in input order.
        //    With more than 2^11 candidates the copy goes by coarse buckets (runs of
        //    `1 << coarseShift` buckets, at most 2^11 of them), so that it writes to few places at
        //    once; a coarse bucket is copied when one of its buckets is a candidate, and walked
        //    whole (every value in it is evaluated exactly).
        var candidateCount = 0
        for b in 0..<bucketCount where candidate[b] { candidateCount += 1 }
        let coarseShift = candidateCount <= 1 << RadixSort.topDigitBits ? 0
            : max(0, (Int.bitWidth - (bucketCount - 1).leadingZeroBitCount) - RadixSort.topDigitBits)
        let coarseCount = ((bucketCount - 1) >> coarseShift) + 1
        var candidateBuckets: [Int] = []  // coarse indices, increasing
        let slot = UnsafeMutablePointer<Int32>.allocate(capacity: coarseCount)  // coarse -> candidate index or -1
        defer { slot.deallocate() }
        slot.initialize(repeating: -1, count: coarseCount)
        for b in 0..<bucketCount where candidate[b] && slot[b >> coarseShift] < 0 {
            slot[b >> coarseShift] = Int32(candidateBuckets.count)
            candidateBuckets.append(b >> coarseShift)
        }
        let c = candidateBuckets.count
        let starts = UnsafeMutablePointer<Int>.allocate(capacity: c * k + 1)
        defer { starts.deallocate() }
        starts[0] = 0
        for (index, coarse) in candidateBuckets.enumerated() {
            let fine = (coarse << coarseShift)..<min(bucketCount, (coarse + 1) << coarseShift)
            for g in 0..<k {
                var size = 0
                for b in fine { size += Int(counts[g * bucketCount + b]) }
                starts[index * k + g + 1] = starts[index * k + g] + size
            }
        }
        let copied = UnsafeMutablePointer<UInt64>.allocate(capacity: max(1, starts[c * k]))
        defer { copied.deallocate() }
        do {
            let next = UnsafeMutablePointer<Int>.allocate(capacity: max(1, c * k))
            defer { next.deallocate() }
            next.initialize(from: starts, count: c * k)
            input.forEach { g, key in
                let s = Int(slot[digit.bucket(key) &>> coarseShift])
                if s >= 0 {
                    let at = next[s &* k &+ g]
                    copied[at] = key
                    next[s &* k &+ g] = at &+ 1
                }
            }
        }

        // 4. Sort each candidate bucket per group and walk every pair through it.
        var states = [PairState](repeating: PairState(), count: pairCount)
        var largest = 0
        for index in 0..<(c * k) { largest = max(largest, starts[index + 1] - starts[index]) }
        let sorted = (0..<k).map { _ in UnsafeMutablePointer<UInt64>.allocate(capacity: max(1, largest)) }
        var workspace = RadixSort.Workspace()
        defer {
            for p in sorted { p.deallocate() }
            workspace.deallocate()
        }
        let noPayload = UnsafeMutablePointer<Int32>.noBuffer
        var before = [Int](repeating: 0, count: k)  // keys of each group in the buckets before b
        var partSize = [Int](repeating: 0, count: k)
        var counted = 0  // buckets already added into `before`
        for (index, coarse) in candidateBuckets.enumerated() {
            for skipped in counted..<(coarse << coarseShift) {
                for g in 0..<k { before[g] += Int(counts[g * bucketCount + skipped]) }
            }
            counted = coarse << coarseShift
            for g in 0..<k {
                let start = starts[index * k + g]
                partSize[g] = starts[index * k + g + 1] - start
                if partSize[g] > 0 {
                    RadixSort.finish(from: copied + start, noPayload, into: sorted[g], noPayload,
                                     partSize[g], &workspace, RadixSort.KeysOnly.self)
                }
            }
            var p = 0
            for g in 0..<k {
                for h in (g + 1)..<k {
                    if partSize[g] > 0 || partSize[h] > 0 {
                        walkBucket(sorted[g], partSize[g], sorted[h], partSize[h],
                                   before: before[g], before[h], n1: sizes[g], n2: sizes[h], &states[p])
                    }
                    p += 1
                }
            }
        }
        return states
    }

    /// Marks the buckets that may hold a value attaining either one-sided maximum of the pair
    /// whose bucket counts are `a` (size `m`) and `c` (size `n`).
    static func markCandidates(_ a: UnsafePointer<Int32>, _ c: UnsafePointer<Int32>, _ bucketCount: Int,
                               m: Int, n: Int, _ candidate: UnsafeMutablePointer<Bool>) {
        // Exact values at the ends of the non-empty buckets: lower bounds of both maxima.
        var i = 0, j = 0
        var lowerPlus = Int.min, lowerMinus = Int.min
        for b in 0..<bucketCount {
            let x = Int(a[b]), y = Int(c[b])
            if x == 0 && y == 0 { continue }
            i += x
            j += y
            let d = i * n - j * m
            lowerPlus = max(lowerPlus, d)
            lowerMinus = max(lowerMinus, -d)
        }
        // Buckets whose upper bound on either side reaches the lower bound.
        i = 0
        j = 0
        for b in 0..<bucketCount {
            let x = Int(a[b]), y = Int(c[b])
            if x == 0 && y == 0 { continue }
            if (i + x) * n - j * m >= lowerPlus || (j + y) * m - i * n >= lowerMinus { candidate[b] = true }
            i += x
            j += y
        }
    }

    /// Continues a pair's walk through one bucket: `a` and `b` are the sorted parts of the two
    /// groups (either may be empty); `i0`, `j0` count their keys in earlier buckets.
    @inline(__always)
    static func walkBucket(_ a: UnsafePointer<UInt64>, _ na: Int, _ b: UnsafePointer<UInt64>, _ nb: Int,
                           before i0: Int, _ j0: Int, n1: Int, n2: Int, _ state: inout PairState) {
        @inline(__always)
        func evaluate(_ v: UInt64, _ i: Int, _ j: Int) {
            let d = (i0 &+ i) &* n2 &- (j0 &+ j) &* n1
            if d > state.plus { state.plus = d; state.plusAt = v }
            if -d > state.minus { state.minus = -d; state.minusAt = v }
        }
        var i = 0, j = 0
        if na > 0 && nb > 0 {
            var x = a[0], y = b[0]
            var v: UInt64
            while true {
                v = Swift.min(x, y)
                i &+= x == v ? 1 : 0
                j &+= y == v ? 1 : 0
                if i == na || j == nb { break }
                x = a[i]
                y = b[j]
                if x != v && y != v { evaluate(v, i, j) }
            }
            // One part is exhausted: finish v's tie block in the other, then evaluate it.
            while i < na && a[i] == v { i &+= 1 }
            while j < nb && b[j] == v { j &+= 1 }
            evaluate(v, i, j)
        }
        while i < na {
            let v = a[i]
            while i < na && a[i] == v { i &+= 1 }
            evaluate(v, i, nb)
        }
        while j < nb {
            let v = b[j]
            while j < nb && b[j] == v { j &+= 1 }
            evaluate(v, na, j)
        }
    }
}
