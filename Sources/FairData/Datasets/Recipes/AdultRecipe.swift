/// UCI Adult (1994 CPS extract) with its official train/test files (EXPERIMENTS.md §6).
///
/// - Read `uci-adult/adult.data` and `uci-adult/adult.test` (no header; fields separated by
///   `", "`, so whitespace is trimmed; `?` is missing; the test file's first line
///   `|1x3 Cross validator` is skipped and its labels' trailing `.` removed).
/// - Rows with a `?`: dropped by default (30,162 train + 15,060 test rows remain), or kept with
///   `?` as a category of its own (32,561 + 16,281).
/// - Tasks: `hours-per-week` (regression) and `income_gt_50K` (1 when income is `>50K`; 24.9%
///   of the kept train rows).
/// - Sensitive attribute: `sex` (Female / Male), or `race_group` (White / non-White).
/// - Features: standardised `age`, `education-num`, `capital-gain`, `capital-loss`; one-hot
///   `workclass`, `marital-status`, `occupation`, `relationship`, `race`, `sex`,
///   `native-country`. Dropped: `fnlwgt` (a sampling weight), `education` (duplicates
///   `education-num`) and `hours-per-week` (it is a target).
/// - The official split: the rows of `adult.data` train, those of `adult.test` test.
public enum AdultRecipe {
    /// What to do with rows that have a `?`.
    public enum MissingValues: String, Sendable, CaseIterable {
        /// Drop every row with a `?` (default).
        case dropRows = "drop"
        /// Keep them; `?` is a category of its own.
        case keepAsCategory = "category"
    }

    /// Which attribute is sensitive.
    public enum Sensitive: String, Sendable, CaseIterable {
        /// `Female` vs `Male`.
        case sex
        /// `White` vs `non-White`.
        case raceWhite = "race"
    }

    /// The training file.
    public static let trainFile = DatasetFile(
        folder: "uci-adult", name: "adult.data",
        sha256: "5b00264637dbfec36bdeaab5676b0b309ff9eb788d63554ca0a249491c86603d",
        source: "UCI Machine Learning Repository, Adult (Becker & Kohavi 1996), archive.ics.uci.edu/dataset/2/adult, adult.data")
    /// The test file.
    public static let testFile = DatasetFile(
        folder: "uci-adult", name: "adult.test",
        sha256: "a2a9044bc167a35b2361efbabec64e89d69ce82d9790d2980119aac5fd7e9c05",
        source: "UCI Machine Learning Repository, Adult (Becker & Kohavi 1996), archive.ics.uci.edu/dataset/2/adult, adult.test")

    /// The 15 column names of both files.
    public static let columnNames = [
        "age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation", "relationship", "race", "sex",
        "capital-gain", "capital-loss", "hours-per-week", "native-country", "income",
    ]

    /// How the two files are read (`skipLeadingLines` is 1 for `adult.test`).
    public static func readOptions(missingValues: MissingValues, skipLeadingLines: Int) -> CSVReadOptions {
        CSVReadOptions(
            hasHeader: false, columnNames: columnNames,
            missingMarkers: missingValues == .dropRows ? ["", "?"] : [""],
            skipLeadingLines: skipLeadingLines,
            columnTypes: [
                "workclass": .categorical, "occupation": .categorical, "native-country": .categorical, "income": .categorical,
            ])
    }

    /// Loads both files from `dataDirectory` (verifying their sha256) and applies the recipe.
    public static func load(
        from dataDirectory: DataDirectory, missingValues: MissingValues = .dropRows, sensitive: Sensitive = .sex
    ) throws -> Dataset {
        let train = try CSVReader.read(
            contentsOf: try dataDirectory.locate(trainFile), options: readOptions(missingValues: missingValues, skipLeadingLines: 0))
        let test = try CSVReader.read(
            contentsOf: try dataDirectory.locate(testFile), options: readOptions(missingValues: missingValues, skipLeadingLines: 1))
        return try make(train: train, test: test, missingValues: missingValues, sensitive: sensitive)
    }

    /// Applies the recipe to the two files' tables.
    public static func make(train: Table, test: Table, missingValues: MissingValues = .dropRows, sensitive: Sensitive = .sex) throws -> Dataset {
        let parts = try [train, test].map { part in
            missingValues == .dropRows ? try part.droppingRowsWithMissing() : part
        }
        // Stack the two files (train rows first), column by column.
        var stacked = Table()
        for name in columnNames {
            let columns = try parts.map { try $0.column(name) }
            switch (columns[0], columns[1]) {
            case let (.numeric(a), .numeric(b)):
                try stacked.append(.numeric(a + b), named: name)
            default:
                let labels = try parts.flatMap { try Self.labels(of: $0, column: name) }
                try stacked.append(.categorical(CategoricalColumn(labels: labels)), named: name)
            }
        }
        let income = try stacked.categorical("income")
        var target: [Double] = []
        for row in 0..<stacked.rowCount {
            switch income.label(ofRow: row).map({ $0.hasSuffix(".") ? String($0.dropLast()) : $0 }) {
            case ">50K": target.append(1)
            case "<=50K": target.append(0)
            default: throw FairDataError.invalidBinaryLabel(column: "income", row: row, value: .nan)
            }
        }
        try stacked.append(.numeric(target), named: "income_gt_50K")
        let sensitiveColumn: String
        switch sensitive {
        case .sex:
            sensitiveColumn = "sex"
        case .raceWhite:
            let race = try stacked.categorical("race")
            try stacked.append(
                .categorical(CategoricalColumn(labels: race.labels.map { $0.map { $0 == "White" ? "White" : "non-White" } })),
                named: "race_group")
            sensitiveColumn = "race_group"
        }
        let numeric = ["age", "education-num", "capital-gain", "capital-loss"]
        let categorical = ["workclass", "marital-status", "occupation", "relationship", "race", "sex", "native-country"]
        let tasks = [
            DatasetTask(name: "hours-per-week", kind: .regression, meaning: "usual working hours per week"),
            DatasetTask(name: "income_gt_50K", kind: .binary, meaning: "income above 50K dollars"),
        ]
        var kept = numeric + categorical + tasks.map(\.name)
        if sensitiveColumn != "sex" { kept.append(sensitiveColumn) }
        let table = try stacked.selectingColumns(kept)
        let trainCount = parts[0].rowCount
        return try Dataset(
            name: "adult", table: table, tasks: tasks, sensitive: sensitiveColumn,
            features: numeric.map(FeatureSpec.standardized) + categorical.map(FeatureSpec.oneHot),
            officialSplit: Dataset.OfficialSplit(train: Array(0..<trainCount), test: Array(trainCount..<table.rowCount)),
            source: "\(trainFile.source) and adult.test; rows with '?': \(missingValues.rawValue); fnlwgt and education dropped")
    }

    private static func labels(of table: Table, column: String) throws -> [String?] {
        let column = try table.column(column)
        return (0..<table.rowCount).map { column.text(ofRow: $0) }
    }
}
