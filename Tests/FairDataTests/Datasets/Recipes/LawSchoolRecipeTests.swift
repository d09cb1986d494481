import Testing
@testable import FairData

/// Reference numbers: law-school/SOURCE.md and EXPERIMENTS.md §6, re-checked with pandas 3.1.1.
@Suite("LawSchoolRecipe", .enabled(if: TestData.isAvailable, "needs the datasets (FAIR_DATA_DIR or ../shared/datasets)"))
struct LawSchoolRecipeTests {
    static let raw = Result {
        try CSVReader.read(
            contentsOf: try TestData.required.locate(LawSchoolRecipe.file), options: CSVReadOptions(selection: .excluding(["Unnamed: 0"])))
    }

    @Test("White vs non-White: 21,790 rows after dropping the PO row (18,284 / 3,506)")
    func raceGroups() throws {
        let dataset = try LawSchoolRecipe.make(from: try Self.raw.get())
        #expect(dataset.table.rowCount == 21_790)
        #expect(dataset.groups.names == ["White", "non-White"] && dataset.groups.counts() == [18_284, 3_506])
        #expect(dataset.tasks.map(\.name) == ["ZFYA", "first_pf"])
        let pass = try dataset.table.numeric("first_pf")
        #expect(abs(pass.reduce(0, +) / 21_790 - 0.8884350619550252) < 1e-12)
        let zfya = try dataset.table.numeric("ZFYA")
        #expect(abs(zfya.reduce(0, +) / 21_790 - 0.09640110142267094) < 1e-9)
    }

    @Test("White vs Black keeps 19,566 rows; sex gives 9,537 female and 12,253 male")
    func otherAttributes() throws {
        let black = try LawSchoolRecipe.make(from: try Self.raw.get(), sensitive: .raceWhiteVsBlack)
        #expect(black.groups.names == ["Black", "White"] && black.groups.counts() == [1_282, 18_284])
        let sex = try LawSchoolRecipe.make(from: try Self.raw.get(), sensitive: .sex)
        #expect(sex.groups.names == ["female", "male"] && sex.groups.counts() == [9_537, 12_253])
    }

    @Test("features: LSAT and UGPA standardised, region, race and sex one-hot (10 + 8 + 2)")
    func features() throws {
        let dataset = try LawSchoolRecipe.make(from: try Self.raw.get(), includesSanderIndex: true)
        let names = try dataset.encoderOnAllRows().featureNames
        #expect(names.count == 3 + 10 + 8 + 2)
        #expect(Array(names[0..<3]) == ["LSAT", "UGPA", "sander_index"])
        #expect(!names.contains("region_first_PO"))
        #expect(names.contains("sex_female") && names.contains("race_White"))
    }
}
