import FairCore
import FairData
import FairPlot

/// `describe` of predictions: where they come from, each task's values and labels, and the rows
/// per part and group (the first groups by size, then how many there are in all).
///
/// ## Mathematical properties
/// Per task: mean, population SD (divisor n), min and max of the predictions over all rows, and
/// the number of rows with a label. Numbers with 4 significant digits, as `describe` of a table.
enum PredictionsDisplay {
    /// Groups listed by name before the rest are counted.
    static let shownGroups = 20

    static func describe(_ predictions: PredictionsValue) -> String {
        var lines = ["\(NumberFormat.grouped(predictions.rowCount)) rows × \(predictions.tasks.count) task\(predictions.tasks.count == 1 ? "" : "s"); \(predictions.source)"]
        let nameWidth = max(4, predictions.taskNames.map(\.count).max() ?? 0)
        func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
        lines.append(pad("task", nameWidth) + "  " + pad("kind", 10) + "  " + pad("labels", 8) + "  predictions")
        for task in predictions.tasks {
            let n = Double(task.values.count)
            let mean = task.values.reduce(0, +) / n
            let sd = (task.values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
            let labelled = task.labels.reduce(0) { $0 + ($1.isNaN ? 0 : 1) }
            let values = "mean \(NumberFormat.significant(mean, digits: 4)), sd \(NumberFormat.significant(sd, digits: 4)), "
                + "min \(NumberFormat.significant(task.values.min() ?? .nan, digits: 4)), max \(NumberFormat.significant(task.values.max() ?? .nan, digits: 4))"
            lines.append(
                pad(task.name, nameWidth) + "  " + pad(task.isBinary ? "binary" : (task.labels.isEmpty ? "scores" : "regression"), 10) + "  "
                    + pad(NumberFormat.grouped(labelled), 8) + "  " + values)
        }
        var partCounts: [PredictionPart: Int] = [:]
        for part in predictions.parts { partCounts[part, default: 0] += 1 }
        let parts = PredictionPart.allCases.compactMap { part in partCounts[part].map { "\(part.rawValue) \(NumberFormat.grouped($0))" } }
        lines.append("parts: " + parts.joined(separator: " · ") + (predictions.hasParts ? "" : " (no split: 'split' draws pool and test rows)"))
        let counts = predictions.groups.counts()
        let order = counts.indices.sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
        var groups = order.prefix(shownGroups).map { "\(predictions.groups.names[$0]) \(NumberFormat.grouped(counts[$0]))" }.joined(separator: " · ")
        if counts.count > shownGroups { groups += " · … (\(NumberFormat.grouped(counts.count)) groups in all)" }
        lines.append("groups\(predictions.groupColumn.map { " (\($0))" } ?? ""): " + groups)
        if let key = predictions.keyColumn { lines.append("key column: \(key)") }
        return lines.joined(separator: "\n")
    }
}
