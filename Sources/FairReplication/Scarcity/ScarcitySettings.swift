import FairNet

/// The settings of the label-scarcity protocol (the paper's Table 1 study, EXPERIMENTS.md §3 and
/// §6) on a dataset with one regression and one binary task.
public struct ScarcitySettings: Sendable, Hashable {
    /// The datasets the protocol runs on (the paper's ACS 2018 California file is not available).
    public enum DatasetChoice: String, Sendable, CaseIterable {
        /// Law school: ZFYA (regression) + first_pf (bar passage); race White vs non-White.
        case lawSchool = "law-school"
        /// UCI Adult: hours-per-week (regression) + income > 50K; sex; the official train/test files.
        case adult
        /// The paper's folktables recipe on an ACS person file (the Alabama 2017 sample by default):
        /// ln PINCP + moved in the past year; sex.
        case acs
    }

    /// The paper's missing-label levels: [0, 25, 50, 75, 95]% of the regression labels removed.
    public static let paperFractions = [0, 0.25, 0.5, 0.75, 0.95]

    public var seeds: [UInt64]
    /// Shares of the regression task's training labels removed (Bernoulli per row, nested across levels).
    public var fractions = ScarcitySettings.paperFractions
    /// Share of all rows held out for testing (ignored for UCI Adult, whose test file is the test set).
    public var testFraction = 0.2
    /// Share of the non-test rows held out, unlabeled, to calibrate the repair (Remark 2).
    public var poolFraction = 0.2
    /// Share of the training rows held out to choose λ (Algorithm 2); their labels are masked too.
    public var validationFraction = 0.1
    public var hidden = [32, 32]
    public var dropout = 0.1
    /// Epochs of every model (the multi-task one and each single-task one).
    public var epochs = 30
    public var batchSize = 128
    public var learningRate = 1e-3
    /// λ_t ~ U(low, high) per row and task during training.
    public var lambdaRange = LambdaRange(0.25, 6)
    /// The regression weights Algorithm 2 tries (the classification weight stays 1), chosen by the
    /// validation MSE of the regression task, as the paper calibrates λ for the regression task.
    public var lambdaGrid = [0.25, 0.5, 1, 2, 4, 6]
    /// Jitter half-width u of the repair.
    public var jitter = 1e-3
    /// Bootstrap replicates of every KS interval (0: none; the scarcity table reports the floor and p).
    public var bootstrapReplicates = 0
    public var trainingThreads = 1

    /// The first `seedCount` of the paper's split seeds (default 10, as the issue asks).
    public init(seedCount: Int = 10) {
        seeds = Array(CompasSettings.paperSeeds.prefix(max(0, seedCount)))
    }

    /// - Throws: `ReplicationError.invalidSetting` for a setting outside its range.
    public func validate() throws {
        guard (1...CompasSettings.paperSeeds.count).contains(seeds.count) else {
            throw ReplicationError.invalidSetting(name: "--seeds", value: "\(seeds.count)", allowed: "use 1 to \(CompasSettings.paperSeeds.count) (the paper's split seeds)")
        }
        guard !fractions.isEmpty, fractions.allSatisfy({ $0 >= 0 && $0 < 1 }), fractions == fractions.sorted(), Set(fractions).count == fractions.count else {
            throw ReplicationError.invalidSetting(name: "--fractions", value: fractions.map { "\($0)" }.joined(separator: ","),
                                                  allowed: "distinct increasing shares in [0, 1), e.g. 0,0.25,0.5,0.75,0.95")
        }
        guard epochs >= 1 else { throw ReplicationError.invalidSetting(name: "--epochs", value: "\(epochs)", allowed: "at least 1") }
        guard validationFraction > 0, validationFraction < 0.5 else {
            throw ReplicationError.invalidSetting(name: "--validation", value: "\(validationFraction)", allowed: "a share in (0, 0.5) of the training rows")
        }
        guard poolFraction > 0, poolFraction < 1 else {
            throw ReplicationError.invalidSetting(name: "--pool-fraction", value: "\(poolFraction)", allowed: "a share in (0, 1) of the non-test rows")
        }
        guard !lambdaGrid.isEmpty, lambdaGrid.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw ReplicationError.invalidSetting(name: "--lambda-grid", value: "\(lambdaGrid)", allowed: "weights >= 0")
        }
        guard trainingThreads >= 1 else { throw ReplicationError.invalidSetting(name: "--threads", value: "\(trainingThreads)", allowed: "at least 1") }
    }
}
