import Testing
@testable import FairData

/// Reference numbers: uci-adult/SOURCE.md and EXPERIMENTS.md §6, re-checked with pandas 3.1.1
/// (`read_csv(skipinitialspace=True, na_values="?")`).
@Suite("AdultRecipe", .enabled(if: TestData.isAvailable, "needs the datasets (FAIR_DATA_DIR or ../shared/datasets)"))
struct AdultRecipeTests {
    static let files = Result { () throws -> (Table, Table, Table, Table) in
        let directory = try TestData.required
        let trainPath = try directory.locate(AdultRecipe.trainFile)
        let testPath = try directory.locate(AdultRecipe.testFile)
        return (
            try CSVReader.read(contentsOf: trainPath, options: AdultRecipe.readOptions(missingValues: .dropRows, skipLeadingLines: 0)),
            try CSVReader.read(contentsOf: testPath, options: AdultRecipe.readOptions(missingValues: .dropRows, skipLeadingLines: 1)),
            try CSVReader.read(contentsOf: trainPath, options: AdultRecipe.readOptions(missingValues: .keepAsCategory, skipLeadingLines: 0)),
            try CSVReader.read(contentsOf: testPath, options: AdultRecipe.readOptions(missingValues: .keepAsCategory, skipLeadingLines: 1))
        )
    }

    @Test("the raw files: 32,561 + 16,281 rows, 2,399 and 1,221 of them with a '?'")
    func rawFiles() throws {
        let (train, test, _, _) = try Self.files.get()
        #expect(train.rowCount == 32_561 && test.rowCount == 16_281)
        #expect(train.rowCount - (try train.droppingRowsWithMissing().rowCount) == 2_399)
        #expect(test.rowCount - (try test.droppingRowsWithMissing().rowCount) == 1_221)
        #expect(try train.groupCounts(by: "sex") == [Table.GroupCount(label: "Female", count: 10_771), Table.GroupCount(label: "Male", count: 21_790)])
    }

    @Test("dropping '?' rows: 30,162 train and 15,060 test rows, the official split, >50K rate 0.249 in train")
    func dropped() throws {
        let (train, test, _, _) = try Self.files.get()
        let dataset = try AdultRecipe.make(train: train, test: test)
        #expect(dataset.table.rowCount == 45_222)
        #expect(dataset.officialSplit?.train.count == 30_162 && dataset.officialSplit?.test.count == 15_060)
        let income = try dataset.table.numeric("income_gt_50K")
        let trainRate = dataset.officialSplit!.train.reduce(0) { $0 + income[$1] } / 30_162
        #expect(abs(trainRate - 0.24892248524633645) < 1e-12)
        let testRate = dataset.officialSplit!.test.reduce(0) { $0 + income[$1] } / 15_060
        #expect(abs(testRate - 0.2456839309428951) < 1e-12)
        #expect(dataset.groups.names == ["Female", "Male"] && dataset.groups.counts() == [9_782 + 4_913, 20_380 + 10_147])
        let data = try dataset.prepare(PreparationOptions(seed: 1, poolFraction: 0.5))
        #expect(data.test.rows == dataset.officialSplit!.test)
        #expect(data.train.rows.count + data.pool.rows.count == 30_162)
        #expect(!data.encoder.featureNames.contains("hours-per-week") && !data.encoder.featureNames.contains("fnlwgt"))
        // Holand-Netherlands occurs only in the training file.
        #expect(data.encoder.featureNames.contains("native-country_Holand-Netherlands") == data.train.rows.contains { row in
            (try? dataset.table.categorical("native-country").label(ofRow: row)) == "Holand-Netherlands"
        })
    }

    @Test("keeping '?' as a category: all 48,842 rows; the rate of >50K is 0.241 in train")
    func keepMissing() throws {
        let (_, _, train, test) = try Self.files.get()
        let dataset = try AdultRecipe.make(train: train, test: test, missingValues: .keepAsCategory, sensitive: .raceWhite)
        #expect(dataset.table.rowCount == 48_842)
        #expect(try dataset.table.categorical("workclass").categories.contains("?"))
        let income = try dataset.table.numeric("income_gt_50K")
        #expect(abs(income[0..<32_561].reduce(0, +) / 32_561 - 0.2408095574460244) < 1e-12)
        #expect(dataset.groups.names == ["White", "non-White"])
    }
}
