/// How `Dataset.prepare` splits, encodes and masks a dataset. Every random choice derives from
/// `seed`.
public struct PreparationOptions: Sendable, Hashable {
    /// The run seed (the split and the label masks derive from it).
    public var seed: UInt64
    /// Share of all rows held out for testing, in [0, 1) (ignored when the dataset's official
    /// split is used). The paper uses 0.2.
    public var testFraction: Double
    /// Share of the non-test rows held out as the unlabeled calibration pool, in [0, 1)
    /// (Remark 2; 0 = calibrate on the training predictions, as the reference code does).
    public var poolFraction: Double
    /// Keep each group's proportion in every part.
    public var stratifiesByGroup: Bool
    /// Use the dataset's official train/test split when it has one (UCI Adult).
    public var usesOfficialSplit: Bool
    /// Per task, the probability that a training label is removed; `nil` uses the dataset's
    /// default (empty for the real datasets). Test and pool rows are never masked this way.
    public var missingLabelFractions: [String: Double]?
    /// What the encoder does with a category not seen in the training rows.
    public var unseenCategories: UnseenCategoryPolicy

    public init(
        seed: UInt64, testFraction: Double = 0.2, poolFraction: Double = 0, stratifiesByGroup: Bool = false,
        usesOfficialSplit: Bool = true, missingLabelFractions: [String: Double]? = nil,
        unseenCategories: UnseenCategoryPolicy = .error
    ) {
        self.seed = seed
        self.testFraction = testFraction
        self.poolFraction = poolFraction
        self.stratifiesByGroup = stratifiesByGroup
        self.usesOfficialSplit = usesOfficialSplit
        self.missingLabelFractions = missingLabelFractions
        self.unseenCategories = unseenCategories
    }
}
