/// The coupling definition of `W_2^2` between two small samples, evaluated by exhaustive search:
/// a reference for `Wasserstein` that never uses the order of the values.
///
/// Definition 3 of the paper: `W_2^2(a, b) = min_γ Σ_ij γ_ij (a_i - b_j)^2` over the couplings
/// `γ`, the non-negative matrices whose rows sum to `1/n` (each point of `a`) and whose columns
/// sum to `1/m` (each point of `b`). `Wasserstein` computes it instead as the squared L2
/// distance of the quantile functions (the monotone coupling); this type checks that shortcut
/// by trying every coupling that can be optimal.
///
/// ## Mathematical properties
/// - **Exact.** Split every point of `a` into `L/n` units and every point of `b` into `L/m`
///   units, each of mass `1/L`, with `L = lcm(n, m)`. A coupling becomes `1/L` times an
///   `L × L` doubly stochastic matrix with the same cost, and every such matrix gives a
///   coupling. The cost is linear, so by Birkhoff–von Neumann its minimum over doubly
///   stochastic matrices is attained at a permutation: an assignment of the `L` units of `b`
///   to the `L` units of `a`. The search tries every assignment, so its minimum is the
///   minimum over all couplings (for equal sizes: over the `n!` permutations).
/// - **Independent of the monotone coupling.** No value is sorted or compared. The units of
///   one point are interchangeable, so the units of the sample with more points stay in place
///   and the distinct arrangements of the other sample's units (`k` points of `L/k` units,
///   `k = min(n, m)`) are enumerated in lexicographic order of the point indices:
///   `L! / ((L/k)!)^k` of them (`arrangementCount(_:_:)`).
/// - **Cost.** O(arrangements × L) time; sizes are refused (`.invalidParameter`) when the
///   arrangements exceed `maximumArrangements`.
/// - The cost of an arrangement is `(1/L) Σ_k (a_{i(k)} - b_{j(k)})^2`, summed in unit order;
///   it agrees with the quantile integral up to rounding (a few ulps), not bit for bit.
public enum CouplingSearch {
    /// The cheapest coupling found and how much was searched.
    public struct Result: Sendable, Equatable {
        /// `min_γ Σ γ_ij (a_i - b_j)^2`: `W_2^2` by its definition.
        public let squaredCost: Double
        /// The optimal coupling in units of `1/massUnits`: `coupling[i][j]` units of mass
        /// move from `a[i]` to `b[j]` (indices in the order the samples were given). Rows sum
        /// to `massUnits / n`, columns to `massUnits / m`.
        public let coupling: [[Int]]
        /// `L = lcm(n, m)`.
        public let massUnits: Int
        /// How many arrangements were tried.
        public let arrangements: Int
    }

    /// The most arrangements a search may try (about a second in a debug build).
    public static let maximumArrangements = 2_000_000

    /// `L! / ((L/k)!)^k` with `L = lcm(n, m)` and `k = min(n, m)`: the arrangements a search
    /// of samples of sizes `n` and `m` tries; nil when it exceeds `maximumArrangements` (or
    /// `n`, `m` < 1).
    public static func arrangementCount(_ n: Int, _ m: Int) -> Int? {
        guard n >= 1, m >= 1, let units = leastCommonMultiple(n, m) else { return nil }
        // Product over the points of the smaller sample of C(remaining units, units per point).
        let points = min(n, m), perPoint = units / points
        var total = 1, remaining = units
        for _ in 0..<points {
            guard let ways = binomial(remaining, perPoint) else { return nil }
            let (product, overflow) = total.multipliedReportingOverflow(by: ways)
            if overflow || product > maximumArrangements { return nil }
            total = product
            remaining -= perPoint
        }
        return total
    }

