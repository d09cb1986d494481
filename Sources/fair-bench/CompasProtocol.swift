import FairCore
import FairData
import FairNet
import FairReplication
import Foundation

/// The paper's COMPAS experiment (EXPERIMENTS.md §2, Table 2) end to end on the real file, timed.
/// The protocol itself is FairReplication's `CompasProtocol` (the one `reproduce compas` runs);
/// this workload adds the wall time and the peers' JSON-lines format.
///
/// Prints the report (Table 2 layout beside the paper's numbers, KS details, joint diagnostic,
/// reading) and the wall time; `--json` prints one JSON line per seed (`compas_protocol_run`) and
/// one summary line (`compas_protocol`, `impl: fairmtl`, `seconds_median` = the whole protocol).
///
///     fair-bench compas-protocol [--seeds 20] [--data-dir DIR] [--json] [--film perUnit|scalar]
///         [--lambda 1,6] [--jitter 0.001] [--pool-fraction 0.2] [--threads 1] [--bootstrap 1000]
///
/// Data directory: `--data-dir`, else `FAIR_DATA_DIR`, else `../shared/datasets` (relative to the
/// current directory, as CI sets it from a clone).
enum CompasProtocolWorkload {
    static func run(_ arguments: ArraySlice<String>) throws {
        let options = try BenchOptions(arguments)
        let settings = try parseSettings(options)
        let json = options.has("json")
        let explicit = options.string("data-dir", "")
        let directory = (try? DataDirectory.resolve(explicitPath: explicit, needed: "dataset \"compas\""))
            ?? DataDirectory(path: "../shared/datasets")

        let loadStart = now()
        let dataset = try CompasRecipe.load(from: directory)
        let features = try dataset.encoderOnAllRows()
        let loadSeconds = now() - loadStart
        let groupNames = dataset.groups.names

        let start = now()
        let cpuStart = Timing.cpuTime()
        let runs = try CompasProtocol.run(dataset: dataset, settings: settings) { event in
            log("compas-protocol: \(event.unit) \(event.completed)/\(event.total) \(event.detail)")
        }
        let total = now() - start
        let cpu = Timing.cpuTime() - cpuStart
        let summary = CompasSummary(runs: runs, settings: settings, groupNames: groupNames)

        if json {
            for result in runs { print(jsonLine(CompasReport.runJSON(result, groupNames: groupNames, includeTimes: true))) }
            emit(workload: "compas_protocol", impl: "fairmtl", n: dataset.table.rowCount, times: [total],
                 extra: summaryJSON(summary, rows: dataset.table.rowCount, loadSeconds: loadSeconds, totalSeconds: total, cpuSeconds: cpu))
        } else {
            print(CompasReport.document(summary, rows: dataset.table.rowCount, features: features.width,
                                        timing: (total: total, load: loadSeconds)).text())
            print(String(format: "CPU %.1f s (release build, --threads %d)", cpu, settings.trainingThreads))
        }
    }

    static func parseSettings(_ options: BenchOptions) throws -> CompasSettings {
        let all = CompasSettings.paperSeeds
        let count = try options.int("seeds", all.count)
        guard (1...all.count).contains(count) else { throw BenchError("--seeds must be in 1...\(all.count) (the paper's split seeds)") }
        var settings = CompasSettings(seedCount: count)
        let film = options.string("film", settings.film.rawValue)
        guard let mode = Conditioning.Mode(rawValue: film) else {
            throw BenchError("--film must be one of \(Conditioning.Mode.allCases.map(\.rawValue).joined(separator: ", ")), got \(film)")
        }
        settings.film = mode
        if options.has("lambda") {
            let text = options.string("lambda", "")
            let values = text.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard values.count == 2, values.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
                throw BenchError("--lambda needs two non-negative weights in task order (is_recid,is_violent_recid), e.g. 1,6; got \(text)")
            }
            settings.lambda = values
        }
        settings.jitter = try double(options, "jitter", settings.jitter, valid: { $0 >= 0 }, "a half-width >= 0 (0 = no jitter, as the reference code)")
        settings.poolFraction = try double(options, "pool-fraction", settings.poolFraction, valid: { $0 > 0 && $0 < 1 },
                                           "a fraction in (0, 1) of the non-test rows")
        settings.trainingThreads = try options.int("threads", settings.trainingThreads)
        guard settings.trainingThreads >= 1 else { throw BenchError("--threads must be at least 1") }
        settings.bootstrapReplicates = try options.int("bootstrap", settings.bootstrapReplicates)
        try settings.validate()
        return settings
    }

    /// The summary record: the peers' keys plus the aggregated metrics and settings.
    static func summaryJSON(_ summary: CompasSummary, rows: Int, loadSeconds: Double, totalSeconds: Double, cpuSeconds: Double) -> [String: Any] {
        func cell(_ c: CompasSummary.Cell) -> [String: Any] {
            var out: [String: Any] = [
                "auc": c.aucBefore.json, "ks": c.ksBefore.statistic.json, "ks_on_training_rows_as_code": c.ksBeforeOnTrainingRows.json,
                "dp_gap_half": c.dpBefore.json, "pp_pool_auc": c.aucPool.json, "pp_pool_ks": c.ksPool.statistic.json, "pp_pool_dp_gap_half": c.dpPool.json,
                "pp_train_auc": c.aucTrain.json, "pp_train_ks": c.ksTrain.statistic.json, "pp_train_dp_gap_half": c.dpTrain.json,
                "pp_pool_out_of_range_rows": c.outOfRangePool, "pp_pool_inversions": c.inversionsPool, "pp_pool_tied_by_map": c.tiedPool,
            ]
            if let d6 = c.aucAgainstTask1Labels { out["auc_against_task1_labels_as_code"] = d6.json }
            return out
        }
        let runs = summary.runs
        let perSeed = runs.map(\.seconds)
        return [
            "seeds": runs.map(\.seed), "groups": summary.groupNames, "unit": "seconds for the whole protocol (all seeds)",
            "seconds_per_seed_median": median(perSeed), "seconds_per_seed_min": perSeed.min() ?? 0, "seconds_per_seed_max": perSeed.max() ?? 0,
            "mtl_train_seconds_median": median(runs.map(\.mtlTrainSeconds)), "stl_train_seconds_median": median(runs.map(\.stlTrainSeconds)),
            "load_seconds": loadSeconds, "settings": CompasReport.settingsJSON(summary.settings), "sd": "sample SD (n - 1) over seeds; values are [mean, sd]",
            "ks_noise_floor": summary.noiseFloor.json, "cpu_seconds": cpuSeconds,
            "ks_expected_pp_pool": summary.poolFloor.json, "ks_expected_pp_train": summary.trainFloor.json,
            "mtl": summary.mtl.mapValues(cell), "stl": summary.stl.mapValues(cell),
            "paper_table2": CompasPaperTable.cells.mapValues { $0.map(\.text) }, "data": "compas-scores-two-years.csv, \(rows) rows after the recipe",
        ]
    }

    static func jsonLine(_ record: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    static func median(_ values: [Double]) -> Double {
        let s = values.sorted()
        if s.isEmpty { return .nan }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    private static func double(_ options: BenchOptions, _ name: String, _ fallback: Double, valid: (Double) -> Bool, _ allowed: String) throws -> Double {
        guard options.has(name) else { return fallback }
        let text = options.string(name, "")
        guard let value = Double(text), value.isFinite, valid(value) else { throw BenchError("--\(name) must be \(allowed); got \(text)") }
        return value
    }
}
