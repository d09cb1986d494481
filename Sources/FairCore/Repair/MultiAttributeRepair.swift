import FairSupport

/// How a repair over several sensitive attributes treats them.
public enum MultiAttributeMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// One repair over the intersections `A × B × …` (fairlearn's merged groups).
    case intersectional
    /// One repair per attribute, each on the output of the one before (EquiPy's sequential
    /// fairness, Hu, Ratz & Charpentier, AAAI 2024).
    case sequential
}

/// The barycenter repair of every task over several sensitive attributes, intersectional or
/// sequential, built from plain `BarycenterRepair`s (one per task and stage), unchanged.
///
/// A repair is a list of **stages**. Each stage groups the rows by the intersections of some
/// attributes and repairs every task with a `BarycenterRepair` over those groups:
/// - intersectional: one stage over all the attributes (`A × B`);
/// - sequential: one stage per attribute, in the order given; stage `k` is fitted on the pool's
///   output of stage `k − 1` (at that stage's ε) and applied to the output of stage `k − 1`.
///
/// ## Mathematical properties
/// - **Intersectional = a single-attribute repair on the merged column, bit for bit**: the one
///   stage *is* `BarycenterRepair.fit` on the intersection column (`SensitiveAttributes.intersections`),
///   with the same options, weights and row IDs. It targets strong DP over every cell, hence
///   over each attribute (DP over the cells implies DP over any union of cells): after the
///   repair, the KS between any two cells, and between the values of any attribute, falls to
///   the sampling noise. The price: a cell has fewer calibration rows than an attribute value,
///   so its quantiles are noisier, and cells below the minimum group size are refused (or
///   merged into one group on request, and then DP holds between the merged group and the
///   others, not inside it).
/// - **Sequential with one attribute = today's repair, bit for bit** (stage 0 keeps the seed).
/// - Each stage is a barycenter repair of its input, so **each stage's output law is the same
///   in every group of that stage** (its barycenter), and ranks are kept within each of its
///   groups. Hence after the last stage the **last attribute's DP holds** (KS at the noise
///   floor). An earlier attribute's DP holds after its own stage but is **not preserved** by
///   later stages in general (they move the rows of one value of the earlier attribute
///   differently depending on the later attribute), and DP over the intersections is not
///   targeted at all: with ε = 0 it often comes close, when the cells' laws differ mostly
///   additively; with ε > 0 the result depends on the order of the attributes.
///   The composition is non-decreasing within each intersection cell (each stage is within
///   each of its groups, and a cell lies inside one group of every stage).
/// - **Ties between stages**: a stage's outputs are atoms of its barycenter (two rows of
///   different groups at the same quantile level get the same output), so the next stage's
///   input has ties: sequential repair needs jitter `u > 0` (the fit report warns otherwise).
/// - **Jitter**: stage `k` draws its noise from `stageSeed(seed, k)` (stage 0: the seed itself;
///   later stages a seed mixed with the stage index), so the stages' noises are distinct and
///   independent, each still a pure function of `(seed, task, row ID)`.
/// - ε: one per stage. An intersectional repair takes any ε at apply time (as a
///   `BarycenterRepair` does); a sequential repair is fitted at its stages' ε (each stage is
///   fitted on the previous stage's output at that ε) and applies exactly those.
/// - Cells are matched by their values (names), never by position; an unseen combination is an
///   error naming it and the known ones.
public struct MultiAttributeRepair: Sendable, Equatable {
    /// One stage: a repair of every task over the intersections of `attributes`.
    public struct Stage: Sendable, Equatable {
        /// The attributes whose intersections are this stage's groups (one for a sequential stage).
        public let attributes: [String]
        /// Each calibration cell (by `SensitiveAttributes.cellName`) → the fitted group it is
        /// repaired as: itself, or a merged group's name.
        public let cells: [String: String]
        /// The ε of this stage (sequential repairs are fitted at it).
        public let epsilon: Double
        /// One repair per task, sorted by task name.
        public let repairs: [BarycenterRepair]

