// Helpers of the workloads that run on the peers' input files (`w1`, `w2`): where the files are,
// the sizes option, one JSON line per measurement in the peers' format, peak memory.
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The peers' data directory and files (../shared/bench/README.md, "Data").
enum PeerData {
    /// `--data DIR`, else `$DATA`, else `$XDG_CACHE_HOME/fairmtl-peers/data`, else
    /// `~/.cache/fairmtl-peers/data` (where the peers' `gen_data.py` writes).
    static func directory(_ explicit: String?) -> String {
        if let explicit { return explicit }
        let environment = ProcessInfo.processInfo.environment
        if let data = environment["DATA"], !data.isEmpty { return data }
        if let cache = environment["XDG_CACHE_HOME"], !cache.isEmpty { return cache + "/fairmtl-peers/data" }
        return NSHomeDirectory() + "/.cache/fairmtl-peers/data"
    }

    /// The input files a workload runs on: `--input FILE` alone, or `scores_n{n}.bin` in the data
    /// directory for every size of `--sizes` (default `defaultSizes`). Each with the size its
    /// name says (`nil` for an explicit file: the header tells).
    static func inputs(_ arguments: BenchmarkArguments, defaultSizes: String) throws -> [(path: String, directory: String)] {
        let directory = directory(arguments.string("data"))
        if let input = arguments.string("input") {
            return [(input, (input as NSString).deletingLastPathComponent)]
        }
        return try sizes(arguments.string("sizes") ?? defaultSizes).map { ("\(directory)/scores_n\($0).bin", directory) }
    }

    /// A comma list of sizes such as `1e4,1e5,1e6,1e7` (as the peers' `--sizes`).
    static func sizes(_ text: String) throws -> [Int] {
        try text.split(separator: ",").map { token in
            let trimmed = token.trimmingCharacters(in: .whitespaces)
            guard let value = Double(trimmed), value >= 1, value == value.rounded(), value < 1e12 else {
                throw BenchmarkError.usage("--sizes must be a comma list of positive integers such as 1e6,1e7 (got \"\(trimmed)\")")
            }
            return Int(value)
        }
    }

    /// The entry of size `n` in the directory's `manifest.json` (written by `gen_data.py`), if any.
    static func manifestEntry(directory: String, n: Int) -> [String: Any]? {
        guard let data = FileManager.default.contents(atPath: directory + "/manifest.json"),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let scores = root["scores"] as? [String: Any] else { return nil }
        return scores[String(n)] as? [String: Any]
    }
}

/// Non-negative integer options that may be 0 (`--warmup 0`).
extension BenchmarkArguments {
    func count(_ key: String, default value: Int) throws -> Int {
        guard let text = string(key) else { return value }
        guard let number = Int(text), number >= 0 else {
            throw BenchmarkError.usage("--\(key) must be an integer >= 0 (got \"\(text)\")")
        }
        return number
    }
}

/// One JSON object per line, keys in insertion order, as the peers' `common.emit`:
/// `workload`, `impl`, `n`, `seconds_median`, `runs`, `seconds_min`, `seconds_max`, then extras.
struct JSONLine {
    private var fields: [String] = []

    init(workload: String, impl: String, n: Int, seconds: [Double]) {
        add("workload", workload)
        add("impl", impl)
        add("n", n)
        add("seconds_median", seconds.isEmpty ? .nan : Timing.median(seconds))
        add("runs", seconds.count)
        add("seconds_min", seconds.min() ?? .nan)
        add("seconds_max", seconds.max() ?? .nan)
    }

    mutating func add(_ key: String, _ value: String) { fields.append("\"\(key)\": \"\(value)\"") }
    mutating func add(_ key: String, _ value: Int) { fields.append("\"\(key)\": \(value)") }
    mutating func add(_ key: String, _ value: Bool) { fields.append("\"\(key)\": \(value)") }
    /// A number with 17 significant digits (round-trips), `NaN` as JSON `NaN` like Python's `json`.
    mutating func add(_ key: String, _ value: Double) {
        fields.append("\"\(key)\": " + (value.isFinite ? String(format: "%.17g", value) : "NaN"))
    }

    var text: String { "{" + fields.joined(separator: ", ") + "}" }

    /// Writes the line to standard output at once (unbuffered, so a pipe sees it immediately).
    func print() {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}

/// Peak resident set size of this process so far, in MiB (`getrusage`, as the peers' `peak_rss_mb`).
func peakResidentMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    #if canImport(Darwin)
    return Double(usage.ru_maxrss) / (1024 * 1024)
    #else
    return Double(usage.ru_maxrss) / 1024
    #endif
}

/// Progress on standard error (the JSON lines go to standard output).
func progress(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// The warm-up before the timed runs: at least `runs` untimed runs and, when `runs > 0`, until
/// `seconds` have passed since the first of them (`--warmup N`, `--warmup-seconds S`).
///
/// Why a time as well: on the project machine (a 2-core VM), per-run times show that the first
/// 0.1-0.3 s of a process's work run up to 2x slower (not page faults: they stay flat after the
/// first run), so with one warm-up run of 15 ms the median of 5 runs could land in that phase.
/// The peers' single warm-up run lasts about 80 ms (numpy at 1e6) and starts after Python's
/// imports. `--warmup 0` means no warm-up at all (the peak-memory command).
struct WarmUp {
    let runs: Int
    let seconds: Double

    init(_ arguments: BenchmarkArguments) throws {
        runs = try arguments.count("warmup", default: 1)
        if let text = arguments.string("warmup-seconds") {
            guard let value = Double(text), value >= 0, value.isFinite else {
                throw BenchmarkError.usage("--warmup-seconds must be a number of seconds >= 0 (got \"\(text)\")")
            }
            seconds = value
        } else {
            seconds = 0.5
        }
    }

    /// Whether the warm-up is over after `done` runs that began at `start` (`Timing.now()`).
    func isOver(after done: Int, since start: Double) -> Bool {
        runs == 0 || (done >= runs && Timing.now() - start >= seconds)
    }

    /// Runs `body` until the warm-up is over.
    func run(_ body: () throws -> Void) rethrows {
        let start = Timing.now()
        var done = 0
        while !isOver(after: done, since: start) {
            try body()
            done += 1
        }
    }
}
