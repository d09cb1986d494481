import FairCore
import FairData
import FairPlot
import Foundation

extension CommandSpec {
    /// `load NAME|FILE`: a built-in dataset, or any CSV with its label and group columns.
    static let load = CommandSpec(
        "load", group: .data, summary: "load a built-in dataset by name, or any CSV file (--label COL --group COL)",
        discussion: """
            Built-in datasets: synthetic (generated; --mode tabular|gaussian-scores|joint-scores, \
            --rows, --seed; joint-scores has two score columns whose correlation differs by \
            group, --correlations), and compas, \
            law-school, adult, acs, read from the data directory ('datasets' shows it). Their tasks and sensitive \
            column are fixed by their recipes.
            A CSV file needs --label (one label column per task; 0/1 columns are binary tasks, others regression) \
            and --group (the sensitive column). Several sensitive columns (--group race,sex, also for the built-in \
            datasets' categorical columns) make the groups their intersections (cells such as "Caucasian × Male", \
            in a column race×sex that is not a feature); 'split --stratify' then keeps every cell's share, and \
            'fit barycenter --group A,B --mode intersectional|sequential' repairs over them. Every other column is a feature: categorical columns one-hot, \
            numeric ones standardised. Missing labels are allowed (they are masked); --drop-missing drops rows \
            with a missing feature or group. A text label that is yes/no (true/false, y/n) is read as a binary \
            task (yes = 1); a label coded 1/2 gets a warning, as does a feature that equals a monotone function of \
            a label (a likely leak). In a numeric column, nan/inf/-inf are numbers: an infinite feature value is \
            treated as missing, with a warning. --delimiter reads ';'- or tab-separated files.
            --drop removes columns from the table itself (ids, names, dates of birth): no command shows, exports \
            or saves them. --private keeps a numeric column as a feature but never shows or writes its values: \
            'describe' and 'head' leave it out and name it as private, 'export' of the table leaves it out, \
            'save' refuses while such a table is in the workspace, and 'import scores' refuses it.
            """,
        arguments: [LoadOptions.source],
        options: [
            LoadOptions.label, LoadOptions.group, LoadOptions.drop, LoadOptions.privateColumns,
            CSVInput.delimiterOption, LoadOptions.dropMissing, LoadOptions.mode, LoadOptions.rows,
            LoadOptions.correlations, LoadOptions.seed, LoadOptions.name
        ],
        examples: [
            "load synthetic", "load synthetic --mode gaussian-scores --rows 4000", "load compas",
            "load scores.csv --label y,clicked --group sex --drop id",
            "load people.csv --label y --group sex --drop name --private age --delimiter ';'", "load compas --group race_group,sex",
        ],
        lesson: "Lessons/01-strong-demographic-parity.md"
    ) { context in
        let source = context.invocation[LoadOptions.source]
        var dataset: Dataset
        var warnings: [String] = []
        if DatasetCatalog.names.contains(source) {
            dataset = try DataCommandSupport.loadBuiltIn(source, context: context)
        } else if DataCommandSupport.looksLikeFile(source) || FileManager.default.fileExists(atPath: context.resolve(path: source)) {
            (dataset, warnings) = try DataCommandSupport.loadCSV(source, context: context)
        } else {
            let suggestions = EditDistance.suggestions(for: source, among: DatasetCatalog.names)
            throw CommandError.failed(
                message: "no dataset or file named '\(source)'.\(CommandError.didYouMean(suggestions)) Built-in datasets: "
                    + "\(DatasetCatalog.names.joined(separator: ", ")); a CSV file is named by its path (e.g. data/people.csv)")
        }
        let attributes = context.invocation[LoadOptions.group] ?? []
        if !attributes.isEmpty { dataset = try GroupAttributes.dataset(dataset, sensitive: attributes) }
        let name =
            context.invocation[LoadOptions.name] ?? DataCommandSupport.valueName(from: dataset.name)
        let features = try DataCommandSupport.featureWidth(of: dataset)
        try context.workspace.store(
            TableValue(
                dataset, privateColumns: context.invocation[LoadOptions.privateColumns] ?? [],
                attributes: attributes.count > 1 ? attributes : []),
            as: name)
        let tasks = dataset.tasks.map { "\($0.name) (\($0.kind.rawValue))" }.joined(separator: ", ")
        let counts = dataset.groups.counts()
        let shown = 20
        var groups = zip(dataset.groups.names, counts).prefix(shown).map { "\($0) \(NumberFormat.grouped($1))" }.joined(separator: " · ")
        if counts.count > shown { groups += " · … (\(NumberFormat.grouped(counts.count)) groups in all)" }
        context.print(
            "loaded \(name): \(NumberFormat.grouped(dataset.table.rowCount)) rows, \(features) feature\(features == 1 ? "" : "s"); tasks \(tasks); groups (\(dataset.sensitive)): \(groups)")
        for warning in warnings { context.print(warning) }
    }
}

