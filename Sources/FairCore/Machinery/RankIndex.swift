/// Fast rank queries `#{z <= y}` and `#{z < y}` on the sorted calibration samples of a repair.
///
/// A random binary search into a multi-megabyte array costs a chain of ~10 dependent cache
/// misses (timings in Sources/fair-bench/README.md). Instead, each sorted
/// sample gets a table of about `n / 4` buckets: a monotone bucket function `b(y)` and, for
/// every bucket, the first index whose value falls in that bucket or later. A query reads one
/// table entry pair and bisects the short index range between them, usually within one cache
/// line.
///
/// ## Mathematical properties
/// - **Exact.** `b` is non-decreasing in `y` (it is built from correctly rounded, hence
///   monotone, operations), so every value in an earlier bucket is `< y` and every value in a
///   later bucket is `> y`: both counts lie in `table[b(y)] ... table[b(y) + 1]` and the
///   bisection returns exactly the counts of a full binary search, whatever the data.
/// - **Bucket function.** Linear in the value, `floor((y - z_(1)) · scale)`, unless its
///   expected scan length `Σ_b count_b² / n` exceeds 16; then the cheaper of it and the map
///   linear in the order-preserving bit key (`RadixSort.key`), which adapts to heavy tails and
///   wide ranges. Both are clamped to `0 ..< bucketCount`.
struct RankIndex: Sendable {
    /// The bucket function of one sample and the location of its table.
    struct Bucketing: Sendable, Equatable {
        /// `true`: bucket on `(key(y) - keyOrigin) >> keyShift`; `false`: on `(y - origin) * scale`.
        let usesKeys: Bool
        let origin: Double
        let scale: Double
        let keyOrigin: UInt64
        let keyShift: UInt64
        let bucketCount: Int
        /// Offset of this sample's `bucketCount + 1` table entries in the shared table.
        let tableOffset: Int

        @inline(__always)
        func bucket(_ y: Double) -> Int {
            if usesKeys {
                let k = RadixSort.key(y)
                if k <= keyOrigin { return 0 }
                let b = (k &- keyOrigin) >> keyShift
                return b >= UInt64(bucketCount) ? bucketCount - 1 : Int(b)
            }
            let t = (y - origin) * scale
            if !(t >= 1) { return 0 }                 // also catches NaN (never passed)
            return t >= Double(bucketCount) ? bucketCount - 1 : Int(t)
        }
    }

    /// Target average number of sample points per bucket.
    static let pointsPerBucket = 4

    /// Table entries a sample of `n` points may need (`bucketCount + 1 <= n / pointsPerBucket + 1`).
    static func tableCapacity(count n: Int) -> Int { max(1, n / pointsPerBucket) + 1 }

    /// Samples at least this large fill their table on two threads.
    static let parallelFillThreshold = 1 << 17

    /// Builds the bucketing of a sorted, non-empty sample and writes its `bucketCount + 1` table
    /// entries to `table` (room for `tableCapacity(count:)` entries), whose offset in the shared
    /// table is `tableOffset`. The choice of bucket map depends only on the sample.
    static func build(_ z: UnsafeBufferPointer<Double>, tableOffset: Int, into table: UnsafeMutablePointer<Int32>) -> Bucketing {
        let n = z.count
        let target = max(1, n / pointsPerBucket)
        let linearRange = z[n - 1] - z[0]
        let scale = Double(target) / linearRange
        let workers = n >= parallelFillThreshold ? 2 : 1
        if target > 1 && linearRange > 0 && scale.isFinite && scale > 0 {
            // Linear in the value: kept without trying the other map when its expected range
            // is short (most score distributions).
            let linear = Bucketing(usesKeys: false, origin: z[0], scale: scale, keyOrigin: 0, keyShift: 0,
                                   bucketCount: target, tableOffset: tableOffset)
            fill(z, linear, into: table, workers: workers)
            let linearCost = cost(table, linear.bucketCount)
            if linearCost <= n * 4 * pointsPerBucket { return linear }
            let keyed = keyBucketing(z, target: target, tableOffset: tableOffset)
            let keyedTable = UnsafeMutablePointer<Int32>.allocate(capacity: keyed.bucketCount + 1)
            defer { keyedTable.deallocate() }
            fill(z, keyed, into: keyedTable, workers: workers)
            if cost(keyedTable, keyed.bucketCount) < linearCost {
                table.update(from: keyedTable, count: keyed.bucketCount + 1)
                return keyed
            }
            return linear
        }
        let keyed = keyBucketing(z, target: target, tableOffset: tableOffset)
        fill(z, keyed, into: table, workers: workers)
        return keyed
    }

