import FairCore
import FairData
import FairNet
import Foundation

/// One FairNet training run driven by a REPL command: progress events per epoch, and Ctrl-C
/// (the command's cancellation token, which FairNet checks too) stops training at the next
/// mini-batch.
struct TrainingRun {
    let context: CommandContext
    /// Epochs of the runs before this one and of all runs (single-task baselines train one
    /// network per task, and progress counts over all of them).
    let epochOffset: Int
    let totalEpochs: Int
    /// Prefix of the progress detail (`y_binary: `).
    let label: String

    /// Trains a copy of `network`.
    /// - Throws: `CommandError.interrupted` when Ctrl-C stopped it; FairNet's errors otherwise.
    func train(_ network: MultiTaskNetwork, on data: TrainingData, validation: TrainingData?, options: TrainingOptions) throws -> TrainingResult {
        let sink = context.progress
        let (offset, total, label) = (epochOffset, totalEpochs, label)
        do {
            let trainer = Trainer(options: options)
            return try trainer.train(
                network, on: data, validation: validation, cancellation: context.cancellation
            ) { report in
                let losses = zip(report.tasks, report.trainingLoss).map { "\($0) \(Self.short($1))" }.joined(separator: " · ")
                sink.report(ProgressEvent(unit: "epoch", completed: offset + report.epoch, total: total, detail: label + "loss " + losses))
            }
        } catch let FairNetError.cancelled(epochsCompleted) {
            throw CommandError.interrupted(command: context.spec.name, detail: "at epoch \(offset + epochsCompleted + 1)")
        }
    }

    static func short(_ x: Double) -> String { String(format: "%.4g", x) }
}

extension ModelData {
    /// The part's features as FairNet's matrix.
    func featureMatrix() throws -> FeatureMatrix {
        try FeatureMatrix(rows: features.rows, columns: features.columns, values: features.values)
    }

    /// Features and every task's labels (NaN = missing) as FairNet's training data.
    func trainingData() throws -> TrainingData {
        try TrainingData(features: try featureMatrix(), labels: Dictionary(uniqueKeysWithValues: labels.map { ($0.name, $0.values) }))
    }
}
