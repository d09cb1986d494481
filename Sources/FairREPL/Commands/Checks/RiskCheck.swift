import FairCore

/// What `verify risk` compares (also in `report`): per task the mean squared change of the
/// repair against Σ π W2² of the calibration laws, overall and per group.
struct RiskCheck {
    var tasks: [(name: String, identity: RiskIdentity)] = []
    var table: ResultTable
    var change = 0.0, cost = 0.0

    init(_ repaired: RepairedValue, tasks: [RepairedValue.Task]) throws {
        var rows: [[ResultTable.Cell]] = []
        for task in tasks {
            let identity = try repaired.repair(forTask: task.name).riskIdentity(scores: task.before, groups: repaired.groups, rowIDs: repaired.rowIDs)
            rows.append([.text(task.name), .text("all"), .number(identity.meanSquaredChange), .number(identity.barycenterCost), .number(identity.difference)])
            for (g, group) in identity.groupNames.enumerated() where !identity.groupMeanSquaredChange[g].isNaN {
                rows.append([
                    .text(task.name), .text(group), .number(identity.groupMeanSquaredChange[g]), .number(identity.groupSquaredDistance[g]),
                    .number(identity.groupMeanSquaredChange[g] - identity.groupSquaredDistance[g]),
                ])
            }
            change += identity.meanSquaredChange
            cost += identity.barycenterCost
            self.tasks.append((task.name, identity))
        }
        table = ResultTable(
            columns: [
                ResultTable.Column("task"), ResultTable.Column("group"), ResultTable.Column("change", rightAligned: true),
                ResultTable.Column("W2sq", rightAligned: true), ResultTable.Column("difference", rightAligned: true),
            ], rows: rows)
    }
}
