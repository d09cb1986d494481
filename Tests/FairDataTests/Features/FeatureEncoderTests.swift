import FairCore
import Foundation
import Testing
@testable import FairData

@Suite("FeatureEncoder")
struct FeatureEncoderTests {
    static func table() throws -> Table {
        try Table([
            ("age", .numeric([20, 30, 40, 50, 60])),
            ("color", .categorical(CategoricalColumn(labels: ["red", "blue", "red", "green", "blue"]))),
            ("code", .numeric([10, 2, 10, 2, 7])),
            ("flag", .numeric([0, 1, 1, 0, 1])),
            ("const", .numeric([5, 5, 5, 5, 5])),
        ])
    }

    static let specs: [FeatureSpec] = [.standardized("age"), .oneHot("color"), .oneHot("code"), .passthrough("flag"), .standardized("const")]

    @Test("fitted on some rows: one-hot from those rows' sorted categories, standardisation with their mean and population SD")
    func fitAndTransform() throws {
        let table = try Self.table()
        let encoder = try FeatureEncoder.fit(Self.specs, on: table, rows: [0, 1, 2])
        #expect(encoder.featureNames == ["age", "color_blue", "color_red", "code_2", "code_10", "flag", "const"])
        #expect(encoder.width == 7)
        // Oracle: rows 0-2 have age 20, 30, 40: mean 30, population SD sqrt(200/3).
        let sd = (200.0 / 3).squareRoot()
        #expect(encoder.features[0].mean == 30 && encoder.features[0].scale == sd)
        #expect(encoder.features[4].scale == 1, "a constant column is divided by 1")
        let matrix = try encoder.transform(table, rows: [1, 0])
        #expect(matrix.rows == 2 && matrix.columns == 7)
        #expect(Array(matrix.row(0)) == [0, 1, 0, 1, 0, 1, 0])
        #expect(Array(matrix.row(1)) == [Float((20 - 30) / sd), 0, 1, 0, 1, 0, 0])
        #expect(matrix[0, 5] == 1)
        #expect(try matrix.columnIndex(of: "code_10") == 4)
    }

    @Test("a category unseen at fit time is an error naming it, or all zeros when ignored")
    func unseen() throws {
        let table = try Self.table()
        let strict = try FeatureEncoder.fit([.oneHot("color")], on: table, rows: [0, 1])
        let error = fairDataError { _ = try strict.transform(table) }
        #expect(error == .unseenCategory(column: "color", label: "green", row: 3, known: ["blue", "red"]))
        #expect(error?.description.contains("UnseenCategoryPolicy.ignore") == true)
        let lenient = try FeatureEncoder.fit([.oneHot("color")], on: table, rows: [0, 1], unseenCategories: .ignore)
        let matrix = try lenient.transform(table)
        #expect(Array(matrix.row(3)) == [0, 0])
        #expect(Array(matrix.row(4)) == [1, 0])
    }

