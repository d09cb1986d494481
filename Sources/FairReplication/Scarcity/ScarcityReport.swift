import FairPlot
import Foundation

/// The label-scarcity protocol aggregated over seeds, per missing-label level.
public struct ScarcitySummary: Sendable {
    /// One model's one task at one level: mean ± SD over seeds.
    public struct Cell: Sendable {
        public var performance, performanceAfter, ks, ksAfter: MeanSD
        init(_ values: [ScarcityTaskMetrics]) {
            performance = MeanSD(values.map(\.performance))
            performanceAfter = MeanSD(values.map(\.performanceAfter))
            ks = MeanSD(values.map(\.ks.statistic))
            ksAfter = MeanSD(values.map(\.ksAfter.statistic))
        }
        var values: [MeanSD] { [performance, ks, performanceAfter, ksAfter] }
    }

    /// Everything of one level.
    public struct Level: Sendable {
        public var fraction: Double
        public var runs: [ScarcityRunResult]
        public var mtlRegression, stlRegression, mtlClassification, stlClassification: Cell
        public var realisedFraction, noiseFloor, poolFloor, lambda, trainingLabels: MeanSD
        /// Seeds at which no validation label was left and λ fell back to the grid's middle.
        public var lambdaFallbacks: Int
    }

    public let datasetLabel: String
    public let regression: String, classification: String
    public let settings: ScarcitySettings
    public let levels: [Level]

    public init(runs: [ScarcityRunResult], settings: ScarcitySettings, datasetLabel: String, regression: String, classification: String) {
        self.settings = settings
        self.datasetLabel = datasetLabel
        self.regression = regression
        self.classification = classification
        levels = settings.fractions.map { fraction in
            let r = runs.filter { $0.fraction == fraction }
            return Level(fraction: fraction, runs: r, mtlRegression: Cell(r.map(\.mtlRegression)), stlRegression: Cell(r.map(\.stlRegression)),
                         mtlClassification: Cell(r.map(\.mtlClassification)), stlClassification: Cell(r.map(\.stlClassification)),
                         realisedFraction: MeanSD(r.map(\.realisedFraction)), noiseFloor: MeanSD(r.map(\.noiseFloor)),
                         poolFloor: MeanSD(r.map(\.poolFloor)), lambda: MeanSD(r.map(\.lambdaUsed)),
                         trainingLabels: MeanSD(r.map { Double($0.trainingLabels) }), lambdaFallbacks: r.filter { $0.chosenLambda == nil }.count)
        }
    }
}

/// A qualitative finding of the paper checked on our numbers.
public struct ScarcityCheck: Sendable, Equatable {
    /// What the numbers say about the claim.
    public enum Verdict: String, Sendable, Equatable {
        /// The claim holds (for a difference: more than 2 standard errors in its favour).
        case holds = "holds"
        /// A difference within 2 standard errors of 0 (or a single seed): the data cannot tell.
        case notShown = "not shown"
        /// The claim fails (for a difference: more than 2 standard errors against it).
        case doesNotHold = "does not hold"

        /// ✓, ~ or ✗.
        public var symbol: String {
            switch self {
            case .holds: return "✓"
            case .notShown: return "~"
            case .doesNotHold: return "✗"
            }
        }
    }

    /// One number a verdict rests on, with what it is compared to: `value` against 2 ·
    /// `standardError` (a difference over seeds) or against `limit` (a threshold).
    public struct Measurement: Sendable, Equatable {
        /// A short name (`degrades_less`, `mse_cost`), usable as a workspace key.
        public var key: String
        public var value: Double
        public var standardError: Double?
        public var limit: Double?
        /// This number's own verdict (a check with two numbers holds when both do).
        public var verdict: Verdict
    }

    public var claim: String
    public var verdict: Verdict
    /// The numbers the verdict rests on, as text.
    public var evidence: String
    /// The same numbers, for `expect` and the files.
    public var measurements: [Measurement] = []

    /// The verdict on a paired difference in the claim's favour: holds above 2 SE, fails below −2 SE.
    static func difference(_ d: MeanSD) -> Verdict {
        guard d.count >= 2 else { return .notShown }
        if d.mean > 2 * d.standardError { return .holds }
        if d.mean < -2 * d.standardError { return .doesNotHold }
        return .notShown
    }
}

