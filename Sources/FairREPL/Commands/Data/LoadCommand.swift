import FairCore
import FairData
import FairPlot
import Foundation

extension CommandSpec {
    /// `load NAME|FILE`: a built-in dataset, or any CSV with its label and group columns.
    static let load = CommandSpec(
        "load", group: .data, summary: "load a built-in dataset by name, or any CSV file (--label COL --group COL)",
        discussion: """
            Built-in datasets: synthetic (generated; --mode tabular|gaussian-scores, --rows, --seed), and compas, \
            law-school, adult, acs, read from the data directory ('datasets' shows it). Their tasks and sensitive \
            column are fixed by their recipes.
            A CSV file needs --label (one label column per task; 0/1 columns are binary tasks, others regression) \
            and --group (the sensitive column). Several sensitive columns (--group race,sex, also for the built-in \
            datasets' categorical columns) make the groups their intersections (cells such as "Caucasian × Male", \
            in a column race×sex that is not a feature); 'split --stratify' then keeps every cell's share, and \
            'fit barycenter --group A,B --mode intersectional|sequential' repairs over them. Every other column is a feature: categorical columns one-hot, \
            numeric ones standardised; --drop leaves columns out. Missing labels are allowed (they are masked); \
            --drop-missing drops rows with a missing feature or group.
            """,
        arguments: [
            ArgumentSpec(
                "source", .text, summary: "a dataset name (\(DatasetCatalog.names.joined(separator: ", "))) or a CSV file",
                completion: .sourceAndFiles(.datasetNames, extensions: ["csv"]))
        ],
        options: [
            OptionSpec("label", .list(.text), summary: "CSV: the label column of each task", completion: .source(.fileColumns)),
            OptionSpec("group", .list(.text), summary: "the sensitive column(s); several give their intersections", completion: .source(.fileColumns)),
            OptionSpec("drop", .list(.text), summary: "CSV: columns that are not features (ids, free text)", completion: .source(.fileColumns)),
            .flag("drop-missing", summary: "CSV: drop rows with a missing feature or group value"),
            OptionSpec("mode", .choice(SyntheticRecipe.Mode.allCases.map(\.rawValue)), summary: "synthetic: tabular features and two tasks, or Gaussian scores"),
            OptionSpec("rows", .integer(min: 2, max: 10_000_000), summary: "synthetic: number of rows (default 10000)"),
            OptionSpec("seed", .integer(min: 0), summary: "synthetic: generator seed (default: the session seed)"),
            OptionSpec("as", .text, summary: "name of the table in the workspace (default: the dataset's name)"),
        ],
        examples: [
            "load synthetic", "load synthetic --mode gaussian-scores --rows 4000", "load compas",
            "load scores.csv --label y,clicked --group sex --drop id", "load compas --group race_group,sex",
        ],
        lesson: "Lessons/01-strong-demographic-parity.md"
    ) { context in
        let source = context.invocation.text("source") ?? ""
        var dataset: Dataset
        if DatasetCatalog.names.contains(source) {
            dataset = try DataCommandSupport.loadBuiltIn(source, context: context)
        } else if DataCommandSupport.looksLikeFile(source) || FileManager.default.fileExists(atPath: context.resolve(path: source)) {
            dataset = try DataCommandSupport.loadCSV(source, context: context)
        } else {
            let suggestions = EditDistance.suggestions(for: source, among: DatasetCatalog.names)
            throw CommandError.failed(
                message: "no dataset or file named '\(source)'.\(CommandError.didYouMean(suggestions)) Built-in datasets: "
                    + "\(DatasetCatalog.names.joined(separator: ", ")); a CSV file is named by its path (e.g. data/people.csv)")
        }
        let attributes = context.invocation.texts("group") ?? []
        if !attributes.isEmpty { dataset = try GroupAttributes.dataset(dataset, sensitive: attributes) }
        let name = context.invocation.text("as") ?? DataCommandSupport.valueName(from: dataset.name)
        let features = try DataCommandSupport.featureWidth(of: dataset)
        try context.workspace.store(TableValue(dataset, attributes: attributes.count > 1 ? attributes : []), as: name)
        let tasks = dataset.tasks.map { "\($0.name) (\($0.kind.rawValue))" }.joined(separator: ", ")
        let counts = dataset.groups.counts()
        let groups = zip(dataset.groups.names, counts).map { "\($0) \(NumberFormat.grouped($1))" }.joined(separator: " · ")
        context.print(
            "loaded \(name): \(NumberFormat.grouped(dataset.table.rowCount)) rows, \(features) feature\(features == 1 ? "" : "s"); tasks \(tasks); groups (\(dataset.sensitive)): \(groups)")
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
                    message: "column '\(column)' has a missing value at row \(row) (0-based), and features cannot be missing: "
                        + "load with --drop-missing to drop such rows, or --drop \(column) to leave the column out")
            }
            throw error
        }
    }

    static func loadBuiltIn(_ name: String, context: CommandContext) throws -> Dataset {
        let invocation = context.invocation
        for option in ["label", "drop", "drop-missing"] where invocation.isGiven(option) {
            throw CommandError.failed(
                message: "--\(option) is for CSV files: built-in datasets have fixed tasks and features "
                    + "(see 'help load'); to choose them, load the CSV file itself")
        }
        if name == "synthetic" {
            var config = SyntheticRecipe.Config()
            config.seed = invocation.integer("seed").map { UInt64($0) } ?? context.settings.seed
            if let rows = invocation.integer("rows") { config.rowCount = rows }
            if let mode = invocation.text("mode").flatMap(SyntheticRecipe.Mode.init(rawValue:)) { config.mode = mode }
            return try SyntheticRecipe.make(config)
        }
        for option in ["mode", "rows", "seed"] where invocation.isGiven(option) {
            throw CommandError.failed(message: "--\(option) is for 'load synthetic' only; \(name) is read as it is")
        }
        guard let directory = DataDirectorySetting.current(settings: context.settings, environment: context.environment) else {
            throw CommandError.failed(
                message: "\(name) is read from the data directory, and none is configured: \(DataDirectorySetting.howToConfigure)")
        }
        return try DatasetCatalog.load(name, dataDirectory: DataDirectory(path: directory.path))
    }

    static func loadCSV(_ file: String, context: CommandContext) throws -> Dataset {
        let invocation = context.invocation
        for option in ["mode", "rows", "seed"] where invocation.isGiven(option) {
            throw CommandError.failed(message: "--\(option) is for 'load synthetic' only, not for a CSV file")
        }
        let path = context.resolve(path: file)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandError.file(path: file, reason: "no such file (looked in \(context.environment.workingDirectory))")
        }
        if isDirectory.boolValue { throw CommandError.file(path: file, reason: "it is a directory; give a CSV file inside it") }
        var table = try CSVReader.read(contentsOf: path)
        let columns = table.columnNames
        guard let labels = invocation.texts("label"), let groups = invocation.texts("group"), let group = groups.first else {
            throw CommandError.failed(
                message: "loading a CSV needs --label COL[,COL…] (one label column per task) and --group COL (the sensitive column); "
                    + "columns of \(file): \(columns.joined(separator: ", "))")
        }
        let dropped = invocation.texts("drop") ?? []
        for name in labels + groups + dropped where !table.contains(column: name) {
            throw CommandError.unknownName(
                noun: "column in \(file)", name: name, suggestions: EditDistance.suggestions(for: name, among: columns), known: columns)
        }
        if let repeated = labels.first(where: { label in labels.filter { $0 == label }.count > 1 }) {
            throw CommandError.failed(message: "--label names '\(repeated)' twice; give each task's label column once")
        }
        if let both = groups.first(where: { labels.contains($0) }) {
            throw CommandError.failed(message: "'\(both)' is both a label (--label) and a sensitive column (--group); choose another")
        }
        for label in labels {
            if case .categorical = try table.column(label) {
                throw CommandError.failed(
                    message: "label column '\(label)' holds text; a label must be numeric (0/1 for a binary task, any number for regression)")
            }
        }
        let featureColumns = columns.filter { !labels.contains($0) && !dropped.contains($0) }
        if invocation.flag("drop-missing") {
            table = try table.droppingRowsWithMissing(in: featureColumns)
            if table.rowCount == 0 {
                throw CommandError.failed(message: "every row of \(file) has a missing feature or group value; nothing is left to load")
            }
        }
        let tasks = try labels.map { label in
            let values = try table.numeric(label)
            let kind = LabelKind.inferred(from: values)
            return DatasetTask(name: label, kind: kind, meaning: "column \(label) of \(file)")
        }
        let features = try FeatureSpec.defaults(for: table, excluding: labels + dropped)
        let stem = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        do {
            return try Dataset(
                name: stem, table: table, tasks: tasks, sensitive: group, features: features,
                source: "\(file): \(NumberFormat.grouped(table.rowCount)) rows; labels \(labels.joined(separator: ", ")); group \(group)")
        } catch let FairDataError.missingValue(column, row) {
            throw CommandError.failed(
                message: "the sensitive column '\(column)' is missing at row \(row) (0-based): load with --drop-missing to drop such rows")
        }
    }
}
