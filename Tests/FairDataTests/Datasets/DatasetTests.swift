import FairCore
import Testing
@testable import FairData

@Suite("Dataset")
struct DatasetTests {
    static func small(rows: Int = 400, seed: UInt64 = 3) throws -> Dataset {
        var config = SyntheticRecipe.Config()
        config.rowCount = rows
        config.seed = seed
        return try SyntheticRecipe.make(config)
    }

    @Test("prepare: train / pool / test partition the rows; the encoder is fitted on the training rows only")
    func prepare() throws {
        let dataset = try Self.small()
        let data = try dataset.prepare(PreparationOptions(seed: 42, testFraction: 0.2, poolFraction: 0.5))
        #expect(data.test.rows.count == 80 && data.pool.rows.count == 160 && data.train.rows.count == 160)
        #expect((data.train.rows + data.pool.rows + data.test.rows).sorted() == Array(0..<400))
        let refit = try FeatureEncoder.fit(dataset.features, on: dataset.table, rows: data.split.train)
        #expect(data.encoder == refit)
        #expect(data.encoder != (try dataset.encoderOnAllRows()))
        // Standardised training features have mean 0 (computed in Float32).
        let x1 = try data.train.features.columnIndex(of: "x1")
        let mean = (0..<data.train.features.rows).reduce(0.0) { $0 + Double(data.train.features[$1, x1]) } / Double(data.train.features.rows)
        #expect(abs(mean) < 1e-6)
        #expect(data.train.features.columns == 7 && data.test.features.names == data.encoder.featureNames)
    }

    @Test("pool labels are all missing (Remark 2); test labels are complete; groups keep the dataset's names in every part")
    func labelsAndGroups() throws {
        let dataset = try Self.small()
        let data = try dataset.prepare(PreparationOptions(seed: 1, testFraction: 0.25, poolFraction: 0.4))
        for labels in data.pool.labels { #expect(labels.observedCount == 0 && labels.values.count == data.pool.rows.count) }
        let y = try dataset.table.numeric("y_regression")
        #expect(try data.test.labels(of: "y_regression").values == data.test.rows.map { y[$0] })
        for part in [data.train, data.pool, data.test] {
            #expect(part.groups.names == dataset.groups.names)
            #expect(part.groups.codes == part.rows.map { dataset.groups.codes[$0] })
        }
        #expect(fairDataError { _ = try data.test.labels(of: "nope") } == .unknownColumn(name: "nope", available: ["y_regression", "y_binary"]))
    }

    @Test("label masks apply to training rows only, with the requested Bernoulli share, deterministically")
    func masks() throws {
        let dataset = try Self.small(rows: 4000)
        let options = PreparationOptions(seed: 9, testFraction: 0.2, missingLabelFractions: ["y_regression": 0.5])
        let a = try dataset.prepare(options)
        let b = try dataset.prepare(options)
        #expect(a.train.labels == b.train.labels && a.split == b.split)
        let train = try a.train.labels(of: "y_regression")
        let share = 1 - Double(train.observedCount) / Double(train.values.count)
        #expect(abs(share - 0.5) < 0.05)
        #expect(try a.train.labels(of: "y_binary").observedCount == a.train.rows.count)
        #expect(try a.test.labels(of: "y_regression").observedCount == a.test.rows.count)
        #expect(a.masks == [try LabelMask(task: "y_regression", missingProbability: 0.5, seed: 9)])
        #expect(fairDataError { _ = try dataset.prepare(PreparationOptions(seed: 9, missingLabelFractions: ["nope": 0.5])) }
            == .unknownColumn(name: "nope", available: ["y_regression", "y_binary"]))
    }

    @Test("stratified preparation keeps group shares in every part")
    func stratified() throws {
        let dataset = try Self.small(rows: 1000)
        let data = try dataset.prepare(PreparationOptions(seed: 2, testFraction: 0.2, poolFraction: 0.5, stratifiesByGroup: true))
        let total = dataset.groups.counts()
        let test = data.test.groups.counts()
        for g in 0..<2 { #expect(abs(Double(test[g]) - 0.2 * Double(total[g])) < 1 + 1e-9) }
    }

    @Test("a dataset checks its tasks, features, sensitive column and official split")
    func validation() throws {
        let table = try Table([
            ("x", .numeric([1, 2, 3])),
            ("y", .numeric([0, 1, 2])),
            ("g", .categorical(CategoricalColumn(labels: ["a", "b", nil]))),
            ("c", .categorical(CategoricalColumn(labels: ["u", "v", "w"]))),
        ])
        #expect(fairDataError {
            _ = try Dataset(name: "t", table: table, tasks: [DatasetTask(name: "y", kind: .binary, meaning: "")], sensitive: "c", features: [], source: "")
        } == .invalidBinaryLabel(column: "y", row: 2, value: 2))
        #expect(fairDataError {
            _ = try Dataset(name: "t", table: table, tasks: [DatasetTask(name: "c", kind: .regression, meaning: "")], sensitive: "c", features: [], source: "")
        } == .wrongColumnType(name: "c", expected: .numeric, actual: .categorical))
        #expect(fairDataError {
            _ = try Dataset(name: "t", table: table, tasks: [], sensitive: "g", features: [], source: "")
        } == .missingValue(column: "g", row: 2))
        #expect(fairDataError {
            _ = try Dataset(name: "t", table: table, tasks: [], sensitive: "c", features: [.oneHot("z")], source: "")
        } == .unknownColumn(name: "z", available: ["x", "y", "g", "c"]))
        #expect(fairDataError {
            _ = try Dataset(
                name: "t", table: table, tasks: [], sensitive: "c", features: [],
                officialSplit: Dataset.OfficialSplit(train: [0, 1], test: [3]), source: "")
        } == .rowOutOfRange(row: 3, rowCount: 3))
        let dataset = try Dataset(
            name: "t", table: table, tasks: [DatasetTask(name: "y", kind: .regression, meaning: "")], sensitive: "c", features: [.standardized("x")],
            source: "")
        #expect(dataset.summary().text.contains("groups (c): u 1"))
    }
}