    /// `build` into an array (appends the entries): for tests and small samples.
    static func build(_ z: UnsafeBufferPointer<Double>, tableOffset: Int, table: inout [Int32]) -> Bucketing {
        let entries = UnsafeMutablePointer<Int32>.allocate(capacity: tableCapacity(count: z.count))
        defer { entries.deallocate() }
        let bucketing = build(z, tableOffset: tableOffset, into: entries)
        table.append(contentsOf: UnsafeBufferPointer(start: entries, count: bucketing.bucketCount + 1))
        return bucketing
    }

    /// The map linear in the order-preserving key, with at most `target` buckets.
    private static func keyBucketing(_ z: UnsafeBufferPointer<Double>, target: Int, tableOffset: Int) -> Bucketing {
        let k0 = RadixSort.key(z[0]), k1 = RadixSort.key(z[z.count - 1])
        var shift: UInt64 = 0
        while shift < 64 && ((k1 &- k0) >> shift) >= UInt64(target) { shift += 1 }
        let buckets = shift >= 64 ? 1 : Int((k1 &- k0) >> shift) + 1
        return Bucketing(usesKeys: true, origin: 0, scale: 0, keyOrigin: k0, keyShift: shift,
                         bucketCount: buckets, tableOffset: tableOffset)
    }

    /// `t[b]` = first index `i` with `bucket(z[i]) >= b`, for `b` in `0 ... bucketCount`.
    /// Point `i` writes the entries `bucket(z[i-1]) + 1 ... bucket(z[i])`, so the points can be
    /// split between workers, each entry written once.
    static func fill(_ z: UnsafeBufferPointer<Double>, _ bucketing: Bucketing, into t: UnsafeMutablePointer<Int32>, workers: Int) {
        let job = FillJob(z: z, bucketing: bucketing, table: t, workers: workers)
        Workers.run(workers) { job.run($0) }
    }

    /// `Σ_b count_b²` (exact): proportional to the expected bisection range of a sample point.
    private static func cost(_ t: UnsafePointer<Int32>, _ buckets: Int) -> Int {
        var sum = 0
        for b in 0..<buckets {
            let c = Int(t[b + 1] &- t[b])
            sum &+= c &* c
        }
        return sum
    }
}

/// One worker's share of `RankIndex.fill`. Worker `w` takes the points `from ..< to` and owns the
/// entries they write in the definition of `fill` (`bucket(z[from - 1]) + 1 ... bucket(z[to - 1])`,
/// from 0 for the first worker, through `bucketCount` for the last). Branch-free per point: each
/// point, last to first, stores its index at its own bucket (so the first point of a bucket wins),
/// then a backward pass gives every entry the smallest index stored at or after it.
private struct FillJob: @unchecked Sendable {
    let z: UnsafeBufferPointer<Double>
    let bucketing: RankIndex.Bucketing
    let table: UnsafeMutablePointer<Int32>
    let workers: Int

    func run(_ w: Int) {
        let n = z.count
        let from = n * w / workers, to = n * (w + 1) / workers
        if from == to { return }
        let firstOwned = from == 0 ? 0 : bucketing.bucket(z[from - 1]) + 1
        let lastOwned = to == n ? bucketing.bucketCount : bucketing.bucket(z[to - 1])
        if firstOwned > lastOwned { return }
        let sentinel = Int32(truncatingIfNeeded: to)
        (table + firstOwned).update(repeating: sentinel, count: lastOwned - firstOwned + 1)
        // The points whose bucket is owned (the ones before belong to the previous worker's bucket).
        var first = from
        while first < to && bucketing.bucket(z[first]) < firstOwned { first += 1 }
        var i = to
        while i > first {
            i -= 1
            table[bucketing.bucket(z[i])] = Int32(truncatingIfNeeded: i)
        }
        var next = sentinel
        var b = lastOwned
        while b >= firstOwned {
            next = min(next, table[b])
            table[b] = next
            b -= 1
        }
    }
}
