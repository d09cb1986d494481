@testable import FairCore

/// Shared helpers for the repair tests: random pools, a brute-force reference of the repair
/// built from the definitions, and a brute-force KS statistic.
enum RepairTestSupport {
    /// A random pool: `k` groups named "g0"..., unequal sizes in `sizes`, values with ties
    /// (a coarse grid) or continuous, each group with its own location and scale.
    static func pool(_ rng: inout SeededGenerator, groups k: Int, sizes: ClosedRange<Int>, ties: Bool,
                     unit: Bool = false) -> (scores: [Double], labels: [String]) {
        var scores: [Double] = [], labels: [String] = []
        for g in 0..<k {
            let n = sizes.lowerBound + rng.nextInt(below: sizes.count)
            let location = Double(g) * 0.7 - 1, scale = 0.5 + Double(g) * 0.3
            for _ in 0..<n {
                var v: Double
                if unit {
                    v = ties ? Double(rng.nextInt(below: 5)) / 4 : rng.nextDouble()
                } else {
                    v = ties ? Double(rng.nextInt(below: 7)) * 0.5 * scale + location : location + scale * rng.nextNormal()
                }
                if unit { v = min(1, max(0, v)) }
                scores.append(v)
                labels.append("g\(g)")
            }
        }
        // Interleave the groups so that row order carries no group structure.
        var order = Array(scores.indices)
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, rng.nextInt(below: i + 1)) }
        return (order.map { scores[$0] }, order.map { labels[$0] })
    }

    /// The repair's output for one row, computed from the definitions (METHOD.md §4.4) with
    /// plain loops and sums over the repair's stored samples: no bucket table, no difference
    /// form, no division tricks.
    static func reference(_ repair: BarycenterRepair, score x: Double, group: String, rowID: UInt64, epsilon: Double = 0) throws -> Double {
        let o = repair.options
        let y = x + KeyedNoise.symmetric(seed: o.seed, stream: KeyedNoise.stableHash(repair.taskName), key: rowID, halfWidth: o.jitterHalfWidth)
        let cdf = try repair.cdfSample(ofGroup: group).sortedValues
        let quantiles = try repair.groupNames.map { try repair.quantileSample(ofGroup: $0).sortedValues }
        func map(_ y: Double) -> Double {
            let n = cdf.count
            let a = cdf.filter { $0 < y }.count, b = cdf.filter { $0 <= y }.count
            var total = 0.0
            for (g, q) in quantiles.enumerated() {
                let m = q.count
                let value: Double
                switch o.convention {
                case .generalizedInverse:
                    value = q[max(1, (b * m + n - 1) / n) - 1]
                case .midRankHazen:
                    let h = min(Double(m), max(1, Double((a + b) * m + n) / Double(2 * n)))
                    let k = Int(h)
                    value = k >= m ? q[m - 1] : q[k - 1] + (h - Double(k)) * (q[k] - q[k - 1])
                }
                total += repair.weights[g] * value
            }
            return total
        }
        var fair = map(y)
        if o.outOfRange == .tailShift {
            if y < cdf[0] { fair = map(cdf[0]) + (y - cdf[0]) }
            if y > cdf[cdf.count - 1] { fair = map(cdf[cdf.count - 1]) + (y - cdf[cdf.count - 1]) }
        }
        var out = (1 - epsilon) * fair + epsilon * x
        if let range = o.outputRange { out = min(max(out, range.lower), range.upper) }
        return out
    }

    /// Brute-force two-sample KS statistic: max over pooled points of |F1 - F2|.
    static func ks(_ a: [Double], _ b: [Double]) -> Double {
        let sa = a.sorted(), sb = b.sorted()
        func count(_ s: [Double], _ y: Double) -> Int {
            var lo = 0, hi = s.count
            while lo < hi { let mid = (lo + hi) / 2; if s[mid] <= y { lo = mid + 1 } else { hi = mid } }
            return lo
        }
        var best = 0.0
        for y in sa + sb {
            best = max(best, abs(Double(count(sa, y)) / Double(sa.count) - Double(count(sb, y)) / Double(sb.count)))
        }
        return best
    }
}
