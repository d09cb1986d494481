import FairCore
import FairData
import FairNet
import Foundation

/// The paper's COMPAS experiment (EXPERIMENTS.md §2, Table 2) end to end on the real file, timed.
///
/// Per seed (`CompasProtocolRun`): a train / unlabeled pool / test split; a YOTO multi-task model
/// ([24, 24, 24], λ_t ~ U(0.25, 6)) trained 75 epochs and two single-task models trained 50 epochs;
/// predictions at λ = (1, 6); the barycenter repair of each task fitted on the pool (pp(pool), the
/// paper's Remark 2) and on the training predictions (pp(train), the reference code), applied to the
/// test rows; AUC (each task against its own labels), KS with its noise floor, DP gap at 1/2.
/// Prints the Table 2–shaped aggregate (mean ± SD) beside the paper's numbers and the wall time;
/// `--json` prints one JSON line per seed (`compas_protocol_run`) and one summary line
/// (`compas_protocol`, `impl: fairmtl`, `seconds_median` = the whole protocol).
///
///     fair-bench compas-protocol [--seeds 20] [--data-dir DIR] [--json] [--film perUnit|scalar]
///         [--lambda 1,6] [--jitter 0.001] [--pool-fraction 0.2] [--threads 1]
///
/// Data directory: `--data-dir`, else `FAIR_DATA_DIR`, else `../shared/datasets` (relative to the
/// current directory, as CI sets it from a clone).
enum CompasProtocol {
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

        var runs: [CompasRunResult] = []
        let start = now()
        let cpuStart = Timing.cpuTime()
        for (k, seed) in settings.seeds.enumerated() {
            let result = try CompasProtocolRun.run(dataset: dataset, seed: seed, settings: settings)
            runs.append(result)
            log(String(format: "compas-protocol: seed %llu (%d/%d) %.2f s; MTL AUC %.3f / %.3f, KS %.3f → %.3f",
                       seed, k + 1, settings.seeds.count, result.seconds,
                       result.mtl[CompasProtocolSettings.tasks[0]]?.aucBefore ?? .nan, result.mtl[CompasProtocolSettings.tasks[1]]?.aucBefore ?? .nan,
                       result.mtl[CompasProtocolSettings.tasks[0]]?.ksBefore ?? .nan, result.mtl[CompasProtocolSettings.tasks[0]]?.pool.ks ?? .nan))
        }
        let total = now() - start
        let cpu = Timing.cpuTime() - cpuStart

        if json {
            for result in runs { print(CompasProtocolReport.jsonLine(CompasProtocolReport.runJSON(result, groupNames: groupNames))) }
            emit(workload: "compas_protocol", impl: "fairmtl", n: dataset.table.rowCount, times: [total],
                 extra: CompasProtocolReport.summaryJSON(runs: runs, settings: settings, groupNames: groupNames,
                                                         rows: dataset.table.rowCount, loadSeconds: loadSeconds, totalSeconds: total, cpuSeconds: cpu))
        } else {
            print(CompasProtocolReport.text(runs: runs, settings: settings, groupNames: groupNames, rows: dataset.table.rowCount,
                                            features: features.width, loadSeconds: loadSeconds, totalSeconds: total, cpuSeconds: cpu))
        }
    }

    static func parseSettings(_ options: BenchOptions) throws -> CompasProtocolSettings {
        let all = CompasProtocolSettings.paperSeeds
        let count = try options.int("seeds", all.count)
        guard (1...all.count).contains(count) else { throw BenchError("--seeds must be in 1...\(all.count) (the paper's split seeds)") }
        var settings = CompasProtocolSettings(seeds: Array(all.prefix(count)))
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
        return settings
    }

    private static func double(_ options: BenchOptions, _ name: String, _ fallback: Double, valid: (Double) -> Bool, _ allowed: String) throws -> Double {
        guard options.has(name) else { return fallback }
        let text = options.string(name, "")
        guard let value = Double(text), value.isFinite, valid(value) else { throw BenchError("--\(name) must be \(allowed); got \(text)") }
        return value
    }
}
