import Foundation

/// The paper's folktables recipe (EXPERIMENTS.md §3.2) on any ACS PUMS 1-Year person file
/// (`psam_pXX.csv`): the provided Alabama 2017 sample, or the full California 2018 file the
/// paper used, unchanged.
///
/// 1. Keep the 21 columns `AGEP, ANC, CIT, COW, DEAR, DEYE, DIS, DREM, ESR, JWMNP, MAR, MIG,
///    MIL, NATIVITY, PINCP, POBP, RAC1P, RELP, SCHL, SEX, WKHP` and drop every row with a
///    missing value in any of them (this keeps commuters only, through `JWMNP`).
/// 2. Keep `18 <= AGEP <= 35`, `WKHP >= 1`, `PINCP >= 100`.
/// 3. `log_PINCP = ln(PINCP)` (no ADJINC adjustment): task 1, regression.
///    `MIG_moved = 0 if MIG == 1 else 1` (moved in the past year): task 2, binary.
///    `POBP = 1 if POBP > 56 else 0` (born outside the 50 states and DC).
/// 4. Features (19): standardised `SCHL, WKHP, JWMNP`; one-hot `AGEP, COW, MAR, POBP, RELP,
///    SEX, RAC1P, DIS, CIT, MIL, ANC, NATIVITY, DEAR, DEYE, DREM, ESR` (one column per value
///    present in the training rows; 79 + 3 = 82 on the whole AL 2017 sample, 87 on the paper's
///    CA 2018 data).
/// 5. Sensitive attribute `sex_group` from `SEX` by name (1 = `male`, 2 = `female`); `SEX`
///    also stays an input.
///
/// On the AL 2017 sample this leaves 625 rows (24.5% movers, ln PINCP mean 9.90, 311 male /
/// 314 female).
public enum ACSRecipe {
    /// The provided sample (5,000 random person records of Alabama 2017, all 286 columns).
    public static let alabama2017Sample = DatasetFile(
        folder: "acs-pums-al2017-sample", name: "psam_p01_2017_1yr_sample5000.csv",
        sha256: "e5a07d45975c65974cb395ca839eafbc54036ce0bf1340aa4bb74c016108029d",
        source: "ACS PUMS 2017 1-Year, Alabama, 5,000-row sample from github.com/george-wood/folk (commit 6aad64d), data/alabama.rda converted to CSV")

    /// The 21 columns the recipe reads.
    public static let columns = [
        "AGEP", "ANC", "CIT", "COW", "DEAR", "DEYE", "DIS", "DREM", "ESR", "JWMNP", "MAR", "MIG", "MIL", "NATIVITY", "PINCP",
        "POBP", "RAC1P", "RELP", "SCHL", "SEX", "WKHP",
    ]

    /// The standardised features.
    public static let standardizedFeatures = ["SCHL", "WKHP", "JWMNP"]

    /// The one-hot features (including `AGEP`: one column per year of age).
    public static let oneHotFeatures = [
        "AGEP", "COW", "MAR", "POBP", "RELP", "SEX", "RAC1P", "DIS", "CIT", "MIL", "ANC", "NATIVITY", "DEAR", "DEYE", "DREM", "ESR",
    ]

    /// Loads the provided Alabama 2017 sample from `dataDirectory` (verifying its sha256).
    public static func load(from dataDirectory: DataDirectory) throws -> Dataset {
        try load(path: try dataDirectory.locate(alabama2017Sample), name: "acs")
    }

    /// Loads any ACS PUMS person CSV (e.g. the user's `psam_p06.csv` for California 2018); only
    /// the 21 recipe columns are read.
    public static func load(path: String, name: String = "acs") throws -> Dataset {
        let raw = try CSVReader.read(
            contentsOf: path,
            options: CSVReadOptions(columnTypes: Dictionary(uniqueKeysWithValues: columns.map { ($0, .numeric) }), selection: .only(columns)))
        return try make(from: raw, name: name, source: path)
    }

    /// Applies the recipe to a table holding (at least) the 21 columns, all numeric.
    public static func make(from raw: Table, name: String = "acs", source: String) throws -> Dataset {
        var table = try raw.selectingColumns(columns).droppingRowsWithMissing()
        let age = try table.numeric("AGEP")
        let hours = try table.numeric("WKHP")
        let income = try table.numeric("PINCP")
        table = table.filteringRows { row in age[row] >= 18 && age[row] <= 35 && hours[row] >= 1 && income[row] >= 100 }

        let keptIncome = try table.numeric("PINCP")
        let migration = try table.numeric("MIG")
        let birthplace = try table.numeric("POBP")
        let sex = try table.numeric("SEX")
        let sexLabels: [String?] = sex.map { $0 == 1 ? "male" : ($0 == 2 ? "female" : nil) }
        if let row = sexLabels.firstIndex(where: { $0 == nil }) {
            throw FairDataError.invalidParameter(name: "SEX at row \(row)", value: "\(sex[row])", allowed: "1 (male) or 2 (female), the ACS codes")
        }
        table = try table
            .adding(.numeric(keptIncome.map { Foundation.log($0) }), named: "log_PINCP")
            .adding(.numeric(migration.map { $0 == 1 ? 0 : 1 }), named: "MIG_moved")
            .replacing("POBP", with: .numeric(birthplace.map { $0 > 56 ? 1 : 0 }))
            .adding(.categorical(CategoricalColumn(labels: sexLabels)), named: "sex_group")
        let tasks = [
            DatasetTask(name: "log_PINCP", kind: .regression, meaning: "natural log of total personal income (PINCP)"),
            DatasetTask(name: "MIG_moved", kind: .binary, meaning: "moved in the past year (MIG != 1)"),
        ]
        table = try table.selectingColumns(standardizedFeatures + oneHotFeatures + tasks.map(\.name) + ["sex_group"])
        return try Dataset(
            name: name, table: table, tasks: tasks, sensitive: "sex_group",
            features: standardizedFeatures.map(FeatureSpec.standardized) + oneHotFeatures.map(FeatureSpec.oneHot),
            source: "\(source); the paper's folktables recipe (EXPERIMENTS.md §3.2)")
    }
}