        /// `A` for one attribute, `A × B` for an intersection.
        public var label: String { attributes.joined(separator: SensitiveAttributes.separator) }

        /// The merged groups: fitted group → the cells it holds (only groups of two or more cells).
        public var mergedGroups: [String: [String]] {
            var members: [String: [String]] = [:]
            for (cell, group) in cells where cell != group { members[group, default: []].append(cell) }
            return members.mapValues { $0.sorted() }
        }
    }

    /// Intersectional or sequential.
    public let mode: MultiAttributeMode
    /// The attributes, in the order of the stages.
    public let attributeNames: [String]
    /// The task weights λ of the calibration predictions (nil: none recorded).
    public let lambda: [Double]?
    /// The tasks, sorted by name.
    public let taskNames: [String]
    /// The stages, in order.
    public let stages: [Stage]

    /// The seed of stage `k`'s jitter: `seed` for stage 0, else `KeyedNoise.mix(seed, stableHash("sequential stage k"))`.
    public static func stageSeed(_ seed: UInt64, stage k: Int) -> UInt64 {
        k == 0 ? seed : KeyedNoise.mix(seed, KeyedNoise.stableHash("sequential stage \(k)"))
    }

    /// Fits the repair of every task on a calibration pool.
    /// - Parameters:
    ///   - predictions: task name → the task's predictions on the pool rows.
    ///   - attributes: the pool rows' sensitive attributes.
    ///   - attributeNames: the attributes to repair, in order (default: all, in their order).
    ///   - mode: intersectional or sequential.
    ///   - lambda: the task weights the predictions were made at, if known.
    ///   - rowIDs: stable row keys (default: the row index).
    ///   - options: per-task options (tasks not listed use `defaultOptions`); each stage uses
    ///     them with the seed `stageSeed(seed, k)`.
    ///   - defaultOptions: the options of every task that `options` does not list.
    ///   - weights: per stage label (`A`, or `A × B` for the intersectional stage), the weight of
    ///     each of its fitted groups (default: pool frequencies), for every task.
    ///   - epsilon: one ε per stage, or one for all (default 0: fully fair).
    ///   - mergeSmallCells: merge the cells below the minimum group size into one group
    ///     (adding the next smallest cells while it is still too small) instead of refusing.
    /// - Throws: `.smallIntersections` listing the small cells and every count, `.unseenCombination`,
    ///   `.invalidParameter` (unknown attribute, bad ε), and every error of `BarycenterRepair.fit`.
    public static func fit(
        predictions: [String: [Double]],
        attributes: SensitiveAttributes,
        attributeNames: [String]? = nil,
        mode: MultiAttributeMode,
        lambda: [Double]? = nil,
        rowIDs: [UInt64]? = nil,
        options: [String: RepairOptions] = [:],
        defaultOptions: RepairOptions = RepairOptions(),
        weights: [String: [String: Double]] = [:],
        epsilon: [Double] = [0],
        mergeSmallCells: Bool = false
    ) throws(FairCoreError) -> MultiAttributeRepair {
        if predictions.isEmpty { throw .emptyInput(what: "predictions (one column per task)") }
        if let lambda { try MultiTaskRepair.validateLambda(lambda) }
        let tasks = predictions.keys.sorted()
        for name in options.keys.sorted() where predictions[name] == nil { throw .unknownTask(name: name, known: tasks) }
        let order = attributeNames ?? attributes.names
        for name in order { _ = try attributes.column(named: name) }
        if order.isEmpty { throw .emptyInput(what: "attributes to repair") }
        if Set(order).count != order.count {
            throw .invalidParameter(name: "attributes", value: order.joined(separator: ","), allowed: "each attribute once")
        }
        let stageAttributes = mode == .intersectional ? [order] : order.map { [$0] }
        let epsilons = try stageEpsilons(epsilon, stageCount: stageAttributes.count)
        let labels = stageAttributes.map { $0.joined(separator: SensitiveAttributes.separator) }
        for label in weights.keys.sorted() where !labels.contains(label) {
            throw .invalidParameter(name: "weights of stage", value: "\"\(label)\"", allowed: "one of \(FairCoreError.list(labels))")
        }
        let minimum = tasks.map { (options[$0] ?? defaultOptions).effectiveMinimumGroupSize }.max() ?? 1
        var current = predictions
        var stages: [Stage] = []
        for (k, stageNames) in stageAttributes.enumerated() {
            let intersections = try attributes.intersections(of: stageNames)
            let cells = try cellMap(intersections, attributes: stageNames, minimum: minimum, merge: mergeSmallCells)
            let groups = try fittedColumn(intersections, cells: cells)
            var repairs: [BarycenterRepair] = []
            for task in tasks {
                var taskOptions = options[task] ?? defaultOptions
                taskOptions.seed = stageSeed(taskOptions.seed, stage: k)
                repairs.append(try BarycenterRepair.fit(
                    scores: current[task] ?? [], groups: groups, rowIDs: rowIDs, taskName: task,
                    weights: weights[labels[k]], options: taskOptions))
            }
            if k + 1 < stageAttributes.count {
                for (task, repair) in zip(tasks, repairs) {
                    current[task] = try repair.apply(scores: current[task] ?? [], groups: groups, rowIDs: rowIDs, epsilon: epsilons[k]).outputs
                }
            }
            stages.append(Stage(attributes: stageNames, cells: cells, epsilon: epsilons[k], repairs: repairs))
        }
        return try MultiAttributeRepair(mode: mode, attributeNames: order, lambda: lambda, stages: stages)
    }

