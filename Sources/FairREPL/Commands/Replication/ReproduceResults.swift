import FairPlot
import FairReplication

/// The numbers of `reproduce compas` and `reproduce scarcity` as workspace reports, so that
/// `expect` can check them (`compas.mtl_is_recid.pp_KS`) and `show`, `export` and `save` keep them.
///
/// Besides the summary table's means and SDs over seeds, each row carries the per-seed extremes a
/// claim "on every seed" needs: the smallest KS before repair over its noise floor, the largest KS
/// after repair over the KS expected with the pool's noise, and the smallest drop of KS.
///
/// ## Mathematical properties
/// - `floor` is the mean over seeds of the test groups' noise floor `0.87·sqrt(1/n₁ + 1/n₂)`;
///   `expected` the mean of `0.87·sqrt(1/n₁ + 1/n₂ + 1/c₁ + 1/c₂)` (test plus pool noise).
/// - `KS_min_ratio = min_seed KS_before / floor_seed`, `pp_KS_max_ratio = max_seed KS_after /
///   expected_seed`, `drop_min = min_seed (KS_before − KS_after)` (after: calibrated on the
///   pool).
/// - SDs over seeds use the divisor n − 1 (0 for one seed).
enum ReproduceResults {
    /// The COMPAS report: per model family and task, Table 2's cells and the per-seed extremes;
    /// then the paper's cells (`paper_mtl_is_recid`).
    static func compas(_ summary: CompasSummary) -> ResultTable {
        let columns = ["row", "AUC", "AUC_sd", "KS", "KS_sd", "pp_AUC", "pp_AUC_sd", "pp_KS",
                       "pp_KS_sd", "train_pp_KS", "D6_AUC", "floor", "expected", "KS_min_ratio",
                       "pp_KS_max_ratio", "drop_min", "agree"]
        var rows: [[ResultTable.Cell]] = []
        var paperRows: [[ResultTable.Cell]] = []
        let families: [(String, KeyPath<CompasSummary, [String: CompasSummary.Cell]>,
                         KeyPath<CompasRunResult, [String: TaskRunMetrics]>)] =
            [("mtl", \.mtl, \.mtl), ("stl", \.stl, \.stl)]
        for (family, cells, perRun) in families {
            for task in CompasSettings.tasks {
                guard let cell = summary[keyPath: cells][task] else { continue }
                let runs = summary.runs.compactMap { run in
                    run[keyPath: perRun][task].map { (run, $0) }
                }
                let published = CompasPaperTable.cells[task] ?? []
                let paper = Array(published.dropFirst(family == "mtl" ? 0 : 4).prefix(4))
                let ours = [cell.aucBefore, cell.ksBefore.statistic, cell.aucPool,
                            cell.ksPool.statistic]
                let agree = zip(ours, paper).filter { pair in
                    abs(pair.0.mean - pair.1.mean) <= pair.0.sd
                }.count
                let before: [Double] = runs.map { run, m in m.ksBefore.statistic / run.noiseFloor }
                let after: [Double] = runs.map { run, m in m.pool.ks.statistic / run.poolFloor }
                let drops: [Double] = runs.map { _, m in
                    m.ksBefore.statistic - m.pool.ks.statistic
                }
                var row: [ResultTable.Cell] = [.text("\(family)_\(task)")]
                for value in ours { row += [.number(value.mean), .number(value.sd)] }
                row.append(.number(cell.ksTrain.statistic.mean))
                row.append(cell.aucAgainstTask1Labels.map { .number($0.mean) } ?? .empty)
                row += [.number(summary.noiseFloor.mean), .number(summary.poolFloor.mean)]
                row += [.number(before.min() ?? .nan), .number(after.max() ?? .nan)]
                row.append(.number(drops.min() ?? .nan))
                row.append(.integer(agree))
                rows.append(row)
                var paperRow: [ResultTable.Cell] = [.text("paper_\(family)_\(task)")]
                for value in paper { paperRow += [.number(value.mean), .number(value.spread)] }
                let blanks = columns.count - paperRow.count
                paperRows.append(paperRow + Array(repeating: .empty, count: blanks))
            }
        }
        return ResultTable(columns: columns, rows: rows + paperRows)
    }

    /// The scarcity report: one row per model, task and level (`mtl_reg_p50`, `stl_clf_p0`);
    /// perf is the MSE for `reg` rows and the ROC AUC for `clf` rows.
    static func scarcity(_ summary: ScarcitySummary) -> ResultTable {
        let columns = ["row", "perf", "perf_sd", "KS", "KS_sd", "pp_perf", "pp_perf_sd", "pp_KS",
                       "pp_KS_sd", "expected", "pp_KS_max_ratio", "drop_min", "lambda"]
        var rows: [[ResultTable.Cell]] = []
        let models: [(String, KeyPath<ScarcitySummary.Level, ScarcitySummary.Cell>,
                      KeyPath<ScarcityRunResult, ScarcityTaskMetrics>)] = [
            ("mtl_reg", \.mtlRegression, \.mtlRegression),
            ("stl_reg", \.stlRegression, \.stlRegression),
            ("mtl_clf", \.mtlClassification, \.mtlClassification),
            ("stl_clf", \.stlClassification, \.stlClassification),
        ]
        for (model, cellPath, runPath) in models {
            for level in summary.levels {
                let cell = level[keyPath: cellPath]
                let runs = level.runs.map { ($0, $0[keyPath: runPath]) }
                let values = [cell.performance, cell.ks, cell.performanceAfter, cell.ksAfter]
                let ratios: [Double] = runs.map { run, m in m.ksAfter.statistic / run.poolFloor }
                let drops: [Double] = runs.map { _, m in m.ks.statistic - m.ksAfter.statistic }
                var row: [ResultTable.Cell] = [.text("\(model)_p\(percentKey(level.fraction))")]
                for value in values { row += [.number(value.mean), .number(value.sd)] }
                row += [.number(level.poolFloor.mean), .number(ratios.max() ?? .nan)]
                row.append(.number(drops.min() ?? .nan))
                row.append(model.hasPrefix("mtl") ? .number(level.lambda.mean) : .empty)
                rows.append(row)
            }
        }
        return ResultTable(columns: columns, rows: rows)
    }

    /// The paper's findings as numbers: one row per measurement of `ScarcityReport.checks`, with
    /// its verdict as a number (1 holds, 0 not shown, −1 does not hold).
    static func scarcityChecks(_ summary: ScarcitySummary) -> ResultTable {
        let measurements = ScarcityReport.checks(summary).flatMap(\.measurements)
        let rows = measurements.map { m -> [ResultTable.Cell] in
            let code: Int
            switch m.verdict {
            case .holds: code = 1
            case .notShown: code = 0
            case .doesNotHold: code = -1
            }
            return [.text(m.key), .integer(code), .text(m.verdict.rawValue), .number(m.value),
                    m.standardError.map { .number($0) } ?? .empty,
                    m.limit.map { .number($0) } ?? .empty]
        }
        let columns = ["check", "verdict", "reading", "value", "se", "limit"]
        return ResultTable(columns: columns, rows: rows)
    }

    /// `50` for 0.5, `12_5` for 0.125: a level as part of a row name.
    static func percentKey(_ fraction: Double) -> String {
        let percent = fraction * 100
        if percent == percent.rounded() { return String(Int(percent)) }
        return NumberFormat.compact(percent, digits: 4).replacingOccurrences(of: ".", with: "_")
    }
}
