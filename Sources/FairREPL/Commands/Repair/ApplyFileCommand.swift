import FairCore
import FairData
import FairPlot
import FairSupport

extension CommandSpec {
    /// `apply-file IN OUT --repair FILE`: a CSV of any size through a saved repair.
    static let applyFile = CommandSpec(
        "apply-file", group: .repair,
        summary: "stream a CSV of any size through a saved repair file, in constant memory",
        discussion: """
            Reads IN record by record and writes OUT with every input column unchanged plus one \
            repaired column per task, named TASK_after as 'apply' names them in exports. The \
            repair is a file written by 'export REPAIR FILE.json'. Each task's scores are read \
            from the column named as the task (--scores names other columns, in the order of \
            the repair's tasks); the group column is --group, since a repair file does not \
            record it. --eps blends as in 'apply'. The jitter's keyed noise depends on each \
            row's ID: the 0-based data row number, as 'import predictions' numbers rows, or the \
            --id column, so OUT equals 'apply --to all' on the same file imported with the \
            same --id. OUT is written atomically: a failure leaves an existing OUT unchanged. \
            Errors name IN:line.
            """,
        arguments: [ApplyFileOptions.input, ApplyFileOptions.output],
        options: [
            ApplyFileOptions.repair, ApplyFileOptions.group, ApplyFileOptions.scores,
            ApplyFileOptions.id, ApplyFileOptions.epsilon
        ],
        examples: [
            "apply-file scores.csv fair.csv --repair repair.json --group sex",
            "apply-file big.csv out.csv --repair r.json --group race --scores p1,p2 --eps 0.1",
        ]
    ) { context in
        let invocation = context.invocation
        let input = invocation[ApplyFileOptions.input]
        let output = invocation[ApplyFileOptions.output]
        let repairPath = invocation[ApplyFileOptions.repair]
        let repairs = try ApplyFileSupport.repairs(
            at: context.resolve(path: repairPath), shown: repairPath)
        let columns = invocation[ApplyFileOptions.scores] ?? repairs.map(\.taskName)
        guard columns.count == repairs.count else {
            throw CommandError.failed(
                message: "--scores names \(columns.count) column\(columns.count == 1 ? "" : "s") "
                    + "for the \(repairs.count) task\(repairs.count == 1 ? "" : "s") of "
                    + "\(repairPath) (\(TextLayout.quotedList(repairs.map(\.taskName)))): "
                    + "one per task, in that order")
        }
        let engine = StreamingRepairApply(
            tasks: zip(repairs, columns).map {
                StreamingRepairApply.Task(repair: $0, scoreColumn: $1)
            },
            groupColumn: invocation[ApplyFileOptions.group], idColumn: invocation[ApplyFileOptions.id],
            epsilon: invocation[ApplyFileOptions.epsilon])
        let summary = try engine.run(
            input: context.resolve(path: input), output: context.resolve(path: output))
        let added = repairs.map { "\($0.taskName)_after" }
        context.print(
            "applied \(repairPath) to \(NumberFormat.grouped(summary.rows)) rows of \(input) → "
                + "\(output) (added \(TextLayout.quotedList(added)))")
        for (t, count) in summary.outOfRange.enumerated() where count > 0 {
            let policy =
                repairs[t].options.outOfRange == .tailShift ? "continued with slope 1" : "clamped"
            context.print(
                "\(repairs[t].taskName): \(NumberFormat.grouped(count)) "
                    + "row\(count == 1 ? "" : "s") outside their group's calibration range "
                    + "(\(policy))")
        }
    }
}

/// Reading the repair file of `apply-file`.
enum ApplyFileSupport {
    /// The task repairs in the file at `path` (`shown` as typed): a multi-task file (its tasks
    /// sorted by name) or a single-task one.
    static func repairs(at path: String, shown: String) throws -> [BarycenterRepair] {
        let bytes = try AtomicFile.read(path)
        do {
            return try MultiTaskRepair(fileBytes: bytes, source: shown).repairs
        } catch let multiError {
            if let single = try? BarycenterRepair(fileBytes: bytes, source: shown) {
                return [single]
            }
            throw multiError
        }
    }
}

/// The arguments and options of `apply-file`.
private enum ApplyFileOptions {
    static let input = CommandArgument<String>(
        "input", .path(.existingFile(extensions: ["csv"])), summary: "the CSV to repair")
    static let output = CommandArgument<String>(
        "output", .path(.newFile(extensions: ["csv"])), summary: "the CSV to write")
    static let repair = CommandOption<String>.required(
        "repair", .path(.existingFile(extensions: ["json"])),
        summary: "the repair file (export REPAIR FILE.json)")
    static let group = CommandOption<String>.required("group", .text, summary: "the group column")
    static let scores = CommandOption<[String]?>(
        "scores", .list(.text), summary: "the score columns (default: the task names)")
    static let id = CommandOption<String?>(
        "id", .text, summary: "a column of whole-number row IDs (default: the row number)")
    static let epsilon = CommandOption<Double>(
        "eps", .unitInterval, summary: "0: fully fair … 1: unchanged", default: 0)
}
