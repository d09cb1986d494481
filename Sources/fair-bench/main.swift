// fair-bench: release-mode benchmarks printing one JSON line per measurement, in the peers'
// format (../shared/bench/README.md, "Output format"). Build with `swift build -c release`.
//
//   fair-bench <workload> [options]      run one workload
//   fair-bench list                      list the workloads
//
// To add a workload: write a type conforming to `BenchmarkWorkload` in its own file and add it
// to `workloads` below.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let workloads: [any BenchmarkWorkload.Type] = [
    CSVReadBenchmark.self,
    AdultLoadBenchmark.self,
]

@MainActor func usage() -> String {
    var text = "usage: fair-bench <workload> [options]\nworkloads:\n"
    for workload in workloads { text += "  \(workload.name.padding(12))\(workload.summary)\n" }
    return text
}

/// Writes `text` to standard error.
func printError(_ text: String) {
    var bytes = Array(text.utf8)
    _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self + " " : self + String(repeating: " ", count: width - count) }
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, name != "-h", name != "--help" else {
    print(usage(), terminator: "")
    exit(arguments.isEmpty ? 2 : 0)
}
if name == "list" {
    print(usage(), terminator: "")
    exit(0)
}
guard let workload = workloads.first(where: { $0.name == name }) else {
    printError("fair-bench: unknown workload \"\(name)\"\n" + usage())
    exit(2)
}
do {
    try workload.run(arguments: BenchmarkArguments(Array(arguments.dropFirst())))
} catch {
    printError("fair-bench \(name): \(error)\n")
    exit(1)
}