/// The label-scarcity report: Table 1's layout with the paper's numbers beside (a different
/// dataset), the checks of the paper's findings, the MSE plot, and the per-run files.
public enum ScarcityReport {
    /// "Small cost" of the repair, FairMTL's thresholds (the paper's costs were +1.3–2.8% MSE and
    /// ±0.001 AUC): MSE up by at most 5% (relative), AUC down by at most 0.02.
    public static let smallMSEIncrease = 0.05
    public static let smallAUCDecrease = 0.02

    public static func document(_ summary: ScarcitySummary, timing: Double? = nil) -> ReportDocument {
        let s = summary.settings
        let n = s.seeds.count
        var doc = ReportDocument()
        doc.line("Label-scarcity protocol (the paper's Table 1 study, EXPERIMENTS.md §3) on \(summary.datasetLabel): "
            + "regression task \(summary.regression), classification task \(summary.classification); \(n) seed\(n == 1 ? "" : "s") "
            + "(\(s.seeds.map(String.init).joined(separator: ", ")))")
        let level0 = summary.levels[0]
        if let run = level0.runs.first {
            doc.line("  per seed: test \(run.testCounts.reduce(0, +)) rows, unlabeled pool \(run.poolCounts.reduce(0, +)), validation "
                + "\(Fixed.percent(s.validationFraction)) of the training rows (for λ); regression labels removed from the training rows "
                + "(Bernoulli per row, nested levels); classification labels all kept")
        }
        doc.line("  models: YOTO MTL \(s.hidden), λ_t ~ U(\(Fixed.compact(s.lambdaRange.low)), \(Fixed.compact(s.lambdaRange.high))) per row; "
            + "evaluation λ by Algorithm 2 (regression weight in {\(s.lambdaGrid.map(Fixed.compact).joined(separator: ", "))}, classification 1, "
            + "smallest validation MSE); STL regression and STL classifier with the same trunk; \(s.epochs) epochs each, Adam "
            + "\(Fixed.compact(s.learningRate)), batch \(s.batchSize), dropout \(Fixed.compact(s.dropout)); regression target standardised for training")
        doc.line("  repair: barycenter per task of every model, calibrated on the pool, generalized inverse, jitter u = \(Fixed.compact(s.jitter)), clamp")
        doc.blank()
        doc.title("Table 1 layout: mean ± SD over \(n) seed\(n == 1 ? "" : "s"); Perf. = MSE (regression) or AUC (classification); Unf. = KS; pp = repaired")
        doc.line("paper rows: the paper's Table 1 on ACS 2018 California (ln income, mobility, sex) — a different dataset, for orientation only")
        let header = ["", "MTL Perf.", "MTL Unf.", "MTL pp Perf.", "MTL pp Unf.", "STL Perf.", "STL Unf.", "STL pp Perf.", "STL pp Unf."]
        var rows: [[String]] = []
        for level in summary.levels {
            let name = level.fraction == 0 ? "regression – all data" : "regression – \(Fixed.percent(level.fraction)) missing"
            rows.append([name] + (level.mtlRegression.values + level.stlRegression.values).map { $0.text() })
            if let paper = ScarcityPaperTable.regression[level.fraction] { rows.append(["  paper (other data)"] + paper + ["—", "—"]) }
        }
        for level in summary.levels {
            let name = level.fraction == 0 ? "classification – all data" : "classification – \(Fixed.percent(level.fraction)) reg. missing"
            rows.append([name] + (level.mtlClassification.values + level.stlClassification.values).map { $0.text() })
            if level.fraction == 0 { rows.append(["  paper (other data)"] + ScarcityPaperTable.classification + ["—", "—"]) }
        }
        doc.table(header, rows)
        doc.blank()
        doc.title("Per level: KS floors, labels and λ")
        doc.table(["removed", "realised", "regression labels", "λ_reg (Algorithm 2)", "KS floor (test)", "KS expected after repair"],
                  summary.levels.map { level in
                      [Fixed.percent(level.fraction), Fixed.format(level.realisedFraction.mean, 3), Fixed.format(level.trainingLabels.mean, 0),
                       level.lambda.text(2) + (level.lambdaFallbacks > 0 ? " (\(level.lambdaFallbacks) fallback)" : ""),
                       Fixed.format(level.noiseFloor.mean, 3), Fixed.format(level.poolFloor.mean, 3)]
                  })
        doc.line("KS expected after repair = 0.87·sqrt(1/n1 + 1/n2 + 1/c1 + 1/c2), the test groups' floor plus the pool's sampling noise (FairMTL's derivation)")
        doc.blank()
        doc.title("The paper's findings, checked on these numbers (✓ holds, ~ not shown: within 2 SE, ✗ does not hold)")
        for check in checks(summary) {
            doc.line("\(check.verdict.symbol) \(check.claim): \(check.verdict.rawValue) — \(check.evidence)")
        }
        if let timing {
            doc.blank()
            doc.line("time: \(Fixed.format(timing, 1)) s for \(n) seeds × \(s.fractions.count) levels")
        }
        return doc
    }

