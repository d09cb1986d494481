import FairCore
import FairData

/// Several sensitive columns (`load FILE --group race,sex`, `load compas --group race_group,sex`):
/// the table gets one more column holding each row's intersection (cell), named by the
/// attributes joined with `×` (`race×sex`), and that column becomes the dataset's sensitive
/// column, so that everything downstream that reads the groups (the stratified split, `predict`,
/// `import scores`, a plain `fit barycenter`) sees the cells; the table value remembers the
/// attributes, so that `fit barycenter --group A,B --mode …` and the reports can take the cells
/// apart again (`SensitiveAttributes(names:intersections:)`). The intersection column is not a
/// feature: the attributes' own columns are, as before.
enum GroupAttributes {
    /// The name of the intersection column of `attributes`.
    static func intersectionColumnName(_ attributes: [String]) -> String { attributes.joined(separator: "×") }

    /// `dataset` with `attributes` as its sensitive columns: one names the column itself; several
    /// add their intersection column (a row missing any attribute has no cell, as `--drop-missing`
    /// expects).
    static func dataset(_ dataset: Dataset, sensitive attributes: [String]) throws -> Dataset {
        if attributes == [dataset.sensitive] { return dataset }
        let table = dataset.table
        if Set(attributes).count != attributes.count {
            throw CommandError.failed(message: "--group names a column twice (\(attributes.joined(separator: ","))); give each sensitive column once")
        }
        for name in attributes where !table.contains(column: name) {
            throw CommandError.unknownName(
                noun: "column of \(dataset.name)", name: name, suggestions: EditDistance.suggestions(for: name, among: table.columnNames),
                known: table.columnNames)
        }
        for name in attributes where dataset.tasks.contains(where: { $0.name == name }) {
            throw CommandError.failed(message: "'\(name)' is a task's label column; a sensitive column must be another one")
        }
        var newTable = table
        var sensitive = attributes[0]
        if attributes.count > 1 {
            sensitive = intersectionColumnName(attributes)
            if table.contains(column: sensitive) {
                throw CommandError.failed(message: "\(dataset.name) already has a column named '\(sensitive)'; rename it to load these groups")
            }
            let columns = try attributes.map { try table.column($0) }
            let labels = (0..<table.rowCount).map { row -> String? in
                var values: [String] = []
                for column in columns {
                    guard let text = column.text(ofRow: row) else { return nil }
                    values.append(text)
                }
                return SensitiveAttributes.cellName(values)
            }
            try newTable.append(.categorical(CategoricalColumn(labels: labels)), named: sensitive)
        }
        do {
            return try Dataset(
                name: dataset.name, table: newTable, tasks: dataset.tasks, sensitive: sensitive, features: dataset.features,
                officialSplit: dataset.officialSplit, source: dataset.source + "; sensitive: " + attributes.joined(separator: " × "),
                defaultMissingLabelFractions: dataset.defaultMissingLabelFractions)
        } catch let FairDataError.missingValue(_, row) {
            throw CommandError.failed(
                message: "row \(row) (0-based) has no value in one of \(attributes.joined(separator: ", ")): load with --drop-missing to drop such rows")
        }
    }

    /// The attributes of some rows of predictions, recovered from their intersection column.
    static func attributes(of predictions: PredictionsValue, rows: [Int]) throws -> SensitiveAttributes {
        let groups = try RepairCommandSupport.subset(predictions.groups, rows: rows)
        guard predictions.attributes.count > 1 else {
            throw CommandError.failed(
                message: "these predictions have one sensitive column: load the data with several (e.g. load compas --group race_group,sex), then predict or import scores again")
        }
        return try SensitiveAttributes(names: predictions.attributes, intersections: groups)
    }
}
