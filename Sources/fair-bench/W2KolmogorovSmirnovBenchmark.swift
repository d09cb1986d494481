import FairCore
import Foundation

/// `fair-bench w2 [--sizes 1e4,1e5,1e6,1e7 | --input FILE] [--data DIR] [--reps 5] [--warmup 1] [--warmup-seconds 0.5]`
///
/// The peers' W2 workload (`bench_w2_ks.py`): on the file's fit split, `x0` = the scores of group 0
/// and `x1` those of group 1 (split before timing, as the peers do), then
/// - `W2_ks`: the exact two-sample KS statistic `KolmogorovSmirnov(x0, x1).statistic` (unsorted
///   input; FairCore sorts what it needs), compared with the statistic scipy's `ks_2samp` wrote to
///   `manifest.json` (`value_manifest`, `abs_diff_vs_manifest`);
/// - `W2_wasserstein1`: the exact 1-Wasserstein distance `Wasserstein.w1(x0, x1)` (a different
///   statistic, as the peers' POT/scipy lines), compared with the manifest's `w2_wasserstein1`.
/// warm-up runs (at least `--warmup 1` and 0.5 s, `WarmUp`), then `--reps` timed runs; data loading and the split are not timed.
enum W2KolmogorovSmirnovBenchmark {
    static func run(_ commandLine: ArraySlice<String>) throws {
        let arguments = try BenchmarkArguments(commandLine)
        let reps = try arguments.integer("reps", default: 5)
        let warmup = try WarmUp(arguments)
        for input in try PeerData.inputs(arguments, defaultSizes: "1e4,1e5,1e6,1e7") {
            progress("W2 fairmtl \(input.path) ...")
            let file = try ScoresFile.load(input.path)
            var x0: [Double] = [], x1: [Double] = []
            for (row, g) in file.fitGroups.enumerated() {
                if g == 0 { x0.append(file.fitScores[row]) } else if g == 1 { x1.append(file.fitScores[row]) }
            }
            let n = file.fitScores.count
            let manifest = PeerData.manifestEntry(directory: input.directory, n: n)

            var ks = 0.0
            let ksTimes = try times(reps: reps, warmup: warmup) { ks = try KolmogorovSmirnov(x0, x1).statistic }
            emit("W2_ks", n: n, times: ksTimes, value: ks, manifestValue: manifest?["w2_ks_statistic"] as? Double, x0, x1)

            var w1 = 0.0
            let w1Times = try times(reps: reps, warmup: warmup) { w1 = try Wasserstein.w1(x0, x1) }
            emit("W2_wasserstein1", n: n, times: w1Times, value: w1, manifestValue: manifest?["w2_wasserstein1"] as? Double, x0, x1)
        }
    }

    static func times(reps: Int, warmup: WarmUp, _ body: () throws -> Void) rethrows -> [Double] {
        try warmup.run(body)
        var result: [Double] = []
        for _ in 0..<reps {
            let start = Timing.now()
            try body()
            result.append(Timing.now() - start)
        }
        return result
    }

    static func emit(_ workload: String, n: Int, times: [Double], value: Double, manifestValue: Double?,
                     _ x0: [Double], _ x1: [Double]) {
        var line = JSONLine(workload: workload, impl: "fairmtl", n: n, seconds: times)
        line.add("value", value)
        line.add("n0", x0.count)
        line.add("n1", x1.count)
        if let manifestValue {
            line.add("value_manifest", manifestValue)
            line.add("abs_diff_vs_manifest", abs(value - manifestValue))
        }
        line.print()
    }
}
