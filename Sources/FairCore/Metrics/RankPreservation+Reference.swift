extension RankPreservation {
    /// The counts by their definition, plainly: every unordered pair `{i, j}` of rows, one by
    /// one (O(n²)). The fast `init(before:after:tolerance:)` (two radix sorts and a merge-sort
    /// inversion count) is tested against it; use that one for data.
    /// - Throws: as `init(before:after:tolerance:)`.
    public static func reference(before f: [Double], after g: [Double], tolerance: Double = 0) throws(FairCoreError) -> RankPreservation {
        try validate(before: f, after: g, tolerance: tolerance)
        var inversions = 0, small = 0, tiedByMap = 0, tiedBefore = 0, tiedAfter = 0, tiedInBoth = 0
        var violation = 0.0
        for i in f.indices {
            for j in f.indices where j > i {
                if g[i] == g[j] { tiedAfter += 1 }
                if f[i] == f[j] {
                    tiedBefore += 1
                    if g[i] == g[j] { tiedInBoth += 1 }
                    continue
                }
                // Name the pair so that f_lo < f_hi; the map reverses it by g_lo - g_hi.
                let (lo, hi) = f[i] < f[j] ? (i, j) : (j, i)
                let reversal = g[lo] - g[hi]
                violation = try largerViolation(violation, g[lo], g[hi])
                if reversal > tolerance { inversions += 1 } else if reversal > 0 { small += 1 } else if reversal == 0 { tiedByMap += 1 }
            }
        }
        return RankPreservation(count: f.count, inversions: inversions, smallInversions: small, tiedByMap: tiedByMap,
                                tiedBefore: tiedBefore, tiedAfter: tiedAfter, tiedInBoth: tiedInBoth,
                                maximumViolation: violation, tolerance: tolerance)
    }
}
