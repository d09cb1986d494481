/// The per-seed results of the COMPAS protocol aggregated over seeds (mean ± SD, n − 1).
public struct CompasSummary: Sendable {
    /// One KS column aggregated over seeds.
    public struct KSSummary: Sendable {
        public var statistic: MeanSD
        /// Mean of the per-seed interval ends (nil without intervals).
        public var lower: MeanSD?, upper: MeanSD?
        /// Median over seeds of the p-values.
        public var medianPValue: Double
        /// Seeds whose p-value is below 0.05.
        public var significantSeeds: Int

        init(_ values: [KSMeasurement]) {
            statistic = MeanSD(values.map(\.statistic))
            let lows = values.compactMap(\.lower), highs = values.compactMap(\.upper)
            lower = lows.isEmpty ? nil : MeanSD(lows)
            upper = highs.isEmpty ? nil : MeanSD(highs)
            medianPValue = ProtocolSupport.median(values.map(\.pValue))
            significantSeeds = values.filter { $0.pValue < 0.05 }.count
        }
    }

    /// One family's (MTL or STL) aggregated metrics of one task.
    public struct Cell: Sendable {
        public var aucBefore, ksBeforeOnTrainingRows, dpBefore: MeanSD
        public var aucPool, dpPool: MeanSD
        public var aucTrain, dpTrain: MeanSD
        public var ksBefore, ksPool, ksTrain: KSSummary
        public var aucAgainstTask1Labels: MeanSD?
        public var outOfRangePool: Int, inversionsPool: Int, tiedPool: Int

        init(_ runs: [TaskRunMetrics]) {
            aucBefore = MeanSD(runs.map(\.aucBefore))
            ksBefore = KSSummary(runs.map(\.ksBefore))
            ksBeforeOnTrainingRows = MeanSD(runs.map(\.ksBeforeOnTrainingRows))
            dpBefore = MeanSD(runs.map(\.dpGapBefore))
            aucPool = MeanSD(runs.map(\.pool.auc))
            ksPool = KSSummary(runs.map(\.pool.ks))
            dpPool = MeanSD(runs.map(\.pool.dpGap))
            aucTrain = MeanSD(runs.map(\.train.auc))
            ksTrain = KSSummary(runs.map(\.train.ks))
            dpTrain = MeanSD(runs.map(\.train.dpGap))
            let d6 = runs.compactMap(\.aucAgainstTask1Labels)
            aucAgainstTask1Labels = d6.isEmpty ? nil : MeanSD(d6)
            outOfRangePool = runs.reduce(0) { $0 + $1.pool.outOfRange }
            inversionsPool = runs.reduce(0) { $0 + $1.pool.inversions }
            tiedPool = runs.reduce(0) { $0 + $1.pool.tiedByMap }
        }

        /// The eight Table 2 columns' values of this family's task, at the family's four positions:
        /// AUC, Unf., pp AUC, pp Unf. (pp = pp(pool)).
        var tableValues: [MeanSD] { [aucBefore, ksBefore.statistic, aucPool, ksPool.statistic] }
    }

    /// A joint diagnostic aggregated over seeds: per group, mean ± SD of ρ and of P(both high).
    public struct JointSummary: Sendable {
        public var groups: [String]
        public var spearman: [MeanSD]
        public var bothHigh: [MeanSD]

        init(_ values: [JointDiagnostic]) {
            groups = values.first?.groups ?? []
            spearman = groups.indices.map { g in MeanSD(values.map { $0.spearman[g] }) }
            bothHigh = groups.indices.map { g in MeanSD(values.map { $0.bothHigh[g] }) }
        }
    }

    public let runs: [CompasRunResult]
    public let settings: CompasSettings
    public let groupNames: [String]
    /// Task name → cell.
    public let mtl: [String: Cell], stl: [String: Cell]
    /// Family (`MTL`, `STL`) → state (`before`, `pp(pool)`, `pp(train)`) summaries, in that order.
    public let joint: [(family: String, states: [(state: String, summary: JointSummary)])]
    public let noiseFloor: MeanSD, poolFloor: MeanSD, trainFloor: MeanSD

    public init(runs: [CompasRunResult], settings: CompasSettings, groupNames: [String]) {
        self.runs = runs
        self.settings = settings
        self.groupNames = groupNames
        func cells(_ family: KeyPath<CompasRunResult, [String: TaskRunMetrics]>) -> [String: Cell] {
            Dictionary(uniqueKeysWithValues: CompasSettings.tasks.map { task in (task, Cell(runs.compactMap { $0[keyPath: family][task] })) })
        }
        mtl = cells(\.mtl)
        stl = cells(\.stl)
        joint = [("MTL", \CompasRunResult.mtlJoint), ("STL", \CompasRunResult.stlJoint)].map { family, path in
            (family, [("before", \JointRunDiagnostic.before), ("pp(pool)", \JointRunDiagnostic.pool), ("pp(train)", \JointRunDiagnostic.train)].map { state, inner in
                (state, JointSummary(runs.map { $0[keyPath: path][keyPath: inner] }))
            })
        }
        noiseFloor = MeanSD(runs.map(\.noiseFloor))
        poolFloor = MeanSD(runs.map(\.poolFloor))
        trainFloor = MeanSD(runs.map(\.trainFloor))
    }

    /// Table 2's eight values of `task` in the paper's column order (pp = pp(pool)).
    public func tableValues(_ task: String) -> [MeanSD] {
        guard let m = mtl[task], let s = stl[task] else { return [] }
        return m.tableValues + s.tableValues
    }

    /// Table 2's values with pp = pp(train) (what the reference code computed).
    public func tableValuesTrain(_ task: String) -> [MeanSD] {
        guard let m = mtl[task], let s = stl[task] else { return [] }
        return [m.aucBefore, m.ksBefore.statistic, m.aucTrain, m.ksTrain.statistic, s.aucBefore, s.ksBefore.statistic, s.aucTrain, s.ksTrain.statistic]
    }
}
