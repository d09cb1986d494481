import FairCore
import FairData
import Foundation
import Testing
@testable import FairReplication

/// Lesson 16's claims over 20 seeds of a reduced COMPAS protocol (3 epochs, small networks): on
/// every seed and for both tasks and both model families, KS after the repair calibrated on the
/// pool is within 3 times the level expected from the test and pool sizes (under exact parity KS
/// over that level exceeds 3 with probability below 1e-5, so 160 values fail by chance with
/// probability below 0.2%), and below KS before whenever KS before was above that level (a
/// model that has barely learnt a task can be fair already, within the noise).
@Suite("Replication properties (reduced COMPAS, 20 seeds)",
       .enabled(if: TestData.isAvailable, "needs the datasets (FAIR_DATA_DIR, ../shared/datasets)"))
struct ReplicationPropertyTests {
    @Test("KS after repair: within 3× its expected level, below KS before; every seed, task, model")
    func compasRepairOnEverySeed() throws {
        let dataset = try CompasRecipe.load(from: try TestData.required)
        var settings = CompasSettings(seedCount: 1)
        settings.seeds = Array(1...20)
        settings.mtlEpochs = 3
        settings.stlEpochs = 3
        settings.hidden = [8, 8]
        settings.bootstrapReplicates = 0
        let runs = try CompasProtocol.run(dataset: dataset, settings: settings)
        #expect(runs.map(\.seed) == settings.seeds)
        var unfairBefore = 0
        for run in runs {
            for (family, tasks) in [("MTL", run.mtl), ("STL", run.stl)] {
                for (task, m) in tasks {
                    let label = "seed \(run.seed) \(family) \(task)"
                    let after = m.pool.ks.statistic, before = m.ksBefore.statistic
                    #expect(after < 3 * run.poolFloor, "\(label): \(after) vs \(run.poolFloor)")
                    if before > 3 * run.poolFloor {
                        unfairBefore += 1
                        #expect(after < before, "\(label): \(before) → \(after)")
                    }
                }
            }
        }
        #expect(unfairBefore > 0, "some model is unfair before the repair, so the claim is tested")
    }
}

/// Lesson 17's claims over 20 seeds of the label-scarcity protocol on FairMTL's synthetic data
/// (two tasks driven by one latent variable, groups of different laws): with all regression
/// labels and with 95% of them removed, the repair keeps KS within 3 times its expected level for
/// both models. (Whether the multi-task model degrades less is not claimed:
/// its sign varies over seeds on this data, see the lesson; nor that the MSE rises, which with
/// these small networks is not true on every seed.)
@Suite("Label scarcity properties (synthetic, 20 seeds)")
struct ScarcityPropertyTests {
    @Test("0% and 95% of regression labels removed: KS after repair within 3× its expected level")
    func scarcityAndRepair() throws {
        var config = SyntheticRecipe.Config()
        config.rowCount = 2_000
        var settings = ScarcitySettings(seedCount: 1)
        settings.fractions = [0, 0.95]
        settings.epochs = 5
        settings.hidden = [16]
        for seed in UInt64(1)...20 {
            config.seed = seed
            settings.seeds = [seed]
            let dataset = try SyntheticRecipe.make(config)
            let runs = try ScarcityProtocol.run(dataset: dataset, settings: settings)
            #expect(runs.map(\.fraction) == [0, 0.95])
            for run in runs {
                for m in [run.mtlRegression, run.stlRegression] {
                    let after = m.ksAfter.statistic
                    #expect(after < 3 * run.poolFloor, "seed \(seed) \(run.fraction): \(after)")
                }
            }
        }
    }
}
