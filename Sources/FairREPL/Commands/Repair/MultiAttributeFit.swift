import FairCore
import FairPlot

/// `fit barycenter` over several sensitive attributes (`--group A,B --mode intersectional|sequential`).
enum MultiAttributeFitSupport {
    /// Whether this invocation fits over several attributes.
    static func applies(_ invocation: ParsedInvocation, predictions: PredictionsValue) -> Bool {
        invocation.isGiven(FitOptions.group) || invocation.isGiven(FitOptions.mode)
            || invocation.isGiven(FitOptions.mergeSmall) || predictions.attributes.count > 1
    }

    /// Fits the repair of `taskNames` on the rows `rows` of `predictions`.
    static func fit(
        _ context: inout CommandContext, predictions: PredictionsValue, predictionsName: String, rows: [Int], selection: String,
        taskNames: [String], options: RepairOptions
    ) throws -> RepairValue {
        let invocation = context.invocation
        let attributes = try GroupAttributes.attributes(of: predictions, rows: rows)
        let chosen = invocation[FitOptions.group] ?? attributes.names
        for name in chosen where !attributes.names.contains(name) {
            throw CommandError.unknownName(
                noun: "sensitive attribute", name: name, suggestions: EditDistance.suggestions(for: name, among: attributes.names),
                known: attributes.names)
        }
        let mode = invocation[FitOptions.mode]
        var scores: [String: [Double]] = [:]
        for name in taskNames {
            let task = try predictions.task(named: name)
            scores[name] = rows.map { task.values[$0] }
        }
        let weights = try stageWeights(
            invocation[FitOptions.weights], attributes: attributes, chosen: chosen, mode: mode)
        let multi = try MultiAttributeRepair.fit(
            predictions: scores, attributes: attributes, attributeNames: chosen, mode: mode, lambda: predictions.lambda,
            rowIDs: rows.map { predictions.rowIDs[$0] }, defaultOptions: options, weights: weights,
            epsilon: invocation[FitOptions.epsilon] ?? [0],
            mergeSmallCells: invocation[FitOptions.mergeSmall])
        var value = RepairValue(
            repairs: multi.stages[0].repairs, lambda: predictions.lambda, predictionsName: predictionsName, selection: selection,
            rowCount: rows.count)
        value.multi = multi
        return value
    }

    /// `GROUP=W` items split by stage: each GROUP must be a group of exactly one stage (a value of
    /// a sequential stage's attribute, or a cell of the intersectional stage).
    static func stageWeights(_ items: [String]?, attributes: SensitiveAttributes, chosen: [String], mode: MultiAttributeMode) throws -> [String: [String: Double]] {
        guard let items else { return [:] }
        let stages = mode == .intersectional ? [chosen] : chosen.map { [$0] }
        var groupsOfStage: [(label: String, groups: [String])] = []
        for stage in stages {
            groupsOfStage.append((stage.joined(separator: SensitiveAttributes.separator), try attributes.intersections(of: stage).names))
        }
        let allGroups = groupsOfStage.flatMap(\.groups)
        var result: [String: [String: Double]] = [:]
        for item in items {
            guard let cut = item.lastIndex(of: "="), let weight = Double(item[item.index(after: cut)...]), weight.isFinite else {
                throw CommandError.invalidValue(subject: "--weights", value: item, allowed: "GROUP=WEIGHT items, e.g. \(allGroups.prefix(2).map { "\($0)=0.5" }.joined(separator: ","))", suggestions: [])
            }
            let group = String(item[..<cut])
            let owners = groupsOfStage.filter { $0.groups.contains(group) }
            guard owners.count == 1 else {
                throw CommandError.unknownName(
                    noun: owners.isEmpty ? "group" : "group (it is in several stages)", name: group,
                    suggestions: EditDistance.suggestions(for: group, among: allGroups), known: allGroups)
            }
            result[owners[0].label, default: [:]][group] = weight
        }
        return result
    }

    /// `intersectional over A × B` / `sequential: A, then B`, with the stages' ε and merged groups.
    static func describe(_ multi: MultiAttributeRepair) -> String {
        var text: String
        switch multi.mode {
        case .intersectional: text = "intersectional over \(multi.attributeNames.joined(separator: " × "))"
        case .sequential: text = "sequential: \(multi.attributeNames.joined(separator: ", then "))"
        }
        let epsilons = multi.stages.map(\.epsilon)
        if epsilons.contains(where: { $0 != 0 }) {
            text += " (ε = \(epsilons.map { NumberFormat.compact($0, digits: 3) }.joined(separator: ", ")))"
        }
        for stage in multi.stages {
            for (group, cells) in stage.mergedGroups.sorted(by: { $0.key < $1.key }) {
                text += "; merged \(cells.joined(separator: " + ")) (\(stage.repairs[0].poolCounts[stage.repairs[0].groupNames.firstIndex(of: group) ?? 0]) rows)"
            }
        }
        return text
    }

    /// Task, stage, group, pool count, weight and tied calibration points of every stage.
    static func table(_ multi: MultiAttributeRepair) -> ResultTable {
        var rows: [[ResultTable.Cell]] = []
        for (task, _) in multi.taskNames.enumerated() {
            for (k, stage) in multi.stages.enumerated() {
                let report = stage.repairs[task].fitReport
                for (g, name) in report.groupNames.enumerated() {
                    rows.append([
                        .text(report.taskName), .text("\(k + 1) \(stage.label)"), .text(name), .integer(report.poolCounts[g]),
                        .number(report.weights[g]), .integer(report.tiedCalibrationPoints[g]),
                    ])
                }
            }
        }
        return ResultTable(
            columns: [
                ResultTable.Column("task"), ResultTable.Column("stage"), ResultTable.Column("group"), ResultTable.Column("n", rightAligned: true),
                ResultTable.Column("weight", rightAligned: true), ResultTable.Column("tied", rightAligned: true),
            ], rows: rows)
    }
}