extension ValueSource {
    /// The built-in dataset names.
    static let datasetNames = ValueSource(noun: "dataset", validates: false) { _ in DatasetCatalog.names }

    /// The columns of the CSV file named by the first argument (for `load FILE --label ⇥`),
    /// else of the current table.
    static let fileColumns = ValueSource(noun: "column", validates: false) { context in
        if let file = context.previousArguments.first, !DatasetCatalog.names.contains(file),
            let names = DataCommandSupport.headerColumns(of: context.environment.resolve(path: file))
        {
            return names
        }
        return context.workspace.current(TableValue.self)?.value.dataset.table.columnNames ?? []
    }
}

/// The work behind `load` and the other data commands.
enum DataCommandSupport {
    static func looksLikeFile(_ text: String) -> Bool {
        text.contains("/") || text.hasPrefix("~") || text.lowercased().hasSuffix(".csv") || text.lowercased().hasSuffix(".txt")
    }

    /// A workspace name made from a dataset or file name (`law-school` stays, `my data` → `my_data`).
    static func valueName(from text: String) -> String {
        var name = String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") ? $0 : "_" })
        if let first = name.first, !(first.isLetter || first == "_") { name = "t_" + name }
        return name.isEmpty ? "table" : name
    }

    /// The column names on the first line of a CSV file, or nil when it cannot be read.
    static func headerColumns(of path: String) -> [String]? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: 65_536), let text = String(data: data, encoding: .utf8),
            let firstLine = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).first
        else { return nil }
        return (try? CSVReader.read(string: String(firstLine) + "\n"))?.columnNames
    }

    /// The number of encoded feature columns (fitted on all rows, unseen categories ignored).
    static func featureWidth(of dataset: Dataset) throws -> Int {
        do {
            return try dataset.encoderOnAllRows(unseenCategories: .ignore).width
        } catch let error as FairDataError {
            if case let .missingValue(column, row) = error {
                throw CommandError.failed(
                    message: "column '\(column)' has a missing value at \(CSVInput.dataRow(row)), and features cannot be missing: "
                        + "load with --drop-missing to drop such rows, or --drop \(column) to leave the column out")
            }
            throw error
        }
    }

    static func loadBuiltIn(_ name: String, context: CommandContext) throws -> Dataset {
        let invocation = context.invocation
        let csvOnly: [any DeclaredOption] = [
            LoadOptions.label, LoadOptions.drop, LoadOptions.privateColumns,
            LoadOptions.dropMissing,
            CSVInput.delimiterOption
        ]
        for option in csvOnly where invocation.isGiven(option) {
            throw CommandError.failed(
                message:
                    "\(option.spec.spelling) is for CSV files: built-in datasets have fixed tasks and features "
                    + "(see 'help load'); to choose them, load the CSV file itself")
        }
        if name == "synthetic" {
            var config = SyntheticRecipe.Config()
            config.seed = invocation[LoadOptions.seed].map { UInt64($0) } ?? context.settings.seed
            if let rows = invocation[LoadOptions.rows] { config.rowCount = rows }
            if let mode = invocation[LoadOptions.mode] { config.mode = mode }
            if let correlations = invocation[LoadOptions.correlations] {
                guard config.mode == .jointScores else {
                    throw CommandError.failed(
                        message: "--correlations is for 'load synthetic --mode joint-scores' only")
                }
                config.crossTaskCorrelations = correlations
            }
            return try SyntheticRecipe.make(config)
        }
        for option in LoadOptions.syntheticOnly where invocation.isGiven(option) {
            throw CommandError.failed(
                message:
                    "\(option.spec.spelling) is for 'load synthetic' only; \(name) is read as it is"
            )
        }
        guard let directory = DataDirectorySetting.current(settings: context.settings, environment: context.environment) else {
            throw CommandError.failed(
                message: "\(name) is read from the data directory, and none is configured: \(DataDirectorySetting.howToConfigure)")
        }
        return try DatasetCatalog.load(name, dataDirectory: DataDirectory(path: directory.path))
    }

    /// Loads a CSV file as a dataset; also returns the warnings to print (infinite feature
    /// values treated as missing, labels coded 1/2, features that leak a label).
    static func loadCSV(_ file: String, context: CommandContext) throws -> (Dataset, [String]) {
        let invocation = context.invocation
        for option in LoadOptions.syntheticOnly where invocation.isGiven(option) {
            throw CommandError.failed(
                message: "\(option.spec.spelling) is for 'load synthetic' only, not for a CSV file")
        }
        var table = try CSVInput.read(
            file, delimiter: invocation[CSVInput.delimiterOption], context: context)
        let columns = table.columnNames
        guard let labels = invocation[LoadOptions.label],
            let groups = invocation[LoadOptions.group],
            let group = groups.first
        else {
            throw CommandError.failed(
                message: "loading a CSV needs --label COL[,COL…] (one label column per task) and --group COL (the sensitive column); "
                    + "columns of \(file): \(TextLayout.quotedList(columns, limit: 40))")
        }
        let dropped = invocation[LoadOptions.drop] ?? []
        let hidden = invocation[LoadOptions.privateColumns] ?? []
        for name in labels + groups + dropped + hidden where !table.contains(column: name) {
            throw CommandError.unknownName(
                noun: "column in \(file)", name: name, suggestions: EditDistance.suggestions(for: name, among: columns), known: columns)
        }
        if let repeated = labels.first(where: { label in labels.filter { $0 == label }.count > 1 }) {
            throw CommandError.failed(message: "--label names '\(repeated)' twice; give each task's label column once")
        }
        if let both = groups.first(where: { labels.contains($0) }) {
            throw CommandError.failed(message: "'\(both)' is both a label (--label) and a sensitive column (--group); choose another")
        }
        for name in dropped + hidden where labels.contains(name) || name == group {
            let option = dropped.contains(name) ? "--drop" : "--private"
            throw CommandError.failed(
                message: "'\(name)' is given to \(option) and is also \(name == group ? "the sensitive column (--group)" : "a label (--label)"); a column is one or the other")
        }
        if let both = dropped.first(where: hidden.contains) {
            throw CommandError.failed(message: "'\(both)' is given to both --drop and --private: --drop removes it, --private keeps it hidden; choose one")
        }
        // --drop removes the columns from the table itself: nothing shows or keeps them.
        table = try table.droppingColumns(dropped)
        for name in hidden {
            if case .categorical = try table.column(name) {
                throw CommandError.failed(
                    message: "--private takes numeric columns, and '\(name)' holds text: its categories would name the one-hot "
                        + "features (and so appear in models and messages); --drop it instead, or encode it as numbers first")
            }
        }

        var warnings: [String] = []
        for label in labels {
            switch try table.column(label) {
            case let .categorical(categorical):
                guard let coded = LabelInspection.binaryCoding(of: categorical) else {
                    let categories = categorical.droppingUnusedCategories().categories
                    let hint = categories.count == 2
                        ? " It has two values (\(TextLayout.quotedList(categories))): for a binary task, recode them as 0 and 1 (1 for the positive class)."
                        : ""
                    throw CommandError.failed(
                        message: "label column '\(label)' holds text; a label must be numeric (0/1 for a binary task, any number for regression)\(hint)")
                }
                table = try table.replacing(label, with: .numeric(coded))
                warnings.append("note: label '\(label)' holds \(TextLayout.quotedList(categorical.droppingUnusedCategories().categories)): read as a binary task (yes/true/y = 1, no/false/n = 0)")
            case let .numeric(values):
                if let row = values.firstIndex(where: { $0.isInfinite }) {
                    throw CommandError.failed(
                        message: "\(file): label column '\(label)' holds \(values[row]) at \(CSVInput.dataRow(row)); a label must be a finite number (leave it empty when it is missing)")
                }
                if LabelInspection.isCodedOneTwo(values) {
                    warnings.append(
                        "warning: label '\(label)' takes only the values 1 and 2, so it is read as a regression task; if it is a binary label, recode it as 0/1 (1 for the positive class) and load again")
                }
            }
        }
        // An infinite value in a numeric feature is a missing value (never a reason to read the
        // column as text).
        for name in table.columnNames where !labels.contains(name) && name != group {
            guard case let .numeric(values) = try table.column(name) else { continue }
            let infinite = values.reduce(0) { $0 + ($1.isInfinite ? 1 : 0) }
            guard infinite > 0 else { continue }
            table = try table.replacing(name, with: .numeric(values.map { $0.isInfinite ? .nan : $0 }))
            warnings.append(
                "warning: column '\(name)' has \(NumberFormat.grouped(infinite)) infinite value\(infinite == 1 ? "" : "s") (inf, -inf); \(infinite == 1 ? "it is" : "they are") treated as missing")
        }
        let featureColumns = table.columnNames.filter { !labels.contains($0) }
        if invocation[LoadOptions.dropMissing] {
            table = try table.droppingRowsWithMissing(in: featureColumns)
            if table.rowCount == 0 {
                throw CommandError.failed(message: "every row of \(file) has a missing feature or group value; nothing is left to load")
            }
        }
        for label in labels {
            let values = try table.numeric(label)
            for name in featureColumns where name != group {
                if LabelInspection.leaks(feature: try table.column(name), label: values) {
                    warnings.append(
                        "warning: feature '\(name)' determines label '\(label)' (it equals a monotone function of it on every row): a likely leak; --drop \(name) unless it is known before the label")
                }
            }
        }
        let tasks = try labels.map { label in
            let values = try table.numeric(label)
            let kind = LabelKind.inferred(from: values)
            return DatasetTask(name: label, kind: kind, meaning: "column \(label) of \(file)")
        }
        let features = try FeatureSpec.defaults(for: table, excluding: labels)
        let stem = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        var source = "\(file): \(NumberFormat.grouped(table.rowCount)) rows; labels \(labels.joined(separator: ", ")); group \(group)"
        if !dropped.isEmpty { source += "; dropped \(dropped.joined(separator: ", "))" }
        if !hidden.isEmpty { source += "; private \(hidden.joined(separator: ", "))" }
        do {
            let dataset = try Dataset(name: stem, table: table, tasks: tasks, sensitive: group, features: features, source: source)
            return (dataset, warnings)
        } catch let FairDataError.missingValue(column, row) {
            throw CommandError.failed(
                message: "the sensitive column '\(column)' is missing at \(CSVInput.dataRow(row)): load with --drop-missing to drop such rows")
        }
    }
}

