/// The Law School data in the Kusner et al. (2017) version (`law-school/law_data.csv`).
///
/// - Drop the unnamed row-index column and the one row with `region_first == "PO"` (as Kusner
///   et al. do): 21,790 rows.
/// - `sex` (1 = female, 2 = male) becomes the labels `female` / `male`.
/// - Tasks: `ZFYA` (standardised first-year GPA, regression) and `first_pf` (passed the bar at
///   the first attempt, binary; 88.8%).
/// - Sensitive attribute `group` by `LawSchoolRecipe.Sensitive`: White vs non-White (default;
///   18,284 vs 3,506), White vs Black (the other races dropped: 18,284 vs 1,282), or sex
///   (9,537 female, 12,253 male).
/// - Features: standardised `LSAT`, `UGPA` (and `sander_index` if asked), one-hot
///   `region_first`, `race`, `sex` (the sensitive attribute stays an input).
public enum LawSchoolRecipe {
    /// Which attribute is sensitive.
    public enum Sensitive: String, Sendable, CaseIterable {
        /// `White` vs `non-White` (all rows).
        case raceWhiteVsNonWhite = "race"
        /// `White` vs `Black` (rows of other races dropped).
        case raceWhiteVsBlack = "race-black"
        /// `female` vs `male`.
        case sex
    }

    /// The input file.
    public static let file = DatasetFile(
        folder: "law-school", name: "law_data.csv",
        sha256: "778f7e055d7be170197b73c98d6ce7f18b4f38d5ca1093c6af10bb9fcd75181d",
        source: "Kusner et al. (2017) version of the LSAC Bar Passage Study, github.com/Xu-xinxin/Counterfactual-fairness (commit 74d672a), law_data.csv")

    /// Loads the file from `dataDirectory` (verifying its sha256) and applies the recipe.
    public static func load(
        from dataDirectory: DataDirectory, sensitive: Sensitive = .raceWhiteVsNonWhite, includesSanderIndex: Bool = false
    ) throws -> Dataset {
        let path = try dataDirectory.locate(file)
        let raw = try CSVReader.read(contentsOf: path, options: CSVReadOptions(selection: .excluding(["Unnamed: 0"])))
        return try make(from: raw, sensitive: sensitive, includesSanderIndex: includesSanderIndex)
    }

    /// Applies the recipe to the file's table.
    public static func make(from raw: Table, sensitive: Sensitive = .raceWhiteVsNonWhite, includesSanderIndex: Bool = false) throws -> Dataset {
        let region = try raw.categorical("region_first")
        let race = try raw.categorical("race")
        var table = raw.filteringRows { row in
            region.label(ofRow: row) != "PO"
                && (sensitive != .raceWhiteVsBlack || ["White", "Black"].contains(race.label(ofRow: row) ?? ""))
        }
        let sexCodes = try table.numeric("sex")
        let sexLabels = sexCodes.map { $0 == 1 ? "female" : ($0 == 2 ? "male" : nil) }
        if let row = sexLabels.firstIndex(where: { $0 == nil }) { throw FairDataError.missingValue(column: "sex", row: row) }
        table = try table.replacing("sex", with: .categorical(CategoricalColumn(labels: sexLabels)))

        let groupLabels: [String?]
        switch sensitive {
        case .raceWhiteVsNonWhite:
            let races = try table.categorical("race")
            groupLabels = races.labels.map { $0.map { $0 == "White" ? "White" : "non-White" } }
        case .raceWhiteVsBlack:
            groupLabels = try table.categorical("race").labels
        case .sex:
            groupLabels = sexLabels
        }
        try table.append(.categorical(CategoricalColumn(labels: groupLabels)), named: "group")

        let tasks = [
            DatasetTask(name: "ZFYA", kind: .regression, meaning: "standardised first-year law-school GPA"),
            DatasetTask(name: "first_pf", kind: .binary, meaning: "passed the bar exam at the first attempt"),
        ]
        let numeric = ["LSAT", "UGPA"] + (includesSanderIndex ? ["sander_index"] : [])
        let categorical = ["region_first", "race", "sex"]
        table = try table.selectingColumns(numeric + categorical + tasks.map(\.name) + ["group"])
        return try Dataset(
            name: "law-school", table: table, tasks: tasks, sensitive: "group",
            features: numeric.map(FeatureSpec.standardized) + categorical.map(FeatureSpec.oneHot),
            source: "\(file.source); row with region_first == PO dropped; sensitive: \(sensitive.rawValue)")
    }
}
