/// The merged quantile grid of k sorted samples: the partition of (0, 1] on which every
/// empirical quantile function is constant.
///
/// For a sorted sample `z(1) <= ... <= z(n)` the generalized-inverse quantile is
/// `Q(v) = z(ceil(v n))` for `v` in (0, 1], a step function that jumps at the levels `i/n`.
/// The union of the levels `{i/n_s}` over all samples cuts (0, 1] into segments
/// `(v_prev, v_next]` on which every `Q_s` is a constant order statistic. Any functional of the
/// quantile functions, such as `W_p^p = ∫ |Q_a - Q_b|^p dv` or a barycenter's cost, is then an
/// exact finite sum over segments.
///
/// ## Mathematical properties
/// - Levels are compared exactly, as fractions `(i, n)` with integer cross-multiplication, so two
///   equal levels `i/n = j/m` (e.g. 1/2 and 2/4) merge into one breakpoint and no segment of
///   zero width is produced by rounding. (Products `i * m` stay below 2^63 for sizes below 3e9.)
/// - Segment widths are `Double(i)/Double(n) - previous level`, each correctly rounded
///   quotients; they are positive and sum to 1 up to one rounding per segment.
/// - Cost: O(sum of sizes) segments, O(k) work each.
public enum QuantileGrid {
    /// Calls `body(width, indices)` for every segment of the merged grid, in increasing level
    /// order; `indices[s]` is the 0-based index in sample `s` of the order statistic that
    /// `Q_s` equals on the segment. Every sample must be sorted ascending and non-empty.
    public static func forEachSegment(
        _ samples: [UnsafeBufferPointer<Double>],
        _ body: (_ width: Double, _ indices: UnsafeBufferPointer<Int>) -> Void
    ) {
        let k = samples.count
        precondition(k > 0 && samples.allSatisfy { !$0.isEmpty }, "QuantileGrid needs non-empty samples")
        let sizes = samples.map(\.count)
        // position[s] = number of levels of sample s already passed; the current order statistic
        // of sample s is index position[s] (0-based) until its next level (position[s]+1)/n_s.
        var position = [Int](repeating: 0, count: k)
        var previous = 0.0
        position.withUnsafeMutableBufferPointer { pos in
            do {
                let current = UnsafeBufferPointer(pos)
                while true {
                    // The next breakpoint: min over s of (pos[s] + 1) / n_s, compared exactly.
                    var best = 0
                    for s in 1..<k where (pos[s] + 1) * sizes[best] < (pos[best] + 1) * sizes[s] {
                        best = s
                    }
                    let num = pos[best] + 1, den = sizes[best]
                    let level = num == den ? 1.0 : Double(num) / Double(den)
                    body(level - previous, current)
                    if num == den { return }
                    previous = level
                    // Advance every sample whose next level equals this breakpoint.
                    for s in 0..<k where (pos[s] + 1) * den == num * sizes[s] { pos[s] += 1 }
                }
            }
        }
    }

    /// Convenience over arrays; see `forEachSegment(_:_:)`.
    public static func forEachSegment(
        _ samples: [[Double]],
        _ body: (_ width: Double, _ indices: UnsafeBufferPointer<Int>) -> Void
    ) {
        withBuffers(samples, 0, []) { forEachSegment($0, body) }
    }

    private static func withBuffers<R>(
        _ arrays: [[Double]], _ i: Int, _ acc: [UnsafeBufferPointer<Double>],
        _ body: ([UnsafeBufferPointer<Double>]) -> R
    ) -> R {
        if i == arrays.count { return body(acc) }
        return arrays[i].withUnsafeBufferPointer { withBuffers(arrays, i + 1, acc + [$0], body) }
    }
}