    /// The paper's qualitative findings as checks with their evidence.
    public static func checks(_ summary: ScarcitySummary) -> [ScarcityCheck] {
        var checks: [ScarcityCheck] = []
        let levels = summary.levels
        // 1. MTL degrades less than STL as labels disappear (paired over seeds).
        if levels.count >= 2, let first = levels.first, let last = levels.last {
            var differences: [Double] = []
            var mtlRise: [Double] = [], stlRise: [Double] = []
            for run in last.runs {
                guard let base = first.runs.first(where: { $0.seed == run.seed }) else { continue }
                let mtl = run.mtlRegression.performance - base.mtlRegression.performance
                let stl = run.stlRegression.performance - base.stlRegression.performance
                mtlRise.append(mtl)
                stlRise.append(stl)
                differences.append(stl - mtl)
            }
            let d = MeanSD(differences)
            let verdict = ScarcityCheck.difference(d)
            let reading: String
            switch verdict {
            case .holds: reading = "more than 2 SE above 0"
            case .doesNotHold: reading = "more than 2 SE below 0: single-task degrades less"
            case .notShown: reading = d.count < 2 ? "one seed: no standard error" : "within 2 SE of 0"
            }
            checks.append(ScarcityCheck(
                claim: "multi-task degrades less than single-task as labels disappear (MSE rise from \(Fixed.percent(first.fraction)) to \(Fixed.percent(last.fraction)) removed)",
                verdict: verdict,
                evidence: "MSE rise MTL \(MeanSD(mtlRise).text()), STL \(MeanSD(stlRise).text()); STL − MTL = \(Fixed.format(d.mean, 3)) "
                    + "(SE \(Fixed.format(d.standardError, 3)) over \(d.count) seed\(d.count == 1 ? "" : "s"), \(reading))",
                measurements: [.init(key: "degrades_less", value: d.mean,
                                     standardError: d.standardError, limit: nil,
                                     verdict: verdict)]))
        }
        // 2. Repair brings KS to the noise floor (every model and task, every level). A KS that was
        //    already at the level expected after repair before it was repaired shows nothing; when most
        //    were, the check is "not shown".
        var above: [String] = [], alreadyAtFloor: [String] = []
        var cells = 0
        var worst = -Double.infinity
        var worstSE = Double.nan
        var worstText = ""
        for level in levels {
            for (name, cell) in [("MTL reg", level.mtlRegression), ("MTL clf", level.mtlClassification), ("STL reg", level.stlRegression), ("STL clf", level.stlClassification)] {
                cells += 1
                let excess = cell.ksAfter.mean - level.poolFloor.mean
                if excess > 2 * cell.ksAfter.standardError { above.append("\(name) at \(Fixed.percent(level.fraction)) (\(Fixed.format(cell.ksAfter.mean, 3)) vs \(Fixed.format(level.poolFloor.mean, 3)))") }
                if cell.ks.mean - level.poolFloor.mean <= 2 * cell.ks.standardError { alreadyAtFloor.append("\(name) at \(Fixed.percent(level.fraction))") }
                if excess > worst {
                    worst = excess
                    worstSE = cell.ksAfter.standardError
                    worstText = "\(name) at \(Fixed.percent(level.fraction)): \(cell.ksAfter.text()) vs expected \(Fixed.format(level.poolFloor.mean, 3))"
                }
            }
        }
        let before = levels.flatMap { [$0.mtlRegression.ks.mean, $0.stlRegression.ks.mean, $0.mtlClassification.ks.mean, $0.stlClassification.ks.mean] }
        var evidence = "KS before \(Fixed.format(before.min() ?? .nan, 3))–\(Fixed.format(before.max() ?? .nan, 3)); "
            + (above.isEmpty ? "largest excess over the floor: \(worstText)" : "above the floor: \(above.joined(separator: ", "))")
        let ksVerdict: ScarcityCheck.Verdict
        if !above.isEmpty {
            ksVerdict = .doesNotHold
        } else if 2 * alreadyAtFloor.count > cells {
            ksVerdict = .notShown
            evidence += "; but \(alreadyAtFloor.count) of \(cells) (model, task, level) KS were already within 2 SE of that level before repair "
                + "(the test rows and the pool are too few to show the unfairness)"
        } else {
            ksVerdict = .holds
            if !alreadyAtFloor.isEmpty { evidence += "; already at that level before repair: \(alreadyAtFloor.joined(separator: ", "))" }
        }
        checks.append(ScarcityCheck(
            claim: "repair brings KS to the noise floor (mean KS after ≤ expected KS + 2 SE, every model, task and level)",
            verdict: ksVerdict, evidence: evidence,
            measurements: [.init(key: "ks_to_floor", value: worst, standardError: worstSE,
                                 limit: nil, verdict: ksVerdict)]))
        // 3. ... at a small cost in MSE and AUC (the multi-task model, as the paper reports).
        var mseCosts: [Double] = [], aucCosts: [Double] = []
        for level in levels {
            mseCosts.append(MeanSD(level.runs.map { $0.mtlRegression.performanceAfter / $0.mtlRegression.performance - 1 }).mean)
            aucCosts.append(MeanSD(level.runs.map { $0.mtlClassification.performance - $0.mtlClassification.performanceAfter }).mean)
        }
        let mseWorst = mseCosts.max() ?? .nan, aucWorst = aucCosts.max() ?? .nan
        checks.append(ScarcityCheck(
            claim: "at a small cost (multi-task: MSE up ≤ \(Fixed.percent(smallMSEIncrease)), AUC down ≤ \(Fixed.format(smallAUCDecrease, 2)), FairMTL's thresholds)",
            verdict: mseWorst <= smallMSEIncrease && aucWorst <= smallAUCDecrease ? .holds : .doesNotHold,
            evidence: "MSE change per level " + mseCosts.map { signedPercent($0) }.joined(separator: ", ")
                + "; AUC change " + aucCosts.map { Fixed.format(-$0, 3) }.joined(separator: ", ")
                + " (paper: MSE +1.3% to +2.8%, AUC +0.001)",
            measurements: [
                .init(key: "mse_cost", value: mseWorst, standardError: nil, limit: smallMSEIncrease,
                      verdict: mseWorst <= smallMSEIncrease ? .holds : .doesNotHold),
                .init(key: "auc_cost", value: aucWorst, standardError: nil, limit: smallAUCDecrease,
                      verdict: aucWorst <= smallAUCDecrease ? .holds : .doesNotHold),
            ]))
        return checks
    }

