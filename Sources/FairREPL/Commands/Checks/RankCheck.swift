import FairCore
import FairPlot

/// What `verify ranks` counts (also in `report`): per task and group, the pairs the repair
/// inverts, ties and Kendall's tau-b, on the jittered scores when the repair jitters.
struct RankCheck {
    var table: ResultTable
    var notes: [String] = []
    var inversions = 0, small = 0, ties = 0, swaps = 0
    var maximum = 0.0

    init(_ repaired: RepairedValue, tasks: [RepairedValue.Task], tolerance: Double, cancellation: (String) throws -> Void) throws {
        let groups = try RepairCommandSupport.droppingEmptyGroups(repaired.groups)
        var rows: [[ResultTable.Cell]] = []
        for task in tasks {
            try cancellation(task.name)
            let options = try repaired.repair(forTask: task.name).options
            var ranked = task.before
            if options.jitterHalfWidth > 0 {
                let stream = KeyedNoise.stableHash(task.name)
                for i in ranked.indices {
                    ranked[i] += KeyedNoise.symmetric(seed: options.seed, stream: stream, key: repaired.rowIDs[i], halfWidth: options.jitterHalfWidth)
                }
                let raw = try RankPreservation.byGroup(before: task.before, after: task.after, groups: groups)
                swaps += raw.inversions
                notes.append(
                    "\(task.name): ranked on the jittered scores (u = \(NumberFormat.compact(options.jitterHalfWidth))); \(NumberFormat.grouped(raw.inversions)) pairs closer than 2u swap in the raw scores")
            }
            let result = try RankPreservation.byGroup(before: ranked, after: task.after, groups: groups, tolerance: tolerance)
            for (g, group) in result.names.enumerated() {
                let counts = result.results[g]
                rows.append([
                    .text(task.name), .text(group), .integer(counts.count), .integer(counts.inversions), .integer(counts.smallInversions),
                    .integer(counts.tiedByMap), counts.kendallTauB.isNaN ? .empty : .number(counts.kendallTauB),
                ])
                inversions += counts.inversions
                small += counts.smallInversions
                ties += counts.tiedByMap
                maximum = max(maximum, counts.maximumViolation)
            }
        }
        table = ResultTable(
            columns: [
                ResultTable.Column("task"), ResultTable.Column("group"), ResultTable.Column("n", rightAligned: true),
                ResultTable.Column("inversions", rightAligned: true), ResultTable.Column("small", rightAligned: true),
                ResultTable.Column("ties", rightAligned: true), ResultTable.Column("kendall", rightAligned: true),
            ], rows: rows)
    }

    /// The closing sentence.
    func conclusion(_ format: (Double) -> String) -> String {
        inversions == 0
            ? "no pair of rows of one group changes order: the repair is monotone within each group"
            : "\(NumberFormat.grouped(inversions)) pairs change order within a group, by up to \(format(maximum))"
    }
}
