import Foundation
import Testing
@testable import FairData

/// Reference numbers: EXPERIMENTS.md §6 (the paper's folktables recipe on the AL 2017 sample),
/// re-checked with pandas 3.1.1.
@Suite("ACSRecipe", .enabled(if: TestData.isAvailable, "needs the datasets (FAIR_DATA_DIR or ../shared/datasets)"))
struct ACSRecipeTests {
    static let dataset = Result { try ACSRecipe.load(from: try TestData.required) }

    @Test("625 rows; 24.5% movers; ln PINCP mean 9.90 (SD 1.08); 311 male / 314 female")
    func counts() throws {
        let dataset = try Self.dataset.get()
        #expect(dataset.table.rowCount == 625)
        let moved = try dataset.table.numeric("MIG_moved")
        #expect(moved.reduce(0, +) == 153)
        let income = try dataset.table.numeric("log_PINCP")
        let mean = income.reduce(0, +) / 625
        #expect(abs(mean - 9.903462209961951) < 1e-9)
        let sd = (income.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 624).squareRoot()
        #expect(abs(sd - 1.0809111407137748) < 1e-9)
        #expect(dataset.groups.names == ["female", "male"] && dataset.groups.counts() == [314, 311])
        #expect(try dataset.table.numeric("POBP").reduce(0, +) == 28)
    }

    @Test("encoded width 79 + 3 = 82 on the whole sample, SEX among the one-hot inputs")
    func width() throws {
        let encoder = try Self.dataset.get().encoderOnAllRows()
        #expect(encoder.width == 82)
        #expect(encoder.featureNames.filter { $0.hasPrefix("AGEP_") }.count == 18)
        #expect(encoder.featureNames.contains("SEX_1") && encoder.featureNames.contains("SEX_2"))
        #expect(Array(encoder.featureNames[0..<3]) == ACSRecipe.standardizedFeatures)
    }

    @Test("a split can meet a category absent from the training rows: an error by default, zeros when ignored")
    func rareCategories() throws {
        let dataset = try Self.dataset.get()
        var sawError = false
        for seed in 0..<UInt64(20) {
            let options = PreparationOptions(seed: seed, testFraction: 0.2)
            if case .unseenCategory? = fairDataError({ _ = try dataset.prepare(options) }) {
                sawError = true
                var lenient = options
                lenient.unseenCategories = .ignore
                let data = try dataset.prepare(lenient)
                #expect(data.test.rows.count == 125)
                break
            }
        }
        #expect(sawError, "with 625 rows, some of the 20 splits leave a rare category (e.g. RAC1P = 3, one row) out of training")
    }

    @Test("works unchanged on any PUMS person file: only the 21 columns are read, in any column order")
    func anyFile() throws {
        let folder = try TestData.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let kept = ACSRecipe.columns + ["RT", "SERIALNO", "NAICSP", "SOCP", "PUMA"]
        let full = try CSVReader.read(
            contentsOf: try TestData.required.locate(ACSRecipe.alabama2017Sample), options: CSVReadOptions(selection: .only(kept)))
        #expect(full.rowCount == 5_000)
        #expect(try full.column("NAICSP").type == .categorical, "NAICSP mixes numeric codes and text such as 4MS")
        try CSVWriter.write(try full.selectingColumns(kept.reversed()), toPath: folder + "/psam_p99.csv")
        let dataset = try ACSRecipe.load(path: folder + "/psam_p99.csv", name: "acs-test")
        #expect(dataset.table == (try Self.dataset.get()).table)
        #expect(dataset.name == "acs-test")
    }
}
