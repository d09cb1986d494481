// fair-bench: release-mode benchmarks printing one JSON line per measurement, in the format of the
// Python peers (../shared/bench/README.md), so the peers' summarize.py can merge the results.
// Usage: fair-bench <workload> [options]   (build with `swift build -c release`)
import Foundation

let workloads: [String: (ArraySlice<String>) throws -> Void] = [
    "csv": CSVReadBenchmark.run,
    "adult": AdultLoadBenchmark.run,
    "mlp": MLPWorkload.run,
    "compas-shape": CompasShapeWorkload.run,
    "compas-protocol": CompasProtocolWorkload.run,
    "w1": W1BarycenterBenchmark.run,
    "w2": W2KolmogorovSmirnovBenchmark.run,
]

let arguments = CommandLine.arguments.dropFirst()
guard let name = arguments.first, let workload = workloads[name] else {
    FileHandle.standardError.write(Data("usage: fair-bench <\(workloads.keys.sorted().joined(separator: "|"))> [options]\n".utf8))
    exit(2)
}
do {
    try workload(arguments.dropFirst())
} catch {
    FileHandle.standardError.write(Data("fair-bench \(name): \(error)\n".utf8))
    exit(1)
}
