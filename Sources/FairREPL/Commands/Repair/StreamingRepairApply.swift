import FairCore
import FairData
import FairSupport

/// `apply-file`'s engine: streams a CSV through a saved repair in constant memory, writing
/// every input column unchanged plus one repaired column per task (`TASK_after`, as `apply`
/// names them in exports), atomically (`AtomicFile`: an existing output is replaced only by a
/// complete file, never damaged).
///
/// Rows are repaired in batches of `batchRows` with the engine's batch `apply`, which is
/// row-wise pure, so the output of a row depends only on its score, its group, its row ID and
/// ε — not on the batch — and equals in-memory `apply` of the same rows with the same row IDs.
/// The jitter's keyed noise depends on the row ID: by default the 0-based data row number,
/// which is the ID `import predictions` gives each row of the same file (or the `--id` column,
/// for both).
struct StreamingRepairApply {
    /// One repaired task: its repair and the input column holding its scores.
    struct Task {
        let repair: BarycenterRepair
        let scoreColumn: String
    }

    let tasks: [Task]
    let groupColumn: String
    let idColumn: String?
    let epsilon: Double
    var batchRows = 1 << 16

    /// What a run did.
    struct Summary {
        var rows = 0
        /// Rows outside their group's calibration range, per task.
        var outOfRange: [Int]
    }

    /// Streams `input` into `output`.
    /// - Throws: `CommandError` naming `input`:line for a missing column, an unseen group, a
    ///   missing or non-finite score or ID; `FairDataError` for a malformed CSV; `FairSupportError`
    ///   when the output cannot be written (the old output is then left unchanged).
    func run(input: String, output: String) throws -> Summary {
        var summary = Summary(outOfRange: tasks.map { _ in 0 })
        let stream = CSVRecordStream(path: input)
        try AtomicFile.write(to: output) { emit in
            var columns = (group: 0, scores: [Int](), id: Int?.none)
            var batch = Batch()
            try stream.forEachRecord(header: { names, raw in
                columns = try locate(names, input: input)
                var header = Array(raw)
                for task in tasks { header += Array(",\(task.repair.taskName)_after".utf8) }
                header.append(10)
                try header.withUnsafeBytes { try emit($0) }
            }) { record in
                try batch.add(
                    record, columns: columns, tasks: tasks, input: input, row: summary.rows)
                summary.rows += 1
                if batch.count == batchRows {
                    try flush(&batch, into: &summary, emit: emit, input: input)
                }
            }
            try flush(&batch, into: &summary, emit: emit, input: input)
        }
        return summary
    }

    /// The positions of the group, score and ID columns among `names`.
    private func locate(
        _ names: [String], input: String
    ) throws -> (group: Int, scores: [Int], id: Int?) {
        func position(_ name: String, _ role: String) throws -> Int {
            guard let index = names.firstIndex(of: name) else {
                throw CommandError.failed(
                    message: "\(input) has no column '\(name)' (\(role)); its columns: "
                        + TextLayout.quotedList(names))
            }
            return index
        }
        for task in tasks where names.contains("\(task.repair.taskName)_after") {
            throw CommandError.failed(
                message: "\(input) already has a column '\(task.repair.taskName)_after', "
                    + "the name of the repaired column: rename it")
        }
        return (
            try position(groupColumn, "the group column, --group"),
            try tasks.map {
                try position($0.scoreColumn, "the scores of task \($0.repair.taskName)")
            },
            try idColumn.map { try position($0, "the row IDs, --id") }
        )
    }

    /// Rows waiting to be repaired: their bytes, scores, groups and row IDs.
    struct Batch {
        var bytes: [UInt8] = []
        var ends: [Int] = []
        var lines: [Int] = []
        var scores: [[Double]] = []
        var groups: [String] = []
        var rowIDs: [UInt64] = []
        var count: Int { ends.count }

        mutating func add(
            _ record: CSVRecordStream.Record, columns: (group: Int, scores: [Int], id: Int?),
            tasks: [Task], input: String, row: Int
        ) throws {
            if scores.isEmpty { scores = tasks.map { _ in [] } }
            bytes.append(contentsOf: record.raw)
            ends.append(bytes.count)
            lines.append(record.line)
            guard let group = record.text(at: columns.group) else {
                throw CommandError.failed(message: "\(input):\(record.line): the group is missing")
            }
            groups.append(group)
            for (t, column) in columns.scores.enumerated() {
                let score = try record.number(at: column, column: tasks[t].scoreColumn)
                guard score.isFinite else {
                    throw CommandError.failed(
                        message: "\(input):\(record.line): the score of task "
                            + "\(tasks[t].repair.taskName) is "
                            + "\(score.isNaN ? "missing" : "\(score)"); "
                            + "every row needs a finite score")
                }
                scores[t].append(score)
            }
            if let idColumn = columns.id {
                let id = try record.number(at: idColumn, column: "id")
                guard id.isFinite, id >= 0, id == id.rounded(), id < 9.0e15 else {
                    throw CommandError.failed(
                        message: "\(input):\(record.line): the row ID is \(id); row IDs are whole "
                            + "numbers ≥ 0")
                }
                rowIDs.append(UInt64(id))
            } else {
                rowIDs.append(UInt64(row))
            }
        }
    }

    /// Repairs the batch's rows, writes them, and empties the batch.
    private func flush(
        _ batch: inout Batch, into summary: inout Summary,
        emit: (UnsafeRawBufferPointer) throws(FairSupportError) -> Void, input: String
    ) throws {
        guard batch.count > 0 else { return }
        let groups = GroupColumn(labels: batch.groups)
        var outputs: [[Double]] = []
        for (t, task) in tasks.enumerated() {
            for name in groups.names where !task.repair.groupNames.contains(name) {
                let row = batch.groups.firstIndex(of: name)!
                throw CommandError.failed(
                    message: "\(input):\(batch.lines[row]): group '\(name)' was not in the "
                        + "repair's calibration data (its groups: "
                        + "\(TextLayout.quotedList(task.repair.groupNames)))")
            }
            let result = try task.repair.apply(
                scores: batch.scores[t], groups: groups, rowIDs: batch.rowIDs, epsilon: epsilon)
            summary.outOfRange[t] += result.report.outOfRangeCount
            outputs.append(result.outputs)
        }
        var text: [UInt8] = []
        text.reserveCapacity(batch.bytes.count + batch.count * (2 + 20 * tasks.count))
        var start = 0
        for row in 0..<batch.count {
            text.append(contentsOf: batch.bytes[start..<batch.ends[row]])
            start = batch.ends[row]
            for output in outputs {
                text.append(UInt8(ascii: ","))
                text.append(contentsOf: NumberFormatting.exact(output[row]).utf8)
            }
            text.append(10)
        }
        try text.withUnsafeBytes { try emit($0) }
        batch = Batch()
    }
}