    /// Assembles a repair from its stages, checking that they fit together.
    /// - Throws: `.invalidParameter` for stages that do not match the mode and attributes, tasks
    ///   that differ between stages, cells that name no fitted group, or a bad ε.
    public init(mode: MultiAttributeMode, attributeNames: [String], lambda: [Double]?, stages: [Stage]) throws(FairCoreError) {
        if attributeNames.isEmpty { throw .emptyInput(what: "attributes of the repair") }
        if Set(attributeNames).count != attributeNames.count {
            throw .invalidParameter(name: "attributes", value: attributeNames.joined(separator: ","), allowed: "each attribute once")
        }
        if let lambda { try MultiTaskRepair.validateLambda(lambda) }
        let expected = mode == .intersectional ? [attributeNames] : attributeNames.map { [$0] }
        if stages.map(\.attributes) != expected {
            throw .invalidParameter(
                name: "stages", value: stages.map(\.label).joined(separator: "; "),
                allowed: mode == .intersectional ? "one stage over all the attributes" : "one stage per attribute, in order")
        }
        guard let first = stages.first, !first.repairs.isEmpty else { throw .emptyInput(what: "task repairs") }
        let tasks = first.repairs.map(\.taskName)
        for stage in stages {
            if stage.repairs.map(\.taskName) != tasks || tasks != tasks.sorted() || Set(tasks).count != tasks.count {
                throw .invalidParameter(name: "tasks of stage \(stage.label)", value: stage.repairs.map(\.taskName).joined(separator: ","),
                                        allowed: "the same distinct tasks, sorted by name, in every stage")
            }
            _ = try Self.stageEpsilons([stage.epsilon], stageCount: 1)
            let groups = Set(stage.cells.values)
            for repair in stage.repairs where Set(repair.groupNames) != groups {
                throw .invalidParameter(name: "cells of stage \(stage.label)", value: FairCoreError.list(groups.sorted()),
                                        allowed: "exactly the fitted groups of every task (\(FairCoreError.list(repair.groupNames)))")
            }
            for cell in stage.cells.keys where SensitiveAttributes.values(ofCell: cell, attributeCount: stage.attributes.count) == nil {
                throw .invalidParameter(name: "cell of stage \(stage.label)", value: "\"\(cell)\"", allowed: "one value per attribute")
            }
        }
        self.mode = mode
        self.attributeNames = attributeNames
        self.lambda = lambda.map { $0.map { $0 + 0.0 } }
        self.taskNames = tasks
        self.stages = stages
    }

