import FairCore

/// The between-group statistics that `compare`, `verify` and `plot` report for one task's
/// scores on some rows, all computed by FairCore except `kolmogorovDistance(sorted:law:)`.
///
/// ## Mathematical properties
/// - `ks`: the paper's unfairness `U = max_{s,s'} sup_u |F_s(u) − F_s'(u)|` (exact two-sample
///   KS, right-continuous ECDFs), with the noise floor `sqrt(π/2)·ln 2·sqrt(1/n_1 + 1/n_2)`
///   (≈ 0.8687·sqrt(1/n_1 + 1/n_2), `KolmogorovSmirnov.noiseFloor`) and the p-value of the pair
///   attaining the maximum (exact up to 10,000 rows a group, as scipy's default; with more than
///   two groups it understates the chance of so large a maximum: `FairnessVerdict` uses Holm).
/// - `barycenter`: the Wasserstein-2 barycenter of the groups' empirical laws with weights π
///   (given per group name, renormalised over the groups present; default: their frequencies
///   in these rows). `w2` per group is `W2(ν_s, ν*)`, and `w2Total = sqrt(Σ_s π_s W2²(ν_s, ν*))`,
///   both exact over the merged quantile grid; `w2Total` is 0 exactly when every group has the
///   same law (same quantile function).
/// - `dpGap(threshold:)`: `max_s P(g ≥ τ | s) − min_s P(g ≥ τ | s)`, at most `ks` for every τ.
struct GroupStatistics {
    let names: [String]
    let sorted: SortedGroups
    let pairwise: PairwiseKolmogorovSmirnov
    let barycenter: Barycenter
    /// W2 from each group (in `names` order) to the barycenter.
    let w2: [Double]

    /// - Parameters:
    ///   - weights: π by group name (groups not present in the rows are dropped); nil uses the
    ///     groups' frequencies in these rows.
    /// - Throws: `FairCoreError` (fewer than two groups with rows, non-finite values).
    init(values: [Double], groups: GroupColumn, weights: [String: Double]?) throws {
        let present = try RepairCommandSupport.droppingEmptyGroups(groups)
        guard present.names.count >= 2 else {
            throw CommandError.failed(
                message: "these rows hold \(present.names.count) group\(present.names.count == 1 ? "" : "s") (\(present.names.joined(separator: ", "))): comparing groups needs at least 2")
        }
        let sortedGroups = try SortedGroups(values: values, groups: present)
        let groupNames = present.names
        let counts = sortedGroups.counts
        var pi = groupNames.indices.map { g in weights?[groupNames[g]] ?? Double(counts[g]) }
        let total = pi.reduce(0, +)
        pi = pi.map { $0 / total }
        var components: [EmpiricalDistribution] = []
        for sample in sortedGroups.samples { components.append(try EmpiricalDistribution(sortedValues: sample)) }
        let center = try Barycenter(components, weights: pi)
        sorted = sortedGroups
        names = groupNames
        pairwise = try PairwiseKolmogorovSmirnov(sortedGroups)
        barycenter = center
        w2 = center.distancesToComponents()
    }

    var ks: Double { pairwise.statistic }
    var w2Total: Double { barycenter.rootCost() }
    var counts: [Int] { sorted.counts }

    func dpGap(threshold: Double) throws -> Double { try DemographicParity.gap(sorted, threshold: threshold).gap }

    /// KS from each group's ECDF to the barycenter's CDF.
    func ksToBarycenter() -> [Double] {
        let law = barycenter.law()
        return sorted.samples.map { Self.kolmogorovDistance(sorted: $0, law: law) }
    }

    /// `sup_u |F_n(u) − F(u)|` between the ECDF of a sorted, non-empty sample and the CDF of a
    /// discrete law, both right-continuous step functions: their difference is constant
    /// between consecutive points of the union of the supports, so the supremum is the largest
    /// difference at those points (and 0 below them). One merge walk; the law's CDF is a running
    /// sum of its masses, so the result is exact up to the rounding of that sum (capped at 1).
    static func kolmogorovDistance(sorted sample: [Double], law: DiscreteLaw) -> Double {
        let n = sample.count, m = law.count
        var i = 0, j = 0
        var cumulative = 0.0, best = 0.0
        while i < n || j < m {
            let u = min(i < n ? sample[i] : .infinity, j < m ? law.values[j] : .infinity)
            while i < n && sample[i] <= u { i += 1 }
            while j < m && law.values[j] <= u {
                cumulative += law.masses[j]
                j += 1
            }
            best = max(best, abs(Double(i) / Double(n) - min(1, cumulative)))
        }
        return best
    }

    /// The threshold `compare` uses for the DP gap of a task: 0.5 for a binary task's scores
    /// (the fair classifier's threshold), else the median of the scores before repair.
    static func defaultThreshold(isBinary: Bool, before: [Double]) -> Double {
        if isBinary { return 0.5 }
        let sorted = RadixSort.sorted(before)
        return sorted.isEmpty ? 0 : sorted[(sorted.count - 1) / 2]
    }
}
