import FairCore
import FairPlot

extension WorkspaceKind {
    /// Fitted barycenter repairs, one per task.
    public static let repair = WorkspaceKind(name: "repair", plural: "repairs", order: 50, showsInPrompt: true)
}

/// The barycenter repairs fitted by `fit barycenter` (one per task, at one λ), with what they
/// were fitted on. Saved through FairCore's own `Codable` form (which re-validates on load);
/// `export NAME FILE.json` writes FairCore's versioned repair file.
public struct RepairValue: WorkspaceValue, Equatable {
    public static let kind = WorkspaceKind.repair
    /// One repair per task, sorted by task name.
    public var repairs: [BarycenterRepair]
    /// The task weights the calibration predictions were made at (nil: imported without one).
    public var lambda: [Double]?
    /// The predictions it was fitted on, and which of their rows (`pool`, `all`, …).
    public var predictionsName: String
    public var selection: String
    public var rowCount: Int
    /// The repair over several attributes (`fit barycenter --group A,B --mode …`); `repairs`
    /// are then those of its first stage. Nil for a repair over one group column.
    public var multi: MultiAttributeRepair? = nil
    /// The row IDs of the calibration rows, ascending (nil in files saved before they were kept):
    /// `apply` counts the rows it repairs that the repair was fitted on (in-sample).
    public var calibrationRowIDs: [UInt64]?
    /// How many calibration rows were in the model's training part (nil: unknown).
    public var trainingRowCount: Int?
    /// The table of the calibration predictions, when known.
    public var tableName: String?
    /// Where the calibration predictions came from (`PredictionsValue.source`), when known.
    public var predictionsSource: String?
    /// For a repair fitted from quantile summaries (`fit barycenter --from-quantiles`): each
    /// group's rank error `ε_s`, which `verify ks` turns into the KS allowance `ε_s + ε_s'`.
    public var quantileRankErrors: [String: Double]? = nil

    public var taskNames: [String] { repairs.map(\.taskName) }

    public var summary: String {
        let options = repairs.first?.options ?? RepairOptions()
        let lambdaText = lambda.map { "; λ = " + PredictionsValue.describe($0) } ?? ""
        return "\(taskNames.joined(separator: ", ")) fitted on \(NumberFormat.grouped(rowCount)) \(selection) rows of \(predictionsName)\(lambdaText); "
            + RepairValue.describe(options) + (multi.map { "; " + MultiAttributeFitSupport.describe($0) } ?? "")
    }

    public func details(settings: Settings) -> String {
        var lines = [summary]
        if let warning = trainingWarning(name: "this repair") { lines.append(warning) }
        if let table = exportTable { lines.append(table.render(.table, digits: settings.digits)) }
        for warning in warnings { lines.append(warning) }
        return lines.joined(separator: "\n")
    }

    /// The fit warnings of every task (and stage).
    var warnings: [String] {
        guard let multi else {
            return repairs.flatMap { repair in repair.fitReport.warnings.map { "warning (\(repair.taskName)): \($0)" } }
        }
        return multi.stages.flatMap { stage in
            stage.repairs.flatMap { repair in repair.fitReport.warnings.map { "warning (\(repair.taskName), stage \(stage.label)): \($0)" } }
        }
    }

    /// Task, group, pool count, weight and tied calibration points.
    public var exportTable: ResultTable? {
        if let multi { return MultiAttributeFitSupport.table(multi) }
        var rows: [[ResultTable.Cell]] = []
        for repair in repairs {
            let report = repair.fitReport
            for (g, name) in report.groupNames.enumerated() {
                rows.append([
                    .text(repair.taskName), .text(name), .integer(report.poolCounts[g]), .number(report.weights[g]),
                    .integer(report.tiedCalibrationPoints[g]),
                ])
            }
        }
        return ResultTable(
            columns: [
                ResultTable.Column("task"), ResultTable.Column("group"), ResultTable.Column("n", rightAligned: true),
                ResultTable.Column("weight", rightAligned: true), ResultTable.Column("tied", rightAligned: true),
            ], rows: rows)
    }

