/// Fast rank queries `#{z <= y}` and `#{z < y}` on the sorted calibration samples of a repair.
///
/// A random binary search into a multi-megabyte array costs a chain of ~10 dependent cache
/// misses (about 800 ns per query at 10^7 points on the project machine). Instead, each sorted
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

    /// Builds the bucketing of a sorted sample; `table` receives `bucketCount + 1` entries.
    static func build(_ z: UnsafeBufferPointer<Double>, tableOffset: Int, table: inout [Int32]) -> Bucketing {
        let n = z.count
        let target = max(1, n / pointsPerBucket)
        let linearRange = z[n - 1] - z[0]
        let scale = Double(target) / linearRange
        if target > 1 && linearRange > 0 && scale.isFinite && scale > 0 {
            // Linear in the value: kept without trying the other map when its expected range
            // is short (most score distributions).
            let linear = Bucketing(usesKeys: false, origin: z[0], scale: scale, keyOrigin: 0, keyShift: 0,
                                   bucketCount: target, tableOffset: tableOffset)
            let linearTable = fill(z, linear)
            let linearCost = cost(linearTable)
            if linearCost <= Double(n) * Double(4 * pointsPerBucket) {
                table.append(contentsOf: linearTable)
                return linear
            }
            let keyed = keyBucketing(z, target: target, tableOffset: tableOffset)
            let keyedTable = fill(z, keyed)
            if cost(keyedTable) < linearCost {
                table.append(contentsOf: keyedTable)
                return keyed
            }
            table.append(contentsOf: linearTable)
            return linear
        }
        let keyed = keyBucketing(z, target: target, tableOffset: tableOffset)
        table.append(contentsOf: fill(z, keyed))
        return keyed
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
    private static func fill(_ z: UnsafeBufferPointer<Double>, _ bucketing: Bucketing) -> [Int32] {
        let buckets = bucketing.bucketCount
        var t = [Int32](repeating: Int32(z.count), count: buckets + 1)
        t[0] = 0
        var next = 1   // the next table entry not yet set
        for i in 0..<z.count {
            let b = bucketing.bucket(z[i])
            while next <= b {
                t[next] = Int32(i)
                next += 1
            }
        }
        return t
    }

    /// `Σ_b count_b²`: proportional to the expected bisection range of a sample point.
    private static func cost(_ t: [Int32]) -> Double {
        var sum = 0.0
        for b in 0..<(t.count - 1) {
            let c = Double(t[b + 1] - t[b])
            sum += c * c
        }
        return sum
    }
}
