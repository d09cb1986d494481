/// One step of a fitted repair written as data: for the scores `x` of one group with
/// `edge <= x < upperEdge`, the repaired value (before `ε` and the output clip).
///
/// ## Mathematical properties
/// The output of the step at a finite score `x` is
/// - `atEdge` when `x == edge`;
/// - otherwise `value` when `shiftFrom` is nil, and `value + (x - shiftFrom)` (the tail shift,
///   one IEEE subtraction and one addition) when it is not.
///
/// Steps are left-closed: `x == edge` belongs to this step, `x == upperEdge` to the next.
public struct RepairStep: Sendable, Hashable {
    /// The group the step belongs to.
    public let group: String
    /// The smallest score of the step: a calibration value, or `-Double.greatestFiniteMagnitude`
    /// for the scores below a group's calibration range.
    public let edge: Double
    /// The next step's edge; nil for a group's last step (up to the largest finite Double).
    public let upperEdge: Double?
    /// The output at `x == edge`.
    public let atEdge: Double
    /// The output for `edge < x < upperEdge`, or the base of the tail shift.
    public let value: Double
    /// With the tail-shift policy, outside the calibration range: the calibration extreme the
    /// shift is measured from.
    public let shiftFrom: Double?

    /// The step's output at a finite score `x` with `edge <= x` (and `x < upperEdge`).
    public func output(at x: Double) -> Double {
        if x == edge { return atEdge }
        guard let shiftFrom else { return value }
        return value + (x - shiftFrom)
    }
}

/// A task's fitted repair as a table of steps, for engines that do not run FairMTL (SQL
/// warehouses, Spark): per group, one step per distinct calibration value plus one below the
/// range, each with its output.
///
/// ## Mathematical properties
/// For a finite score `x` of group `s` (no jitter, `u = 0`), the step with the largest
/// `edge <= x` gives, through `RepairStep.output(at:)`, exactly the bits of
/// `referenceApply(score: x, group: s, rowID: _, epsilon: 0)` before the output clip; `ε` and the
/// clip are then `mix(g, x)` and `clip` below, the same IEEE operations as the repair.
/// - The repair's output depends on the score only through `r = #{z_s <= y}` and
///   `a = #{z_s < y}` (Convention B). Both are constant on the open interval between two
///   adjacent distinct calibration values `v < w` (`a = r` there), and at `y = v` itself take
///   the tie block's values, so one row per distinct value holds `atEdge` (at `v`) and `value`
///   (on `(v, w)`); Convention A has `atEdge == value` (it reads `r` only).
/// - Below the smallest calibration value `r = a = 0`: the first step's edge is the lowest finite
///   Double. With `clamp` it holds the output at rank 0; with `tailShift` the output is
///   `T(z_(1)) + (x - z_(1))`, so `value = T(z_(1))` and `shiftFrom = z_(1)`; above the largest
///   value `z_(n)`, `value = T(z_(n))` and `shiftFrom = z_(n)` likewise.
/// - With jitter (`u > 0`) the table is the map of the jittered calibration values applied to
///   the score as given: FairMTL's `apply` first adds the row's keyed noise `ζ` in `(-u, u)`,
///   so the two agree except for scores within `u` of an edge (`jitterHalfWidth` says so).
public struct RepairStepTable: Sendable, Hashable {
    /// The task of the repair.
    public let taskName: String
    /// The steps, by group in the repair's group order, then by ascending edge.
    public let steps: [RepairStep]
    /// `1 - ε` and `ε` of `mix`; `ε = 0` leaves the output unchanged.
    public let epsilon: Double
    /// The clip applied last, when the repair has one.
    public let outputRange: OutputRange?
    /// The repair's jitter half-width `u` (0: the table reproduces `apply` exactly).
    public let jitterHalfWidth: Double

    /// `(1 - ε) g + ε x` kept between `g` and `x`, as in `referenceApply` (`ε = 0` gives `g`).
    public func mix(_ g: Double, score x: Double) -> Double {
        guard epsilon != 0 else { return g }
        return min(max((1 - epsilon) * g + epsilon * x, min(g, x)), max(g, x))
    }

    /// The output clip (identity without an output range).
    public func clip(_ g: Double) -> Double {
        guard let outputRange else { return g }
        return min(max(g, outputRange.lower), outputRange.upper)
    }
}

extension BarycenterRepair {
    /// The repair as a step table (see `RepairStepTable`), with `ε` applied by its `mix`.
    /// - Throws: `FairCoreError.invalidParameter` when `epsilon` is not in [0, 1].
    public func stepTable(epsilon: Double = 0) throws(FairCoreError) -> RepairStepTable {
        try Self.validateEpsilon(epsilon)
        let laws = (0..<groupCount).map {
            EmpiricalDistribution(trustedSorted: storage.quantileSample($0))
        }
        var steps: [RepairStep] = []
        for g in 0..<groupCount {
            let own = storage.cdfSample(g)
            let n = own.count
            // Output for `a = #{z < y}`, `r = #{z <= y}`, as `referenceApply` composes it.
            func fair(below a: Int, atMost r: Int) -> Double {
                let terms = laws.map { law in
                    switch options.convention {
                    case .generalizedInverse: return try! law.quantile(rank: r, outOf: n)
                    case .midRankHazen: return try! law.quantile(midRankSum: a + r, outOf: n)
                    }
                }
                return Self.weightedSum(terms, weights: weights)
            }
            let shift = options.outOfRange == .tailShift
            let lowest = -Double.greatestFiniteMagnitude
            var blocks: [(value: Double, below: Int, atMost: Int)] = []
            var i = 0
            while i < n {
                var k = i
                while k + 1 < n && own[k + 1] == own[i] { k += 1 }
                blocks.append((own[i], i, k + 1))
                i = k + 1
            }
            let name = groupNames[g]
            if own[0] > lowest {
                let bottom = fair(below: 0, atMost: blocks[0].atMost)
                let below = shift ? bottom : fair(below: 0, atMost: 0)
                let atLowest = shift ? bottom + (lowest - own[0]) : below
                steps.append(
                    RepairStep(
                        group: name, edge: lowest, upperEdge: own[0], atEdge: atLowest,
                        value: below, shiftFrom: shift ? own[0] : nil))
            }
            for (b, block) in blocks.enumerated() {
                let last = b == blocks.count - 1
                let atEdge = fair(below: block.below, atMost: block.atMost)
                let after = last && shift ? atEdge : fair(below: block.atMost, atMost: block.atMost)
                steps.append(
                    RepairStep(
                        group: name, edge: block.value, upperEdge: last ? nil : blocks[b + 1].value,
                        atEdge: atEdge, value: after, shiftFrom: last && shift ? block.value : nil))
            }
        }
        return RepairStepTable(
            taskName: taskName, steps: steps, epsilon: epsilon + 0.0,
            outputRange: options.outputRange, jitterHalfWidth: options.jitterHalfWidth)
    }
}
