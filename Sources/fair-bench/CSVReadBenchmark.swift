import FairCore
import FairData
import Foundation

/// `fair-bench csv [--rows 1000000] [--cols 10] [--runs 5] [--format repr|fixed6|int] [--keep PATH]`
/// or `fair-bench csv --input PATH [--runs 5]`:
/// writes a numeric CSV (header + rows × cols values from a seeded generator) to a temporary
/// folder, reads it once to warm up and `runs` times timed with `CSVReader.read(contentsOf:)`
/// (file read + parse + table), checks the result, and prints one JSON line.
///
/// Formats: `repr` = standard normals in shortest round-trip form (about 18 significant
/// digits: the slow `strtod` path); `fixed6` = normals with 6 decimals (the fast path);
/// `int` = integers in 0..<100000 (as in UCI/ACS files). `--keep PATH` also copies the generated
/// file to PATH (e.g. to compare with pandas on the same bytes); `--input PATH` times an
/// existing file instead (default read options; `n` is its row count).
enum CSVReadBenchmark {
    static func run(_ commandLine: ArraySlice<String>) throws {
        let arguments = try BenchmarkArguments(commandLine)
        let rows = try arguments.integer("rows", default: 1_000_000)
        let columns = try arguments.integer("cols", default: 10)
        let runs = try arguments.integer("runs", default: 5)
        if let input = arguments.string("input") {
            var table = Table()
            let timing = try Timing.measure(runs: runs) { table = try CSVReader.read(contentsOf: input) }
            let bytes = try FileManager.default.attributesOfItem(atPath: input)[.size] as? Int ?? 0
            print(
                "{\"workload\": \"csv_read_file\", \"impl\": \"fairmtl\", \"n\": \(table.rowCount), \"cols\": \(table.columnCount), "
                    + "\"bytes\": \(bytes), \"seconds_median\": \(Timing.json(timing.median)), \"seconds_min\": \(Timing.json(timing.min)), "
                    + "\"seconds_max\": \(Timing.json(timing.max)), \"runs\": \(runs), \"mb_per_s\": \(Timing.json(Double(bytes) / 1e6 / timing.median)), "
                    + "\"cpu_seconds_median\": \(Timing.json(timing.cpuMedian))}")
            return
        }
        let format = arguments.string("format") ?? "repr"
        guard ["repr", "fixed6", "int"].contains(format) else { throw BenchmarkError.usage("--format must be repr, fixed6 or int") }

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fair-bench-csv-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("numeric.csv").path

        var generator = SeededGenerator(seed: 20_230_501, purpose: "fair-bench csv")
        var text: [UInt8] = []
        text.reserveCapacity(rows * columns * 20)
        text.append(contentsOf: (1...columns).map { "x\($0)" }.joined(separator: ",").utf8)
        text.append(10)
        var firstColumnSum = 0.0
        for _ in 0..<rows {
            for c in 0..<columns {
                if c > 0 { text.append(UInt8(ascii: ",")) }
                let field: String
                let value: Double
                switch format {
                case "fixed6":
                    field = String(format: "%.6f", generator.nextNormal())
                    value = Double(field)!
                case "int":
                    value = Double(generator.nextInt(below: 100_000))
                    field = String(Int(value))
                default:
                    value = generator.nextNormal()
                    field = "\(value)"
                }
                if c == 0 { firstColumnSum += value }
                text.append(contentsOf: field.utf8)
            }
            text.append(10)
        }
        try AtomicFile.write(text, to: path)
        if let kept = arguments.string("keep") { try AtomicFile.write(text, to: kept) }

        var table = Table()
        let timing = try Timing.measure(runs: runs) { table = try CSVReader.read(contentsOf: path) }
        guard table.rowCount == rows, table.columnCount == columns else {
            throw BenchmarkError.check("read \(table.rowCount) × \(table.columnCount), expected \(rows) × \(columns)")
        }
        let sum = try table.numeric("x1").reduce(0, +)
        guard sum == firstColumnSum || abs(sum - firstColumnSum) <= 1e-9 * max(1, abs(firstColumnSum)) else {
            throw BenchmarkError.check("column x1 sums to \(sum), expected \(firstColumnSum)")
        }
        let megabytes = Double(text.count) / 1e6
        print(
            "{\"workload\": \"csv_read\", \"impl\": \"fairmtl\", \"n\": \(rows), \"cols\": \(columns), \"format\": \"\(format)\", "
                + "\"bytes\": \(text.count), \"seconds_median\": \(Timing.json(timing.median)), \"seconds_min\": \(Timing.json(timing.min)), "
                + "\"seconds_max\": \(Timing.json(timing.max)), \"runs\": \(runs), \"mb_per_s\": \(Timing.json(megabytes / timing.median)), "
                + "\"cpu_seconds_median\": \(Timing.json(timing.cpuMedian))}")
    }
}
