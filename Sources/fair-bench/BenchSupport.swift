import Foundation

/// Options of the form `--name value` (and bare `--flag`).
struct BenchOptions {
    private var values: [String: String] = [:]

    init(_ arguments: ArraySlice<String>) throws {
        var i = arguments.startIndex
        while i < arguments.endIndex {
            let key = arguments[i]
            guard key.hasPrefix("--") else { throw BenchError("unexpected argument \(key); options look like --name value") }
            let next = arguments.index(after: i)
            if next < arguments.endIndex, !arguments[next].hasPrefix("--") {
                values[String(key.dropFirst(2))] = arguments[next]
                i = arguments.index(after: next)
            } else {
                values[String(key.dropFirst(2))] = ""
                i = next
            }
        }
    }

    func string(_ name: String, _ fallback: String) -> String { values[name] ?? fallback }
    func int(_ name: String, _ fallback: Int) throws -> Int {
        guard let text = values[name] else { return fallback }
        guard let v = Double(text), v == v.rounded() else { throw BenchError("--\(name) needs an integer, got \(text)") }
        return Int(v)
    }
    func has(_ name: String) -> Bool { values[name] != nil }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// Prints one JSON line with the peers' keys (`workload`, `impl`, `n`, `seconds_median`, `runs`,
/// `seconds_min`, `seconds_max`) plus extras.
func emit(workload: String, impl: String, n: Int, times: [Double], extra: [String: Any]) {
    let sorted = times.sorted()
    let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    var record: [String: Any] = ["workload": workload, "impl": impl, "n": n, "seconds_median": median,
                                 "runs": times.count, "seconds_min": sorted.first ?? 0, "seconds_max": sorted.last ?? 0]
    for (k, v) in extra { record[k] = v }
    let data = try! JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
    fflush(nil)
}

func log(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}
