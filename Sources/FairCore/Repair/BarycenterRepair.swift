import FairSupport

/// The fitted barycenter repair of one task: the post-processing of Hu, Ratz & Charpentier
/// (eq. 8), which maps each group's predictions onto the π-weighted Wasserstein-2 barycenter
/// of the group-wise prediction laws, so that the output satisfies Demographic Parity.
///
/// Create one with `fit(scores:groups:rowIDs:taskName:weights:options:)` on a calibration
/// pool (never the network's training predictions, METHOD.md §4.1), then `apply` it to new
/// predictions of the same task at the same λ. The value is immutable and `Codable`
/// (`save(to:)` / `load(from:)` write versioned JSON).
///
/// ## Mathematical properties
/// **The definition is `referenceApply(score:group:rowID:epsilon:)`**: about 30 plain lines on
/// `EmpiricalDistribution` that every fast path of `apply` equals bit for bit. For a row of
/// group `s` with score `x` and row ID `k`:
/// 1. `y = x + ζ`, `ζ = KeyedNoise.symmetric(seed, stableHash(taskName), k, u)` (`y = x` when
///    `u = 0`): the row always gets the same noise.
/// 2. Convention A: `r = #{z_s <= y}`; output `Σ_b π_b z_b(max(1, ceil(r n_b / n_s)))`,
///    in integer ranks. Convention B: mid-rank CDF with Hazen quantiles (`RepairConvention`).
///    The sum is `weightedSum`: left to right in group order, clamped to the terms' hull
///    (monotone, exact for identical groups, no overflow for finite scores).
/// 3. Out of range: `clamp` or `tailShift` (`OutOfRangePolicy`); the apply report counts
///    the rows below and above each group's calibration range.
/// 4. Approximate fairness: `(1 - ε) · fair + ε · x` with `ε` in [0, 1], kept between `fair`
///    and `x` (`ε = 1` returns `x` exactly).
/// 5. Optional clip to the task's `outputRange`.
///
/// Guarantees:
/// - **Row-wise pure.** A row's output depends only on the fitted value and the row
///   `(score, group name, row ID, ε)`: never on the other rows of a batch, their order, the
///   thread count or earlier calls. Batch and single-row apply agree bit for bit.
/// - **All groups, fixed weights.** The sum runs over every calibration group with the
///   weights `π` fixed at fit time (pool frequencies by default).
/// - **Groups by name.** A batch's group names are matched to the fitted groups by name; a
///   group the pool did not have is an error naming it.
/// - **Identity on calibration points** (u = 0, no split, either convention): a pool value of
///   group `s` mapped onto group `s` alone comes back exactly, ties included, and identical
///   groups give the identity map.
/// - **Monotone** in `y` within each group (Corollary 1, weak form: ties can appear).
public struct BarycenterRepair: Sendable {
    /// The task this repair belongs to (also the jitter stream).
    public let taskName: String
    /// Fitted group names, sorted ascending.
    public let groupNames: [String]
    /// Number of pool points of each group (before any calibration split).
    public let poolCounts: [Int]
    /// The barycenter weights `π_s` (sum to 1 within 1e-9), fixed at fit time.
    public let weights: [Double]
    /// The settings the repair was fitted with.
    public let options: RepairOptions

    let storage: RepairStorage
    let groupIndex: [String: Int]
    let noiseStream: UInt64

    init(taskName: String, groupNames: [String], poolCounts: [Int], weights: [Double],
         options: RepairOptions, storage: RepairStorage) {
        self.taskName = taskName
        self.groupNames = groupNames
        self.poolCounts = poolCounts
        self.weights = weights
        self.options = options
        self.storage = storage
        var index: [String: Int] = [:]
        for (g, name) in groupNames.enumerated() { index[name] = g }
        self.groupIndex = index
        self.noiseStream = KeyedNoise.stableHash(taskName)
    }

    /// The largest supported group: ranks and bucket tables use 32-bit indices, and Convention
    /// B's exact positions need `2 n_s n_b < 2^63`.
    public static let maximumGroupSize = 1 << 30

    /// Number of groups.
    public var groupCount: Int { groupNames.count }

    /// The weight `π` of a group.
    /// - Throws: `FairCoreError.unseenGroup` for a name the repair does not know.
    public func weight(ofGroup name: String) throws(FairCoreError) -> Double {
        weights[try index(ofGroup: name)]
    }

    /// The sorted (jittered) sample a group's quantile function `Q_s` is read from.
    public func quantileSample(ofGroup name: String) throws(FairCoreError) -> EmpiricalDistribution {
        EmpiricalDistribution(trustedSorted: storage.quantileSample(try index(ofGroup: name)))
    }

    /// The sorted (jittered) sample a group's CDF `F_s` is read from (the quantile sample
    /// unless the calibration was split).
    public func cdfSample(ofGroup name: String) throws(FairCoreError) -> EmpiricalDistribution {
        EmpiricalDistribution(trustedSorted: storage.cdfSample(try index(ofGroup: name)))
    }

    /// The barycenter of the groups' quantile samples with the weights `π`; its `cost()` is
    /// the right-hand side of the risk identity (METHOD.md §6.4).
    public var barycenter: Barycenter {
        let components = (0..<groupCount).map { EmpiricalDistribution(trustedSorted: storage.quantileSample($0)) }
        return Barycenter(trustedComponents: components, weights: weights)   // validated at fit or load
    }

    /// Group sizes, weights and the warnings of the fit (small groups; ties without jitter).
    public var fitReport: RepairFitReport {
        var tied: [Int] = []
        var warnings: [RepairWarning] = []
        for g in 0..<groupCount {
            let sample = storage.cdfView(g)
            var ties = 0
            for i in 1..<max(1, sample.count) where sample[i] == sample[i - 1] { ties += 1 }
            tied.append(ties)
            if poolCounts[g] < options.warningGroupSize {
                warnings.append(.smallGroup(name: groupNames[g], count: poolCounts[g], warningSize: options.warningGroupSize))
            }
            if ties > 0 && options.jitterHalfWidth == 0 && options.convention == .generalizedInverse {
                warnings.append(.tiedCalibrationValues(name: groupNames[g], tiedPoints: ties, count: sample.count))
            }
        }
        return RepairFitReport(taskName: taskName, groupNames: groupNames, poolCounts: poolCounts,
                               weights: weights, tiedCalibrationPoints: tied, warnings: warnings)
    }

    func index(ofGroup name: String) throws(FairCoreError) -> Int {
        guard let g = groupIndex[name] else { throw .unseenGroup(name: name, known: groupNames) }
        return g
    }
}

extension BarycenterRepair: Equatable {
    /// Two repairs are equal when every fitted number and setting is equal (values compared
    /// with `==`, so this is the numeric, not the bitwise, equality).
    public static func == (lhs: BarycenterRepair, rhs: BarycenterRepair) -> Bool {
        guard lhs.taskName == rhs.taskName, lhs.groupNames == rhs.groupNames, lhs.poolCounts == rhs.poolCounts,
              lhs.weights == rhs.weights, lhs.options == rhs.options else { return false }
        for g in 0..<lhs.groupCount {
            if lhs.storage.quantileSample(g) != rhs.storage.quantileSample(g) { return false }
            if lhs.storage.split && lhs.storage.cdfSample(g) != rhs.storage.cdfSample(g) { return false }
        }
        return true
    }
}
