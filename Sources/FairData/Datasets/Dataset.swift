import FairCore

/// A dataset ready for the fair multi-task pipeline: a clean table, its tasks, its sensitive
/// attribute and how its columns become features. Recipes (`CompasRecipe`, `AdultRecipe`, ...)
/// build these from the real files; `Dataset.init` builds one from any table.
///
/// ```swift
/// let compas = try CompasRecipe.load(from: DataDirectory(path: "../shared/datasets"))
/// let data = try compas.prepare(PreparationOptions(seed: 42, testFraction: 0.2, poolFraction: 0.5))
/// data.train.features.columns      // 27
/// ```
public struct Dataset: Sendable {
    /// Rows of the official train and test files (UCI Adult).
    public struct OfficialSplit: Sendable, Hashable {
        public let train: [Int]
        public let test: [Int]

        public init(train: [Int], test: [Int]) {
            self.train = train
            self.test = test
        }
    }

    /// The dataset's name (e.g. `compas`).
    public let name: String
    /// The clean table: feature columns, label columns and the sensitive column.
    public let table: Table
    /// The tasks, in order (task 1 first).
    public let tasks: [DatasetTask]
    /// The categorical column holding each row's sensitive group.
    public let sensitive: String
    /// The sensitive groups of all rows.
    public let groups: GroupColumn
    /// How columns become model inputs, in output order.
    public let features: [FeatureSpec]
    /// The official train/test split, when the source defines one.
    public let officialSplit: OfficialSplit?
    /// Where the data comes from and what was done to it, in a few lines.
    public let source: String
    /// Default per-task missing-label probabilities (`PreparationOptions.missingLabelFractions`).
    public let defaultMissingLabelFractions: [String: Double]

    /// - Throws: `unknownColumn`; `wrongColumnType` for a non-numeric label column;
    ///   `invalidBinaryLabel` for a binary label other than 0/1/missing; `missingValue` for a
    ///   row without a group; `invalidParameter` for an official split that is out of range or
    ///   overlaps.
    public init(
        name: String, table: Table, tasks: [DatasetTask], sensitive: String, features: [FeatureSpec],
        officialSplit: OfficialSplit? = nil, source: String, defaultMissingLabelFractions: [String: Double] = [:]
    ) throws {
        for task in tasks {
            let values = try table.numeric(task.name)
            if task.kind == .binary, let row = values.firstIndex(where: { !$0.isNaN && $0 != 0 && $0 != 1 }) {
                throw FairDataError.invalidBinaryLabel(column: task.name, row: row, value: values[row])
            }
        }
        for feature in features { _ = try table.columnIndex(of: feature.column) }
        for task in defaultMissingLabelFractions.keys.sorted() {
            if !tasks.contains(where: { $0.name == task }) { throw FairDataError.unknownColumn(name: task, available: tasks.map(\.name)) }
            _ = try LabelMask(task: task, missingProbability: defaultMissingLabelFractions[task]!, seed: 0)
        }
        if let officialSplit {
            for row in officialSplit.train + officialSplit.test where row < 0 || row >= table.rowCount {
                throw FairDataError.rowOutOfRange(row: row, rowCount: table.rowCount)
            }
            _ = try DataSplit(train: officialSplit.train, pool: [], test: officialSplit.test)
        }
        self.name = name
        self.table = table
        self.tasks = tasks
        self.sensitive = sensitive
        self.groups = try table.groupColumn(sensitive)
        self.features = features
        self.officialSplit = officialSplit
        self.source = source
        self.defaultMissingLabelFractions = defaultMissingLabelFractions
    }

    /// The table summary with the sensitive attribute's group counts.
    public func summary() -> TableSummary {
        // The sensitive column exists (checked at init), so this cannot throw.
        (try? table.describe(sensitive: sensitive)) ?? TableSummary(rowCount: table.rowCount, columns: [], sensitive: nil, groupCounts: [])
    }

    /// The encoder fitted on all rows (e.g. to report the encoded width when loading); models
    /// must use `prepare`, which fits on the training rows only.
    public func encoderOnAllRows(unseenCategories: UnseenCategoryPolicy = .error) throws -> FeatureEncoder {
        try FeatureEncoder.fit(features, on: table, unseenCategories: unseenCategories)
    }

    /// Splits (train / pool / test), fits the encoder on the training rows, encodes every part,
    /// masks training labels and removes pool labels.
    /// - Throws: `FairDataError` from the split, the encoder (e.g. `unseenCategory`) or the masks
    ///   (`unknownColumn` for a task that is not in the dataset).
    public func prepare(_ options: PreparationOptions) throws -> PreparedData {
        let stratification = options.stratifiesByGroup ? groups : nil
        let split: DataSplit
        if options.usesOfficialSplit, let officialSplit {
            split = try DataSplit.fixedTest(
                train: officialSplit.train, test: officialSplit.test, poolFraction: options.poolFraction, seed: options.seed,
                stratifiedBy: stratification)
        } else {
            split = try DataSplit.random(
                rowCount: table.rowCount, testFraction: options.testFraction, poolFraction: options.poolFraction, seed: options.seed,
                stratifiedBy: stratification)
        }
        let encoder = try FeatureEncoder.fit(features, on: table, rows: split.train, unseenCategories: options.unseenCategories)
        let fractions = options.missingLabelFractions ?? defaultMissingLabelFractions
        var masks: [LabelMask] = []
        for task in fractions.keys.sorted() {
            guard tasks.contains(where: { $0.name == task }) else { throw FairDataError.unknownColumn(name: task, available: tasks.map(\.name)) }
            masks.append(try LabelMask(task: task, missingProbability: fractions[task]!, seed: options.seed))
        }

        func part(_ rows: [Int], labels labelMode: (DatasetTask, [Double]) throws -> [Double]) throws -> ModelData {
            let features = try encoder.transform(table, rows: rows)
            let labels = try tasks.map { task in
                let all = try table.numeric(task.name)
                return TaskLabels(name: task.name, kind: task.kind, values: try labelMode(task, rows.map { all[$0] }))
            }
            let groupColumn = try GroupColumn(codes: rows.map { groups.codes[$0] }, names: groups.names)
            return ModelData(rows: rows, features: features, labels: labels, groups: groupColumn)
        }
        let train = try part(split.train) { task, values in
            guard let mask = masks.first(where: { $0.task == task.name }) else { return values }
            return try mask.apply(to: values, rows: split.train)
        }
        let pool = try part(split.pool) { _, values in [Double](repeating: .nan, count: values.count) }
        let test = try part(split.test) { _, values in values }
        return PreparedData(datasetName: name, split: split, encoder: encoder, masks: masks, train: train, pool: pool, test: test)
    }
}