    /// Repairs every task's predictions, stage by stage.
    /// - Parameters:
    ///   - predictions: task name → predictions (exactly the repair's tasks).
    ///   - attributes: the rows' attributes (must hold every attribute of the repair; others are ignored).
    ///   - lambda: the task weights of these predictions (must equal `lambda` when it is recorded).
    ///   - rowIDs: stable row keys (default: row index).
    ///   - epsilon: nil applies the stages' own ε; a value is allowed for a one-stage repair
    ///     (any ε, as for `BarycenterRepair`) or when it equals every stage's ε.
    /// - Throws: `.unseenCombination` naming the combination and the known ones, `.lambdaMismatch`,
    ///   `.unknownTask`, `.missingTask`, `.invalidParameter` (ε, attributes) and every error of
    ///   `BarycenterRepair.apply`.
    public func apply(
        predictions: [String: [Double]], attributes: SensitiveAttributes, lambda: [Double]? = nil,
        rowIDs: [UInt64]? = nil, epsilon: Double? = nil
    ) throws(FairCoreError) -> MultiAttributeRepairResult {
        if let fitted = self.lambda {
            guard let lambda else {
                throw .invalidParameter(name: "lambda", value: "none", allowed: "the λ the repair was fitted at, \(MultiTaskRepair.describe(fitted))")
            }
            if lambda != fitted { throw .lambdaMismatch(fitted: fitted, given: lambda) }
        }
        for name in predictions.keys.sorted() where !taskNames.contains(name) { throw .unknownTask(name: name, known: taskNames) }
        for task in taskNames where predictions[task] == nil { throw .missingTask(name: task, provided: predictions.keys.sorted()) }
        let epsilons: [Double]
        if let epsilon {
            try BarycenterRepair.validateEpsilon(epsilon)
            if stages.count > 1 && stages.contains(where: { $0.epsilon != epsilon }) {
                throw .invalidParameter(
                    name: "epsilon", value: "\(epsilon)",
                    allowed: "the ε this sequential repair was fitted at (\(MultiTaskRepair.describe(stages.map(\.epsilon)))): each stage is fitted on the previous stage's output at its ε, so refit at the ε you want")
            }
            epsilons = stages.map { _ in epsilon }
        } else {
            epsilons = stages.map(\.epsilon)
        }
        var current = predictions
        var results: [MultiAttributeRepairResult.StageResult] = []
        for (k, stage) in stages.enumerated() {
            let groups = try stageGroups(stage, attributes: attributes)
            var outputs: [String: [Double]] = [:]
            var reports: [String: RepairApplyReport] = [:]
            for (task, repair) in zip(taskNames, stage.repairs) {
                let result = try repair.apply(scores: current[task] ?? [], groups: groups, rowIDs: rowIDs, epsilon: epsilons[k])
                outputs[task] = result.outputs
                reports[task] = result.report
            }
            results.append(.init(label: stage.label, attributes: stage.attributes, groups: groups, epsilon: epsilons[k],
                                 inputs: current, outputs: outputs, reports: reports))
            current = outputs
        }
        return MultiAttributeRepairResult(stages: results)
    }

    /// The fitted-group column of a stage for these rows.
    /// - Throws: `.unseenCombination` for a combination without calibration rows.
    public func stageGroups(_ stage: Stage, attributes: SensitiveAttributes) throws(FairCoreError) -> GroupColumn {
        let intersections = try attributes.intersections(of: stage.attributes)
        for cell in intersections.names where stage.cells[cell] == nil {
            let k = stage.attributes.count
            let known = stage.cells.keys.sorted().compactMap { SensitiveAttributes.values(ofCell: $0, attributeCount: k) }
            throw .unseenCombination(attributes: stage.attributes,
                                     values: SensitiveAttributes.values(ofCell: cell, attributeCount: k) ?? [cell], known: known)
        }
        return try Self.fittedColumn(intersections, cells: stage.cells)
    }