/// The argument and options of `load`.
enum LoadOptions {
    static let source = CommandArgument<String>(
        "source", .text,
        summary: "a dataset name (\(DatasetCatalog.names.joined(separator: ", "))) or a CSV file",
        completion: .sourceAndFiles(.datasetNames, extensions: ["csv"]))
    static let label = CommandOption<[String]?>(
        "label", .list(.text), summary: "CSV: the label column of each task",
        completion: .source(.fileColumns))
    static let group = CommandOption<[String]?>(
        "group", .list(.text), summary: "the sensitive column(s); several give their intersections",
        completion: .source(.fileColumns))
    static let drop = CommandOption<[String]?>(
        "drop", .list(.text),
        summary: "CSV: columns removed from the table (ids, names, free text)",
        completion: .source(.fileColumns))
    static let privateColumns = CommandOption<[String]?>(
        "private", .list(.text),
        summary: "CSV: numeric features whose values are never shown or written",
        completion: .source(.fileColumns))
    static let dropMissing = CommandOption.flag(
        "drop-missing", summary: "CSV: drop rows with a missing feature or group value")
    static let mode = CommandOption<SyntheticRecipe.Mode?>(
        "mode", SyntheticRecipe.Mode.kind,
        summary: "synthetic: tabular features and two tasks, or Gaussian scores")
    static let rows = CommandOption<Int?>(
        "rows", .integer(min: 2, max: 10_000_000),
        summary: "synthetic: number of rows (default 10000)")
    static let seed = CommandOption<Int?>(
        "seed", .integer(min: 0), summary: "synthetic: generator seed (default: the session seed)")
    static let name = CommandOption<String?>(
        "as", .text, summary: "name of the table in the workspace (default: the dataset's name)")
    /// The options a CSV file or another built-in dataset refuses.
    static let correlations = CommandOption<[Double]?>(
        "correlations", .list(.real(min: -1, max: 1)),
        summary: "synthetic joint-scores: the two scores' correlation in each group "
            + "(default 0.8,0.2)")
    static let syntheticOnly: [any DeclaredOption] = [mode, rows, seed, correlations]
}

extension SyntheticRecipe.Mode: ChoiceValue {}