    /// FairCore's versioned repair file for `.json` (a multi-task file when λ is known, else a
    /// single-task file); nil for CSV, which gets `exportTable`.
    public func exportDocument(format: OutputFormat) throws -> String? {
        guard format == .json else { return nil }
        let bytes: [UInt8]
        if let multi {
            bytes = try multi.fileBytes()
        } else if let lambda {
            bytes = try MultiTaskRepair(repairs: repairs, lambda: lambda).fileBytes()
        } else if repairs.count == 1 {
            bytes = try repairs[0].fileBytes()
        } else {
            throw CommandError.failed(
                message: "these repairs have no lambda (their predictions were imported without --lambda), so they are not one multi-task repair file: fit one task at a time (fit barycenter --task T) to export it, or import the predictions with --lambda")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public var namedNumbers: [(key: String, value: Double)] {
        var numbers: [(String, Double)] = [("rows", Double(rowCount))]
        for repair in repairs {
            for (g, name) in repair.groupNames.enumerated() {
                numbers.append(("\(repair.taskName).weight.\(ReportNames.key(name))", repair.weights[g]))
            }
        }
        return numbers
    }

    /// The warning of the paper's Remark 2 when the repair was fitted on rows the model was
    /// trained on; nil otherwise. `name` names the repair.
    func trainingWarning(name: String) -> String? {
        guard let count = trainingRowCount, count > 0 else { return nil }
        return Self.trainingWarning(name: name, count: count)
    }

    /// The Remark 2 warning for a repair `name` fitted on `count` training rows.
    static func trainingWarning(name: String, count: Int) -> String {
        "warning: \(name) was fitted on \(NumberFormat.grouped(count)) row\(count == 1 ? "" : "s") of the training part, the rows a model is trained on (Remark 2): a model's scores on its own training rows are not distributed as on new rows, so the repair can miss the right level on new data; fit on rows the model never saw (split --pool, then fit barycenter --on pool)"
    }

    /// How many of the rows with IDs `rowIDs` of `predictions` (named `predictionsName`) the
    /// repair was fitted on; nil when unknown (older files). Row IDs name rows of one table, or
    /// of one imported file: rows of another table or file are never counted.
    func calibrationOverlap(rowIDs: [UInt64], predictionsName: String, predictions: PredictionsValue) -> Int? {
        guard let calibration = calibrationRowIDs else { return nil }
        let sameTable = tableName != nil && tableName == predictions.tableName
        let sameFile = tableName == nil && predictions.tableName == nil && self.predictionsName == predictionsName
            && predictionsSource == predictions.source
        let sameRows = sameTable || sameFile
        guard sameRows else { return 0 }
        var count = 0
        for id in rowIDs where Self.contains(calibration, id) { count += 1 }
        return count
    }

    /// Binary search in an ascending array.
    static func contains(_ sorted: [UInt64], _ id: UInt64) -> Bool {
        let low = sorted.lowerBound(of: id)
        return low < sorted.count && sorted[low] == id
    }

    /// The repair of `task`.
    func repair(forTask task: String) throws -> BarycenterRepair {
        guard let repair = repairs.first(where: { $0.taskName == task }) else {
            throw CommandError.unknownName(
                noun: "task of the repair", name: task, suggestions: EditDistance.suggestions(for: task, among: taskNames), known: taskNames)
        }
        return repair
    }

    static func describe(_ options: RepairOptions) -> String {
        var parts = ["jitter \(NumberFormat.compact(options.jitterHalfWidth, digits: 3))"]
        parts.append("convention \(options.convention == .generalizedInverse ? "A" : "B")")
        if options.splitCalibration { parts.append("split halves") }
        if options.outOfRange == .tailShift { parts.append("tail shift") }
        if let range = options.outputRange { parts.append("clip [\(NumberFormat.compact(range.lower, digits: 6)), \(NumberFormat.compact(range.upper, digits: 6))]") }
        return parts.joined(separator: ", ")
    }
}

/// Keys for names in expressions (`ks.after`, `bary.y.weight.African_American`).
enum ReportNames {
    /// `name` with every character other than a letter, a digit or `_` replaced by `_`.
    static func key(_ name: String) -> String {
        String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") ? $0 : "_" })
    }
}
