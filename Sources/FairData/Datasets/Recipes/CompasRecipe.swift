/// ProPublica's COMPAS two-year file with the paper's exact preprocessing (EXPERIMENTS.md §2.2).
///
/// 1. Read `compas/compas-scores-two-years.csv` (7,214 × 53), dropping `name`, `first`,
///    `last` and `dob` on load: they are never stored, shown or written.
/// 2. Keep `-30 <= days_b_screening_arrest <= 30` (missing values drop out), `is_recid != -1`,
///    `c_charge_degree != "O"`, `score_text` present: **6,172 rows**.
/// 3. Seven charge keywords as 0/1 columns `charge_poss`, `charge_theft`, `charge_driv`,
///    `charge_batt`, `charge_assault`, `charge_weap`, `charge_arm`: plain substrings of the
///    lower-cased `c_charge_desc` (a missing description, pandas' `"nan"`, matches none; `arm`
///    also matches "armed", "harm", ...).
/// 4. Features (18): one-hot `sex, age_cat, race, c_charge_degree` (13 columns) and standardised
///    `age, juv_fel_count, juv_misd_count, juv_other_count, priors_count,
///    days_b_screening_arrest, c_days_from_compas` plus the 7 keywords (14): **27 encoded
///    columns**. Every other column is dropped (as the reference code's drops leave exactly these).
/// 5. Tasks: `is_recid` (rate 0.484) and `is_violent_recid` (0.112), both binary.
/// 6. Sensitive attribute `race_group`: `African-American` (3,175 rows) vs `other` (2,997). The
///    race one-hot columns stay among the inputs, as in the paper.
public enum CompasRecipe {
    /// The input file.
    public static let file = DatasetFile(
        folder: "compas", name: "compas-scores-two-years.csv",
        sha256: "c451db85908b2f7fef1d83203bedf6b71ecda0d5af468d82ae62178f91d0cc7d",
        source: "ProPublica, github.com/propublica/compas-analysis (commit bafff5d), compas-scores-two-years.csv")

    /// Columns holding personal data, dropped when the file is read.
    public static let personalColumns = ["name", "first", "last", "dob"]

    /// The charge keywords, in column order.
    public static let chargeKeywords = ["poss", "theft", "driv", "batt", "assault", "weap", "arm"]

    /// The one-hot (categorical) feature columns.
    public static let categoricalFeatures = ["sex", "age_cat", "race", "c_charge_degree"]

    /// The standardised numeric feature columns (the 7 keyword columns come after these).
    public static let numericFeatures = [
        "age", "juv_fel_count", "juv_misd_count", "juv_other_count", "priors_count", "days_b_screening_arrest", "c_days_from_compas",
    ]

    /// Loads the file from `dataDirectory` (verifying its sha256) and applies the recipe.
    public static func load(from dataDirectory: DataDirectory) throws -> Dataset {
        let path = try dataDirectory.locate(file)
        let raw = try CSVReader.read(contentsOf: path, options: CSVReadOptions(selection: .excluding(personalColumns)))
        return try make(from: raw)
    }

    /// Applies the recipe to the file's table (without the personal columns).
    public static func make(from raw: Table) throws -> Dataset {
        let screening = try raw.numeric("days_b_screening_arrest")
        let isRecid = try raw.numeric("is_recid")
        let degree = try raw.categorical("c_charge_degree")
        let scoreText = try raw.categorical("score_text")
        var filtered = raw.filteringRows { row in
            screening[row] >= -30 && screening[row] <= 30 && isRecid[row] != -1
                && degree.label(ofRow: row) != "O" && scoreText.codes[row] >= 0
        }

        let descriptions = try filtered.categorical("c_charge_desc")
        let lowered = descriptions.categories.map { $0.lowercased() }
        for keyword in chargeKeywords {
            let matches = lowered.map { $0.contains(keyword) }
            let values = descriptions.codes.map { code in code >= 0 && matches[Int(code)] ? 1.0 : 0.0 }
            try filtered.append(.numeric(values), named: "charge_\(keyword)")
        }

        let race = try filtered.categorical("race")
        let groupLabels = race.codes.map { code -> String? in
            code < 0 ? nil : (race.categories[Int(code)] == "African-American" ? "African-American" : "other")
        }
        try filtered.append(.categorical(CategoricalColumn(labels: groupLabels)), named: "race_group")

        let keywordColumns = chargeKeywords.map { "charge_\($0)" }
        let tasks = [
            DatasetTask(name: "is_recid", kind: .binary, meaning: "re-arrested within two years"),
            DatasetTask(name: "is_violent_recid", kind: .binary, meaning: "re-arrested for a violent offence within two years"),
        ]
        let table = try filtered.selectingColumns(
            categoricalFeatures + numericFeatures + keywordColumns + tasks.map(\.name) + ["race_group"])
        let features = categoricalFeatures.map(FeatureSpec.oneHot) + (numericFeatures + keywordColumns).map(FeatureSpec.standardized)
        return try Dataset(
            name: "compas", table: table, tasks: tasks, sensitive: "race_group", features: features,
            source: "\(file.source); paper's preprocessing (EXPERIMENTS.md §2.2): 6,172 rows, 27 encoded features")
    }
}