    static func signedPercent(_ x: Double) -> String { (x >= 0 ? "+" : "") + Fixed.format(100 * x, 1) + "%" }

    /// MSE against the share of regression labels removed: MTL and STL, before and after repair.
    public static func figure(_ summary: ScarcitySummary) -> Figure {
        let levels = summary.levels
        func points(_ path: KeyPath<ScarcitySummary.Level, ScarcitySummary.Cell>, after: Bool) -> [Point] {
            levels.map { Point($0.fraction, after ? $0[keyPath: path].performanceAfter.mean : $0[keyPath: path].performance.mean) }
        }
        let series = [
            Series(name: "MTL", glyph: "M", style: .line, points: points(\.mtlRegression, after: false)),
            Series(name: "MTL repaired", glyph: "m", style: .line, points: points(\.mtlRegression, after: true)),
            Series(name: "STL", glyph: "S", style: .line, points: points(\.stlRegression, after: false)),
            Series(name: "STL repaired", glyph: "s", style: .line, points: points(\.stlRegression, after: true)),
        ]
        let ys = series.flatMap { $0.points.map(\.y) }.filter(\.isFinite)
        let low = ys.min() ?? 0, high = ys.max() ?? 1
        let pad = max((high - low) * 0.05, 1e-6)
        let scale = NiceScale.expanded(lower: low - pad, upper: high + pad, maximumCount: 5)
        let panel = Panel(
            title: "MSE of \(summary.regression) on the test rows (mean over \(summary.settings.seeds.count) seeds)",
            xAxis: Axis(label: "share of regression labels removed", lower: 0, upper: 1),
            yAxis: Axis(label: "MSE", lower: scale.lower, upper: scale.upper),
            series: series,
            legend: series.map { LegendEntry(glyph: $0.glyph, name: $0.name) },
            height: 13)
        return Figure(panel)
    }

