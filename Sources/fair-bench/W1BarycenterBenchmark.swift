import FairCore
import Foundation

/// `fair-bench w1 [--sizes 1e4,1e5,1e6,1e7 | --input FILE] [--data DIR] [--reps 5] [--warmup 1] [--warmup-seconds 0.5]
/// [--jitter] [--no-check] [--write-output PATH]`
///
/// The peers' W1 workload (`bench_w1_barycenter.py`): barycenter repair of one task with a binary
/// group, fitted on the file's `n_fit` rows and applied to its `n_apply` rows. Each run times
/// `BarycenterRepair.fit` (phase `fit`) and `apply` into a freshly allocated output buffer
/// (phase `apply`; `total` = both); warm-up runs (at least `--warmup 1` and 0.5 s, `WarmUp`),
/// then `--reps` timed runs; reading the file is not timed. Defaults of FairMTL: Convention A
/// (right-continuous ECDF, generalized-inverse quantile, exact integer ranks), clamping, weights
/// = pool frequencies, two threads for large inputs. `--jitter` adds FairMTL's keyed `U(-1e-4, 1e-4)` noise to fit and
/// apply scores (the peers' `--jitter`); fit rows are keyed by row index, apply rows by
/// `n_fit + row`, so no apply row shares a fit row's noise.
///
/// Checks (without `--jitter`, unless `--no-check`), outside the timed runs:
/// - `max_abs_diff_vs_ref`: against `StepQuantileReference`, an independent computation of the
///   same convention (standard-library sort, merge walk, integer ranks), so it should be at the
///   rounding level (0 since the repair's definition is the plain sum `p0·Q0 + p1·Q1`, clamped);
/// - `max_abs_diff_vs_interp_ref`: against the peers' `w1_expected_n{n}.f64` (numpy, quantile
///   interpolated between order statistics, type 7), for information: the conventions differ
///   by up to about one sample spacing (METHOD.md §4.4);
/// - the apply report's row counts against the file's groups.
///
/// The input is held as read (`ScoresFile`: 18 bytes per row) and passed to FairCore as
/// buffers (`UInt8` group codes, no copies), so that `/usr/bin/time -v fair-bench w1 --input
/// FILE --reps 1 --warmup 0 --no-check` measures the repair's own memory on top of the input.
enum W1BarycenterBenchmark {
    static let groupNames = ["0", "1"]

    static func run(_ commandLine: ArraySlice<String>) throws {
        let arguments = try BenchmarkArguments(commandLine, flags: ["jitter", "no-check"])
        let reps = try arguments.integer("reps", default: 5)
        let warmup = try WarmUp(arguments)
        let jitter = arguments.flag("jitter")
        let check = !arguments.flag("no-check")
        let inputs = try PeerData.inputs(arguments, defaultSizes: "1e4,1e5,1e6,1e7")
        if arguments.string("write-output") != nil && inputs.count != 1 {
            throw BenchmarkError.usage("--write-output needs a single input (--input FILE or one size)")
        }
        for input in inputs {
            progress("W1 fairmtl \(input.path) ...")
            let file = try ScoresFile.load(input.path)
            try measure(file, directory: input.directory, reps: reps, warmup: warmup, jitter: jitter, check: check,
                        writeOutput: arguments.string("write-output"))
        }
    }

