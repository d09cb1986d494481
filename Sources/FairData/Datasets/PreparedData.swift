/// A dataset split into train / pool / test, encoded with an encoder fitted on the training
/// rows, with training labels masked as requested and pool labels removed.
public struct PreparedData: Sendable {
    /// The dataset's name.
    public let datasetName: String
    /// The row partition.
    public let split: DataSplit
    /// The encoder, fitted on `split.train` only.
    public let encoder: FeatureEncoder
    /// The masks applied to the training labels (one per masked task).
    public let masks: [LabelMask]
    /// Training rows: features, labels (masked), groups.
    public let train: ModelData
    /// Calibration pool: features and groups; every label is missing (Remark 2).
    public let pool: ModelData
    /// Test rows: features, complete labels, groups.
    public let test: ModelData
}