    /// `W_2^2(a, b)` as the minimum over every coupling, with the coupling that attains it.
    /// - Throws: `FairCoreError.emptyInput`, `.nonFiniteValue` (naming the row), and
    ///   `.invalidParameter` when the sizes need more than `maximumArrangements` arrangements.
    public static func minimumSquaredCost(
        _ a: [Double], _ b: [Double]
    ) throws(FairCoreError) -> Result {
        try Wasserstein.validate(a, "first sample")
        try Wasserstein.validate(b, "second sample")
        guard let arrangements = arrangementCount(a.count, b.count) else {
            throw .invalidParameter(
                name: "sample sizes", value: "\(a.count) and \(b.count)",
                allowed: "sizes whose lcm L gives at most "
                    + "\(maximumArrangements) arrangements L!/((L/k)!)^k, k the smaller size "
                    + "(e.g. both at most 9, or 4 and 6)")
        }
        if a.count < b.count {
            // Permute the units of the smaller sample: search with the roles swapped.
            let swapped = search(b, a, arrangements: arrangements)
            let coupling = a.indices.map { i in b.indices.map { j in swapped.coupling[j][i] } }
            return Result(
                squaredCost: swapped.squaredCost, coupling: coupling,
                massUnits: swapped.massUnits, arrangements: swapped.arrangements)
        }
        return search(a, b, arrangements: arrangements)
    }

    /// The search itself, for `a.count >= b.count`: `a`'s units stay in place and every
    /// arrangement of `b`'s is tried.
    private static func search(_ a: [Double], _ b: [Double], arrangements: Int) -> Result {
        let n = a.count, m = b.count
        let units = n / greatestCommonDivisor(n, m) * m
        // Unit k of a belongs to point aUnit[k]; label[k] is the point of b assigned to it.
        let aUnit = (0..<units).map { $0 / (units / n) }
        var label = (0..<units).map { $0 / (units / m) }
        var cost = [Double](repeating: 0, count: n * m)
        for i in 0..<n {
            for j in 0..<m { cost[i * m + j] = (a[i] - b[j]) * (a[i] - b[j]) }
        }
        var best = Double.infinity
        var bestLabel = label
        var tried = 0
        repeat {
            tried += 1
            var total = 0.0
            for k in 0..<units { total += cost[aUnit[k] * m + label[k]] }
            if total < best {
                best = total
                bestLabel = label
            }
        } while nextArrangement(&label)
        var coupling = [[Int]](repeating: [Int](repeating: 0, count: m), count: n)
        for k in 0..<units { coupling[aUnit[k]][bestLabel[k]] += 1 }
        precondition(tried == arrangements, "the arrangement count and the search disagree")
        return Result(
            squaredCost: best / Double(units), coupling: coupling, massUnits: units,
            arrangements: tried)
    }

    /// Advances `x` to the next arrangement in lexicographic order (each distinct arrangement
    /// of a multiset once); false, leaving `x` unchanged, at the last one.
    static func nextArrangement(_ x: inout [Int]) -> Bool {
        guard x.count > 1 else { return false }
        var i = x.count - 2
        while i >= 0 && x[i] >= x[i + 1] { i -= 1 }
        if i < 0 { return false }
        var j = x.count - 1
        while x[j] <= x[i] { j -= 1 }
        x.swapAt(i, j)
        x[(i + 1)...].reverse()
        return true
    }

    /// `lcm(n, m)`, nil on overflow.
    static func leastCommonMultiple(_ n: Int, _ m: Int) -> Int? {
        let quotient = n / greatestCommonDivisor(n, m)
        let (product, overflow) = quotient.multipliedReportingOverflow(by: m)
        return overflow ? nil : product
    }

    static func greatestCommonDivisor(_ n: Int, _ m: Int) -> Int {
        var (x, y) = (n, m)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }

    /// `C(n, k)`, nil when it exceeds `maximumArrangements`.
    static func binomial(_ n: Int, _ k: Int) -> Int? {
        var result = 1
        for i in 0..<min(k, n - k) {
            // result * (n - i) / (i + 1) is exact: result is C(n, i) and C(n, i+1) an integer.
            let (product, overflow) = result.multipliedReportingOverflow(by: n - i)
            if overflow { return nil }
            result = product / (i + 1)
            if result > maximumArrangements { return nil }
        }
        return result
    }
}