    static func measure(_ file: ScoresFile, directory: String, reps: Int, warmup: WarmUp, jitter: Bool, check: Bool,
                        writeOutput: String?) throws {
        let nFit = file.fitScores.count, nApply = file.applyScores.count
        let options = RepairOptions(jitterHalfWidth: jitter ? 1e-4 : 0, seed: file.seed)
        let rssBefore = peakResidentMegabytes()
        var fitTimes: [Double] = [], applyTimes: [Double] = [], totalTimes: [Double] = []
        var outputs = UnsafeMutableBufferPointer<Double>(start: nil, count: 0)
        defer { outputs.deallocate() }
        var report: RepairApplyReport? = nil
        let warmupStart = Timing.now()
        var warmupRuns = 0
        while totalTimes.count < reps {
            outputs.deallocate()
            outputs = UnsafeMutableBufferPointer(start: nil, count: 0)
            let start = Timing.now()
            let repair = try file.fitScores.withUnsafeBufferPointer { scores in
                try file.fitGroups.withUnsafeBufferPointer { groups in
                    try BarycenterRepair.fit(scores: scores, groupCodes: groups, groupNames: groupNames,
                                             taskName: "W1", options: options)
                }
            }
            let fitted = Timing.now()
            outputs = .allocate(capacity: nApply)
            adviseHugePages(outputs)
            report = try file.applyScores.withUnsafeBufferPointer { scores in
                try file.applyGroups.withUnsafeBufferPointer { groups in
                    try repair.apply(scores: scores, groupCodes: groups, groupNames: groupNames,
                                     firstRowID: UInt64(nFit), into: outputs)
                }
            }
            let end = Timing.now()
            if warmup.isOver(after: warmupRuns, since: warmupStart) {
                fitTimes.append(fitted - start)
                applyTimes.append(end - fitted)
                totalTimes.append(end - start)
            } else {
                warmupRuns += 1
            }
        }
        let rssAfter = peakResidentMegabytes()

        var total = JSONLine(workload: "W1_barycenter", impl: "fairmtl", n: nFit, seconds: totalTimes)
        total.add("phase", "total")
        total.add("jitter", jitter)
        total.add("n_fit", nFit)
        total.add("n_apply", nApply)
        total.add("threads", 2)
        total.add("peak_rss_mb_before", rssBefore)
        total.add("peak_rss_mb_after", rssAfter)
        if check {
            if let report {
                var expected = [0, 0]
                for g in file.applyGroups where g < 2 { expected[Int(g)] += 1 }
                guard report.rowCounts == expected else {
                    throw BenchmarkError.check("apply report row counts \(report.rowCounts), file has \(expected)")
                }
            }
            if !jitter {
                let reference = StepQuantileReference.outputs(file)
                total.add("ref", "step_quantile_reference_exact_ranks")
                total.add("max_abs_diff_vs_ref", maxAbsoluteDifference(outputs, reference))
                let interpolatedPath = "\(directory)/w1_expected_n\(nFit).f64"
                if nFit == nApply, FileManager.default.fileExists(atPath: interpolatedPath) {
                    let interpolated = try ScoresFile.readDoubles(interpolatedPath, count: nApply)
                    total.add("max_abs_diff_vs_interp_ref", maxAbsoluteDifference(outputs, interpolated))
                }
            }
        }
        var sum = 0.0
        for v in outputs { sum += v }
        total.add("checksum_sum", sum)
        total.print()
        for (phase, times) in [("fit", fitTimes), ("apply", applyTimes)] {
            var line = JSONLine(workload: "W1_barycenter", impl: "fairmtl", n: nFit, seconds: times)
            line.add("phase", phase)
            line.add("jitter", jitter)
            line.print()
        }
        if let writeOutput {
            try AtomicFile.write(UnsafeRawBufferPointer(outputs), to: writeOutput)
        }
    }

    /// Advises transparent huge pages for the output buffer before it is written, as NumPy does by
    /// default for its large arrays (`np.empty` in the peers' apply), so that both pay one page
    /// fault per 2 MiB rather than per 4 KiB.
    static func adviseHugePages(_ buffer: UnsafeMutableBufferPointer<Double>) {
        #if os(Linux)
        let page = 4096
        let first = (Int(bitPattern: buffer.baseAddress) + page - 1) & ~(page - 1)
        let last = (Int(bitPattern: buffer.baseAddress) + 8 * buffer.count) & ~(page - 1)
        if buffer.count >= 1 << 19, last > first, let start = UnsafeMutableRawPointer(bitPattern: first) {
            _ = madvise(start, last - first, MADV_HUGEPAGE)
        }
        #endif
    }

    static func maxAbsoluteDifference(_ a: UnsafeMutableBufferPointer<Double>, _ b: [Double]) -> Double {
        var worst = 0.0
        for i in 0..<min(a.count, b.count) { worst = max(worst, abs(a[i] - b[i])) }
        return worst
    }
}
