import FairData
import Foundation

/// `fair-bench adult [--data-dir DIR] [--runs 5]`: times loading UCI Adult from the data
/// directory (default `FAIR_DATA_DIR`). Prints two JSON lines:
/// - `adult_read`: `CSVReader` on `adult.data` alone (32,561 rows, 3.97 MB);
/// - `adult_load`: the whole recipe (`AdultRecipe.load`): SHA-256 of both files, parsing both,
///   dropping rows with `?`, building the dataset.
enum AdultLoadBenchmark {
    static func run(_ commandLine: ArraySlice<String>) throws {
        let arguments = try BenchmarkArguments(commandLine)
        let runs = try arguments.integer("runs", default: 5)
        let directory = try DataDirectory.resolve(explicitPath: arguments.string("data-dir"), needed: "dataset \"adult\"")
        let trainPath = try directory.locate(AdultRecipe.trainFile)
        let bytes = try FileManager.default.attributesOfItem(atPath: trainPath)[.size] as? Int ?? 0

        var table = Table()
        let read = try Timing.measure(runs: runs) {
            table = try CSVReader.read(contentsOf: trainPath, options: AdultRecipe.readOptions(missingValues: .dropRows, skipLeadingLines: 0))
        }
        guard table.rowCount == 32_561 else { throw BenchmarkError.check("adult.data has \(table.rowCount) rows, expected 32,561") }
        print(
            "{\"workload\": \"adult_read\", \"impl\": \"fairmtl\", \"n\": \(table.rowCount), \"bytes\": \(bytes), "
                + "\"seconds_median\": \(Timing.json(read.median)), \"seconds_min\": \(Timing.json(read.min)), "
                + "\"seconds_max\": \(Timing.json(read.max)), \"runs\": \(runs), \"mb_per_s\": \(Timing.json(Double(bytes) / 1e6 / read.median)), "
                + "\"cpu_seconds_median\": \(Timing.json(read.cpuMedian))}")

        var dataset: Dataset? = nil
        let load = try Timing.measure(runs: runs) { dataset = try AdultRecipe.load(from: directory) }
        let rows = dataset?.table.rowCount ?? 0
        guard rows == 45_222 else { throw BenchmarkError.check("the Adult recipe gave \(rows) rows, expected 45,222") }
        print(
            "{\"workload\": \"adult_load\", \"impl\": \"fairmtl\", \"n\": \(rows), \"checksums\": true, "
                + "\"seconds_median\": \(Timing.json(load.median)), \"seconds_min\": \(Timing.json(load.min)), "
                + "\"seconds_max\": \(Timing.json(load.max)), \"runs\": \(runs), \"cpu_seconds_median\": \(Timing.json(load.cpuMedian))}")
    }
}
