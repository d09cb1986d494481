import FairCore
import Foundation
import Testing
@testable import FairData

@Suite("CSVWriter")
struct CSVWriterTests {
    /// A random table with awkward numbers and labels.
    static func randomTable(seed: UInt64, rows: Int, columns: Int) throws -> Table {
        var generator = SeededGenerator(seed: seed, purpose: "csv writer")
        let awkwardLabels = [
            "plain", "", " padded ", "tab\tinside", "comma,inside", "quote\"inside", "\"", "line\nbreak", "cr\rlf\r\n", "NA", "?", "NaN",
            "é€𝄞", "12", "-0", "1e5", "a;b", "=1+2",
        ]
        var table = Table()
        for c in 0..<columns {
            if generator.nextInt(below: 2) == 0 {
                let values = (0..<rows).map { _ -> Double in
                    switch generator.nextInt(below: 6) {
                    case 0: return .nan
                    case 1: return -0.0
                    case 2: return Double(generator.nextInt(below: 1000)) - 500
                    case 3: return Double(bitPattern: generator.next() & 0x7FEF_FFFF_FFFF_FFFF) * (generator.nextInt(below: 2) == 0 ? 1 : -1)
                    default: return generator.nextNormal() * 1e3
                    }
                }
                try table.append(.numeric(values), named: "n\(c)")
            } else {
                let labels = (0..<rows).map { _ -> String? in
                    generator.nextInt(below: 7) == 0 ? nil : awkwardLabels[generator.nextInt(below: awkwardLabels.count)]
                }
                try table.append(.categorical(CategoricalColumn(labels: labels)), named: c == 1 ? "name, with \"quotes\"" : "c\(c)")
            }
        }
        return table
    }

    @Test("write then read (with the table's types) gives an equal table", arguments: 0..<30)
    func roundTrip(seed: UInt64) throws {
        let table = try Self.randomTable(seed: seed, rows: 1 + Int(seed) % 13, columns: 1 + Int(seed) % 5)
        for options in [CSVWriter.Options(), CSVWriter.Options(delimiter: ";", usesCRLF: true), CSVWriter.Options(delimiter: "\t")] {
            let bytes = try CSVWriter.bytes(table, options: options)
            let back = try CSVReader.read(
                bytes: bytes, options: CSVReadOptions(delimiter: options.delimiter, columnTypes: table.schema))
            #expect(back == table)
            for (a, b) in zip(back.columns, table.columns) {
                if case let (.numeric(x), .numeric(y)) = (a, b) {
                    #expect(zip(x, y).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }, "signed zeros and bits kept")
                }
            }
        }
    }

    @Test("the text is what RFC 4180 readers expect")
    func exactText() throws {
        let table = try Table([
            ("x", .numeric([1, 2.5, .nan, -0.0, 1e-7])),
            ("label", .categorical(CategoricalColumn(labels: ["a,b", "say \"hi\"", nil, "", "NA"]))),
        ])
        let text = String(decoding: try CSVWriter.bytes(table), as: UTF8.self)
        #expect(text == "x,label\n1,\"a,b\"\n2.5,\"say \"\"hi\"\"\"\n,\n-0,\"\"\n1e-07,\"NA\"\n")
    }

    @Test("a one-column table writes missing values as NA so no blank line is skipped on reading")
    func oneColumn() throws {
        let table = try Table([("x", .numeric([1, .nan, 3]))])
        let bytes = try CSVWriter.bytes(table)
        #expect(String(decoding: bytes, as: UTF8.self) == "x\n1\nNA\n3\n")
        #expect(try CSVReader.read(bytes: bytes) == table)
        let error = fairDataError { _ = try CSVWriter.bytes(table, options: CSVWriter.Options(missingMarkers: [""])) }
        #expect(error?.description.contains("needs a non-empty missing marker") == true)
    }

    @Test("an infinite number cannot be written: the error names the column and row")
    func infinite() throws {
        let table = try Table([("x", .numeric([1, -.infinity]))])
        let error = fairDataError { _ = try CSVWriter.bytes(table) }
        #expect(error == .nonFiniteValue(column: "x", row: 1, value: -.infinity))
    }

    @Test("files are written atomically: the result replaces the old file and no temporary file remains")
    func atomicFile() throws {
        let folder = try TestData.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/out.csv"
        try Data("old content".utf8).write(to: URL(fileURLWithPath: path))
        let table = try Self.randomTable(seed: 7, rows: 20, columns: 4)
        try CSVWriter.write(table, toPath: path)
        #expect(try CSVReader.read(contentsOf: path, options: CSVReadOptions(columnTypes: table.schema)) == table)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["out.csv"])

        let error = fairDataError { try CSVWriter.write(table, toPath: folder + "/missing-folder/out.csv") }
        #expect(error == .fileNotWritable(path: folder + "/missing-folder/out.csv",
                                          reason: "the directory \(folder)/missing-folder does not exist; create it first or choose another path"))
        #expect(error?.description.contains("Check that the folder exists") == true)
    }
}
