import FairCore
import Testing
@testable import FairData

/// Reference numbers: the issue and EXPERIMENTS.md §2.2 (a pandas/scikit-learn re-run of the
/// reference code), re-checked with pandas 3.1.1 on the same file.
@Suite("CompasRecipe", .enabled(if: TestData.isAvailable, "needs the datasets (FAIR_DATA_DIR or ../shared/datasets)"))
struct CompasRecipeTests {
    static let dataset = Result { try CompasRecipe.load(from: try TestData.required) }

    @Test("6,172 rows; is_recid rate 0.484, is_violent_recid 0.112; 3,175 African-American")
    func counts() throws {
        let dataset = try Self.dataset.get()
        #expect(dataset.table.rowCount == 6_172)
        let recid = try dataset.table.numeric("is_recid")
        let violent = try dataset.table.numeric("is_violent_recid")
        #expect(abs(recid.reduce(0, +) / 6_172 - 0.484) < 0.0005)
        #expect(abs(violent.reduce(0, +) / 6_172 - 0.112) < 0.0005)
        #expect(dataset.groups.names == ["African-American", "other"])
        #expect(dataset.groups.counts() == [3_175, 2_997])
        // is_violent_recid = 1 implies is_recid = 1: 2,298 recid-only, 692 both.
        #expect(zip(recid, violent).filter { $0 == 1 && $1 == 1 }.count == 692)
        #expect(zip(recid, violent).filter { $0 == 1 && $1 == 0 }.count == 2_298)
        #expect(!zip(recid, violent).contains { $0 == 0 && $1 == 1 })
    }

    @Test("per-group positive rates: is_recid 0.558 vs 0.406, is_violent_recid 0.134 vs 0.089")
    func groupRates() throws {
        let dataset = try Self.dataset.get()
        let rows = dataset.groups.rowsByGroup()
        func rate(_ task: String, _ g: Int) throws -> Double {
            let values = try dataset.table.numeric(task)
            return rows[g].reduce(0) { $0 + values[$1] } / Double(rows[g].count)
        }
        let recid = (try rate("is_recid", 0), try rate("is_recid", 1))
        let violent = (try rate("is_violent_recid", 0), try rate("is_violent_recid", 1))
        #expect(abs(recid.0 - 0.558) < 0.0005 && abs(recid.1 - 0.406) < 0.0005)
        #expect(abs(violent.0 - 0.134) < 0.0005 && abs(violent.1 - 0.089) < 0.0005)
    }

    @Test("27 encoded features in the paper's layout: 13 one-hot columns, then the 14 standardised ones")
    func layout() throws {
        let dataset = try Self.dataset.get()
        let data = try dataset.prepare(PreparationOptions(seed: 42, testFraction: 0.2))
        #expect(data.train.rows.count == 4_937 && data.test.rows.count == 1_235)
        #expect(data.train.features.columns == 27)
        let names = data.encoder.featureNames
        #expect(Array(names[0..<13]) == [
            "sex_Female", "sex_Male", "age_cat_25 - 45", "age_cat_Greater than 45", "age_cat_Less than 25", "race_African-American",
            "race_Asian", "race_Caucasian", "race_Hispanic", "race_Native American", "race_Other", "c_charge_degree_F", "c_charge_degree_M",
        ])
        #expect(Array(names[13...]) == CompasRecipe.numericFeatures + CompasRecipe.chargeKeywords.map { "charge_\($0)" })
        #expect(dataset.features.count == 18)
    }

    @Test("charge keywords are plain substrings of the lower-cased description (counts from pandas)")
    func keywords() throws {
        let dataset = try Self.dataset.get()
        let expected = ["poss": 999, "theft": 602, "driv": 529, "batt": 1_507, "assault": 196, "weap": 193, "arm": 168]
        for (keyword, count) in expected {
            #expect(Int(try dataset.table.numeric("charge_\(keyword)").reduce(0, +)) == count, "\(keyword)")
        }
    }

    @Test("standardisation uses the fit rows' mean and population SD (pandas: age 34.53 / 11.73 on all rows)")
    func standardisation() throws {
        let encoder = try Self.dataset.get().encoderOnAllRows()
        let age = try #require(encoder.features.first { $0.column == "age" })
        #expect(abs(age.mean - 34.53451069345431) < 1e-9)
        #expect(abs(age.scale - 11.729988054993935) < 1e-9)
    }

    @Test("names and dates of birth never enter the table")
    func personalData() throws {
        let dataset = try Self.dataset.get()
        for column in CompasRecipe.personalColumns { #expect(!dataset.table.contains(column: column)) }
        #expect(dataset.table.columnNames.count == 4 + 7 + 7 + 2 + 1)
        let text = dataset.summary().text
        #expect(text.contains("6,172 rows"))
        #expect(text.contains("groups (race_group): African-American 3,175"))
    }
}