    @Test("missing values are never encoded: fitting or transforming them is an error naming column and row")
    func missing() throws {
        let table = try Table([
            ("x", .numeric([1, .nan, 3])),
            ("c", .categorical(CategoricalColumn(labels: ["a", "b", nil]))),
        ])
        #expect(fairDataError { _ = try FeatureEncoder.fit([.standardized("x")], on: table) } == .missingValue(column: "x", row: 1))
        #expect(fairDataError { _ = try FeatureEncoder.fit([.oneHot("c")], on: table) } == .missingValue(column: "c", row: 2))
        let encoder = try FeatureEncoder.fit([.standardized("x"), .oneHot("c")], on: table, rows: [0])
        #expect(fairDataError { _ = try encoder.transform(table, rows: [2]) } == .missingValue(column: "c", row: 2))
        #expect(fairDataError { _ = try encoder.transform(table, rows: [1]) } == .missingValue(column: "x", row: 1))
        let infinite = try Table([("x", .numeric([1, .infinity]))])
        #expect(fairDataError { _ = try FeatureEncoder.fit([.standardized("x")], on: infinite) }
            == .nonFiniteValue(column: "x", row: 1, value: .infinity))
    }

    @Test("bad specs and rows are errors")
    func badInput() throws {
        let table = try Self.table()
        #expect(fairDataError { _ = try FeatureEncoder.fit([.standardized("color")], on: table) }
            == .wrongColumnType(name: "color", expected: .numeric, actual: .categorical))
        #expect(fairDataError { _ = try FeatureEncoder.fit([.oneHot("nope")], on: table) }
            == .unknownColumn(name: "nope", available: table.columnNames))
        #expect(fairDataError { _ = try FeatureEncoder.fit([.oneHot("color")], on: table, rows: []) }
            == .tooFewRows(what: "the rows to fit the encoder on", found: 0, needed: 1))
        #expect(fairDataError { _ = try FeatureEncoder.fit([.oneHot("color")], on: table, rows: [9]) } == .rowOutOfRange(row: 9, rowCount: 5))
        #expect(fairDataError { _ = try FeatureEncoder.fit([.passthrough("age"), .passthrough("age")], on: table) } == .duplicateColumnName("age"))
        let encoder = try FeatureEncoder.fit([.oneHot("color")], on: table)
        #expect(fairDataError { _ = try encoder.transform(table, rows: [5]) } == .rowOutOfRange(row: 5, rowCount: 5))
    }

    @Test("the encoder round-trips through JSON and a file, transforming bit-identically", arguments: 0..<5)
    func roundTrip(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed, purpose: "encoder round trip")
        let n = 50
        let table = try Table([
            ("x", .numeric((0..<n).map { _ in generator.nextNormal() * 1e3 + 0.1 })),
            ("c", .categorical(CategoricalColumn(labels: (0..<n).map { _ in ["é", "a,b", "\"q\"", "z"][generator.nextInt(below: 4)] }))),
        ])
        let encoder = try FeatureEncoder.fit([.standardized("x"), .oneHot("c")], on: table, rows: Array(0..<40))
        let decoded = try JSONDecoder().decode(FeatureEncoder.self, from: try JSONEncoder().encode(encoder))
        #expect(decoded == encoder)
        let folder = try TestData.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try encoder.save(toPath: folder + "/encoder.json")
        let loaded = try FeatureEncoder.load(fromPath: folder + "/encoder.json")
        #expect(loaded == encoder)
        let a = try encoder.transform(table)
        let b = try loaded.transform(table)
        #expect(a.values.map(\.bitPattern) == b.values.map(\.bitPattern))
        #expect(a.names == b.names)
    }

    @Test("files of another version or with invalid content are rejected with a clear error")
    func badFiles() throws {
        let folder = try TestData.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/encoder.json"
        try Data(#"{"formatVersion": 99, "features": [], "unseenCategories": "error"}"#.utf8).write(to: URL(fileURLWithPath: path))
        #expect(fairDataError { _ = try FeatureEncoder.load(fromPath: path) } == .unsupportedVersion(path: path, found: 99, supported: 1))
        try Data("not json".utf8).write(to: URL(fileURLWithPath: path))
        #expect(fairDataError { _ = try FeatureEncoder.load(fromPath: path) } == .corruptFile(path: path, reason: "not a JSON object with a formatVersion"))
        let bad = #"{"formatVersion": 1, "unseenCategories": "error", "features": [{"column": "x", "encoding": "standardized", "categories": [], "mean": 0, "scale": 0}]}"#
        try Data(bad.utf8).write(to: URL(fileURLWithPath: path))
        guard case let .corruptFile(_, reason)? = fairDataError({ _ = try FeatureEncoder.load(fromPath: path) }) else {
            Issue.record("a zero scale must be rejected")
            return
        }
        #expect(reason.contains("invalid fitted values"))
    }
}
