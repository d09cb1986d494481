import FairCore
import FairNet

/// The settings of the COMPAS protocol (EXPERIMENTS.md §2), shared by every seed. The defaults are
/// the paper's protocol as FairMTL runs it (20 splits 80/20, [24, 24, 24], 75 + 2 × 50 epochs,
/// λ = (1, 6), an unlabeled pool of 20% of the non-test rows).
public struct CompasSettings: Sendable, Hashable {
    /// The paper's 20 split seeds (EXPERIMENTS.md §1), used as run identifiers: FairMTL seeds its own
    /// generators from them, so the splits are equivalent in kind to scikit-learn's, not the same rows.
    public static let paperSeeds: [UInt64] = [42, 49, 201, 49472, 928, 1, 7, 58, 222, 7505, 6085, 288, 1570, 2900, 3287, 1689, 5898, 4119, 666, 7693]
    /// Task 1 and task 2, in head order (also the order of λ).
    public static let tasks = ["is_recid", "is_violent_recid"]

    public var seeds: [UInt64]
    /// Share of all rows held out for testing (the paper's 80/20).
    public var testFraction = 0.2
    /// Share of the non-test rows held out, unlabeled, as the calibration pool (Remark 2).
    public var poolFraction = 0.2
    /// FiLM mode of the multi-task model: per-unit (FairMTL's default, D8) or scalar (the paper's code).
    public var film: Conditioning.Mode = .perUnit
    /// Evaluation λ in task order (the code's (1, 6)).
    public var lambda: [Double] = [1, 6]
    /// λ_t ~ U(0.25, 6) per row during training (the code's box).
    public var lambdaRange = LambdaRange(0.25, 6)
    public var hidden = [24, 24, 24]
    public var dropout = 0.1
    public var mtlEpochs = 75
    public var stlEpochs = 50
    public var batchSize = 128
    public var learningRate = 1e-3
    /// Jitter half-width u of the repair (D1: 1e-3 by default, 0 as the code).
    public var jitter = 1e-3
    public var convention: RepairConvention = .generalizedInverse
    public var outOfRange: OutOfRangePolicy = .clamp
    /// Threads per training step (`TrainingOptions.threads`); 1 keeps each product in one fixed order.
    public var trainingThreads = 1
    /// Bootstrap replicates of every KS interval (0: no intervals).
    public var bootstrapReplicates = 1000

    /// The first `seedCount` of the paper's seeds.
    public init(seedCount: Int = CompasSettings.paperSeeds.count) {
        seeds = Array(Self.paperSeeds.prefix(max(0, seedCount)))
    }

    public var lambdaByTask: [String: Double] { Dictionary(uniqueKeysWithValues: zip(Self.tasks, lambda)) }

    func repairOptions(seed: UInt64) -> RepairOptions {
        RepairOptions(jitterHalfWidth: jitter, seed: seed, convention: convention, outOfRange: outOfRange)
    }

    /// - Throws: `ReplicationError.invalidSetting` for a setting outside its range.
    public func validate() throws {
        guard (1...Self.paperSeeds.count).contains(seeds.count) else {
            throw ReplicationError.invalidSetting(name: "--seeds", value: "\(seeds.count)", allowed: "use 1 to \(Self.paperSeeds.count) (the paper's split seeds)")
        }
        guard lambda.count == 2, lambda.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw ReplicationError.invalidSetting(name: "--lambda", value: lambda.map { "\($0)" }.joined(separator: ","),
                                                  allowed: "give two weights >= 0 in task order (is_recid, is_violent_recid), e.g. 1,6")
        }
        guard poolFraction > 0, poolFraction < 1 else {
            throw ReplicationError.invalidSetting(name: "--pool-fraction", value: "\(poolFraction)", allowed: "a share in (0, 1) of the non-test rows")
        }
        guard jitter >= 0, jitter.isFinite else {
            throw ReplicationError.invalidSetting(name: "--jitter", value: "\(jitter)", allowed: "a half-width >= 0 (0 = none, as the reference code)")
        }
        guard mtlEpochs >= 1, stlEpochs >= 1 else {
            throw ReplicationError.invalidSetting(name: "--epochs", value: "\(mtlEpochs)", allowed: "at least 1")
        }
        guard trainingThreads >= 1 else {
            throw ReplicationError.invalidSetting(name: "--threads", value: "\(trainingThreads)", allowed: "at least 1")
        }
        guard (0...KolmogorovSmirnovBootstrap.maximumReplicates).contains(bootstrapReplicates) else {
            throw ReplicationError.invalidSetting(name: "--bootstrap", value: "\(bootstrapReplicates)",
                                                  allowed: "0 (no intervals) to \(KolmogorovSmirnovBootstrap.maximumReplicates) replicates")
        }
    }
}