    /// One CSV row per seed and level.
    public static func perRunCSV(_ runs: [ScarcityRunResult]) -> String {
        var header = ["seed", "fraction", "realised_fraction", "training_labels", "validation_labels", "lambda_chosen", "lambda_used",
                      "test_rows", "pool_rows", "ks_noise_floor", "ks_expected_after"]
        for model in ["mtl_regression", "mtl_classification", "stl_regression", "stl_classification"] {
            header += ["perf", "perf_after", "ks", "ks_p", "ks_after", "ks_after_p"].map { "\(model)_\($0)" }
        }
        let num = ProtocolSupport.csvNumber
        var lines = [header.joined(separator: ",")]
        for r in runs {
            var row = [String(r.seed), num(r.fraction), num(r.realisedFraction), String(r.trainingLabels), String(r.validationLabels),
                       r.chosenLambda.map(num) ?? "", num(r.lambdaUsed), String(r.testCounts.reduce(0, +)), String(r.poolCounts.reduce(0, +)),
                       num(r.noiseFloor), num(r.poolFloor)]
            for m in [r.mtlRegression, r.mtlClassification, r.stlRegression, r.stlClassification] {
                row += [m.performance, m.performanceAfter, m.ks.statistic, m.ks.pValue, m.ksAfter.statistic, m.ksAfter.pValue].map(num)
            }
            lines.append(row.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The files of `--out DIR` (no times, so a rerun writes the same bytes): per-run CSV and
    /// JSON, the summary (Markdown) and the plot (SVG).
    public static func files(_ summary: ScarcitySummary, name: String) -> [(name: String, contents: String)] {
        let num = ProtocolSupport.number
        func metrics(_ m: ScarcityTaskMetrics) -> [String: Any] {
            ["perf": num(m.performance), "perf_after": num(m.performanceAfter), "ks": num(m.ks.statistic), "ks_floor": num(m.ks.noiseFloor),
             "ks_p": num(m.ks.pValue), "ks_after": num(m.ksAfter.statistic), "ks_after_p": num(m.ksAfter.pValue)]
        }
        let runs = summary.levels.flatMap(\.runs).sorted { ($0.seed, $0.fraction) < ($1.seed, $1.fraction) }
        let s = summary.settings
        let json: [String: Any] = [
            "protocol": "scarcity", "dataset": summary.datasetLabel, "regression": summary.regression, "classification": summary.classification,
            "settings": ["seeds": s.seeds, "fractions": s.fractions, "test_fraction": s.testFraction, "pool_fraction": s.poolFraction,
                         "validation_fraction": s.validationFraction, "hidden": s.hidden, "epochs": s.epochs, "batch": s.batchSize,
                         "learning_rate": s.learningRate, "dropout": s.dropout, "lambda_train_box": [s.lambdaRange.low, s.lambdaRange.high],
                         "lambda_grid": s.lambdaGrid, "jitter": s.jitter] as [String: Any],
            "runs": runs.map { r -> [String: Any] in
                ["seed": r.seed, "fraction": r.fraction, "realised_fraction": r.realisedFraction, "training_labels": r.trainingLabels,
                 "validation_labels": r.validationLabels, "lambda_chosen": r.chosenLambda.map(num) ?? NSNull(), "lambda_used": r.lambdaUsed,
                 "test_rows": r.testCounts, "pool_rows": r.poolCounts, "ks_noise_floor": num(r.noiseFloor), "ks_expected_after": num(r.poolFloor),
                 "mtl_regression": metrics(r.mtlRegression), "mtl_classification": metrics(r.mtlClassification),
                 "stl_regression": metrics(r.stlRegression), "stl_classification": metrics(r.stlClassification)]
            },
        ]
        return [
            ("scarcity-\(name)-runs.csv", perRunCSV(runs)),
            ("scarcity-\(name)-runs.json", ProtocolSupport.json(json, pretty: true) + "\n"),
            ("scarcity-\(name)-summary.md", document(summary).markdown(heading: "Label scarcity (Table 1 protocol) on \(summary.datasetLabel)")),
            ("scarcity-\(name)-mse.svg", SVGRenderer().render(figure(summary))),
        ]
    }
}