    /// The column of fitted groups: each cell replaced by the group it is repaired as.
    static func fittedColumn(_ intersections: GroupColumn, cells: [String: String]) throws(FairCoreError) -> GroupColumn {
        if intersections.names.allSatisfy({ cells[$0] == $0 }) { return intersections }
        let names = Array(Set(intersections.names.compactMap { cells[$0] })).sorted()
        var index: [String: Int32] = [:]
        for (i, name) in names.enumerated() { index[name] = Int32(i) }
        let remap = intersections.names.map { index[cells[$0] ?? ""] ?? -1 }
        let codes = intersections.codes.map { remap[Int($0)] }
        return try FairCoreError.reporting { () throws(FairSupportError) in
            try GroupColumn(codes: codes, names: names)
        }
    }

    /// Every cell → the group it is repaired as; small cells refused, or merged on request.
    static func cellMap(_ intersections: GroupColumn, attributes: [String], minimum: Int, merge: Bool) throws(FairCoreError) -> [String: String] {
        let counts = intersections.counts()
        let names = intersections.names
        var all: [String: Int] = [:]
        for (c, name) in names.enumerated() { all[name] = counts[c] }
        var identity: [String: String] = [:]
        for name in names { identity[name] = name }
        let small = names.indices.filter { counts[$0] < minimum }
        if small.isEmpty { return identity }
        if !merge {
            var smallCounts: [String: Int] = [:]
            for c in small { smallCounts[names[c]] = counts[c] }
            throw .smallIntersections(attributes: attributes, small: smallCounts, minimum: minimum, allCounts: all)
        }
        // Merge the small cells; while the merged group is still too small, add the next smallest cell.
        var members = Set(small)
        var total = small.reduce(0) { $0 + counts[$1] }
        let rest = names.indices.filter { !members.contains($0) }.sorted { (counts[$0], names[$0]) < (counts[$1], names[$1]) }
        var next = 0
        while total < minimum && next < rest.count {
            members.insert(rest[next])
            total += counts[rest[next]]
            next += 1
        }
        if total < minimum {
            var smallCounts: [String: Int] = [:]
            for c in small { smallCounts[names[c]] = counts[c] }
            throw .smallIntersections(attributes: attributes, small: smallCounts, minimum: minimum, allCounts: all)
        }
        let merged = "{" + members.map { names[$0] }.sorted().joined(separator: ", ") + "}"
        if all[merged] != nil {
            throw .invalidParameter(name: "merged group", value: "\"\(merged)\"", allowed: "a name that no cell already has; rename the attribute values")
        }
        var map = identity
        for c in members { map[names[c]] = merged }
        return map
    }

    static func stageEpsilons(_ epsilon: [Double], stageCount: Int) throws(FairCoreError) -> [Double] {
        for e in epsilon { try BarycenterRepair.validateEpsilon(e) }
        if epsilon.count == 1 { return Array(repeating: epsilon[0] + 0.0, count: stageCount) }
        if epsilon.count != stageCount {
            throw .invalidParameter(name: "epsilon", value: MultiTaskRepair.describe(epsilon),
                                    allowed: "one ε for every stage, or one per stage (\(stageCount))")
        }
        return epsilon.map { $0 + 0.0 }
    }
}

/// The output of `MultiAttributeRepair.apply`: every stage's input and output, by task.
public struct MultiAttributeRepairResult: Sendable, Hashable {
    /// One stage's work on the rows.
    public struct StageResult: Sendable, Hashable {
        /// The stage's label (`A`, or `A × B`).
        public let label: String
        /// The attributes of the stage.
        public let attributes: [String]
        /// The rows' fitted groups at this stage.
        public let groups: GroupColumn
        /// The ε applied.
        public let epsilon: Double
        /// Task → the scores this stage repaired (the original predictions for stage 0).
        public let inputs: [String: [Double]]
        /// Task → this stage's output.
        public let outputs: [String: [Double]]
        /// Task → what happened to the rows.
        public let reports: [String: RepairApplyReport]
    }

    /// The stages, in order.
    public let stages: [StageResult]

    /// Task → the final output (the last stage's).
    public var outputs: [String: [Double]] { stages.last?.outputs ?? [:] }
}
