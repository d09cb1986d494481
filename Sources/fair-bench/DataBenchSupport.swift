// Helpers of the FairData workloads (`csv`, `adult`): options, timing (wall and CPU), JSON numbers.
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `--key value` options of a workload, and value-less `--flag`s among the given `flags`.
struct BenchmarkArguments {
    private var values: [String: String] = [:]

    init(_ arguments: ArraySlice<String>, flags: Set<String> = []) throws {
        let arguments = Array(arguments)
        var i = 0
        while i < arguments.count {
            let key = arguments[i]
            if key.hasPrefix("--"), flags.contains(String(key.dropFirst(2))) {
                values[String(key.dropFirst(2))] = ""
                i += 1
                continue
            }
            guard key.hasPrefix("--"), i + 1 < arguments.count else { throw BenchmarkError.usage("expected --option value, got \"\(key)\"") }
            values[String(key.dropFirst(2))] = arguments[i + 1]
            i += 2
        }
    }

    /// Whether the value-less `--key` was given.
    func flag(_ key: String) -> Bool { values[key] != nil }

    /// An integer option; accepts forms like `1000000`, `1e6`.
    func integer(_ key: String, default value: Int) throws -> Int {
        guard let text = values[key] else { return value }
        guard let number = Double(text), number >= 1, number == number.rounded(), number < 1e12 else {
            throw BenchmarkError.usage("--\(key) must be a positive integer (got \"\(text)\")")
        }
        return Int(number)
    }

    func string(_ key: String) -> String? { values[key] }
}

enum BenchmarkError: Error, CustomStringConvertible {
    case usage(String)
    case check(String)

    var description: String {
        switch self {
        case let .usage(text): return "usage: \(text)"
        case let .check(text): return "check failed: \(text)"
        }
    }
}

/// Timing helpers: 1 warm-up, then `runs` timed runs; median, min and max in seconds.
enum Timing {
    static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
    }

    /// CPU time (user + system) used by this process so far, in seconds.
    static func cpuTime() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) * 1e-6
        let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) * 1e-6
        return user + system
    }

    /// Wall-clock median, min and max, and the median CPU time (which a busy shared machine
    /// inflates less than wall-clock time).
    static func measure(runs: Int, _ body: () throws -> Void) rethrows -> (median: Double, min: Double, max: Double, cpuMedian: Double) {
        try body()
        var times: [Double] = []
        var cpu: [Double] = []
        for _ in 0..<runs {
            let start = now()
            let cpuStart = cpuTime()
            try body()
            times.append(now() - start)
            cpu.append(cpuTime() - cpuStart)
        }
        return (median(times), times.min()!, times.max()!, median(cpu))
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2])
    }

    /// A JSON number with up to 6 significant digits.
    static func json(_ value: Double) -> String {
        String(format: "%.6g", value)
    }
}
