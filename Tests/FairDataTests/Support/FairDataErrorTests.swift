import Testing
@testable import FairData

@Suite("FairDataError")
struct FairDataErrorTests {
    static let here = SourceLocation(file: "data.csv", line: 12, column: 7)

    /// One instance of every case.
    static let all: [FairDataError] = [
        .emptyFile(path: "data.csv"),
        .unterminatedQuote(here),
        .unexpectedAfterQuote(here, found: "x", delimiter: ","),
        .raggedRow(here, expected: 3, found: 2),
        .recordTooLong(here, limit: 1 << 26),
        .invalidUTF8(here, bytes: "0xE9"),
        .notANumber(here, column: "age", found: "abc"),
        .numberOutOfRange(here, column: "age", found: "1e999"),
        .duplicateColumnName("age"),
        .columnNameCountMismatch(path: "data.csv", names: 2, fields: 3),
        .unknownColumn(name: "agee", available: ["age"]),
        .wrongColumnType(name: "sex", expected: .numeric, actual: .categorical),
        .columnLengthMismatch(name: "y", expected: 10, actual: 9),
        .rowOutOfRange(row: 10, rowCount: 10),
        .invalidCategoryCode(row: 3, code: 5, categoryCount: 2),
        .duplicateCategory("F"),
        .missingValue(column: "age", row: 4),
        .nonFiniteValue(column: "x", row: 2, value: .infinity),
        .unseenCategory(column: "race", label: "Other", row: 7, known: ["A", "B"]),
        .invalidParameter(name: "testFraction", value: "1.5", allowed: "a fraction in [0, 1)"),
        .tooFewRows(what: "the training part", found: 0, needed: 1),
        .invalidBinaryLabel(column: "y", row: 1, value: 2),
        .fileNotReadable(path: "x.csv", reason: "Permission denied"),
        .fileNotWritable(path: "x.csv", reason: "Read-only file system"),
        .dataDirectoryNotConfigured(needed: "dataset \"compas\""),
        .dataDirectoryMissing(path: "/data"),
        .datasetFileMissing(path: "/data/compas/c.csv", source: "ProPublica", sha256: "abc123"),
        .checksumMismatch(path: "/data/c.csv", expected: "aaa", actual: "bbb"),
        .unknownDataset(name: "compass", known: ["compas"]),
        .unsupportedVersion(path: "e.json", found: 2, supported: 1),
        .corruptFile(path: "e.json", reason: "bad"),
    ]

    /// What each message must contain: its specifics and what to do. The switch is exhaustive,
    /// so a new case does not compile until its message is tested here.
    static func expectedPhrases(_ error: FairDataError) -> [String] {
        switch error {
        case .emptyFile: ["data.csv", "expected a header line", "pass column names"]
        case .unterminatedQuote: ["data.csv:12:7", "expected a closing", "Close the quote"]
        case .unexpectedAfterQuote: ["data.csv:12:7", "expected the delimiter \",\"", "\"x\"", "must be doubled"]
        case .recordTooLong: ["data.csv:12:7", "longer than 64 MiB", "is a quote never closed?"]
        case .raggedRow: ["data.csv:12:7", "expected 3 fields", "found 2", "Check for a missing or extra delimiter"]
        case .invalidUTF8: ["data.csv:12:7", "0xE9", "Convert the file to UTF-8", ".replace"]
        case .notANumber: ["data.csv:12:7", "\"age\"", "expected a decimal number", "\"abc\"", "read the column as categorical"]
        case .numberOutOfRange: ["data.csv:12:7", "\"1e999\"", "mark it missing"]
        case .duplicateColumnName: ["\"age\"", "rename one"]
        case .columnNameCountMismatch: ["2 column names", "3 fields", "Give one name per field"]
        case .unknownColumn: ["\"agee\"", "\"age\"", "Check the spelling"]
        case .wrongColumnType: ["\"sex\"", "categorical", "numeric is needed", "Convert it first"]
        case .columnLengthMismatch: ["\"y\"", "9 values", "10 rows", "one value per row"]
        case .rowOutOfRange: ["row 10", "0..<10", "0-based"]
        case .invalidCategoryCode: ["code 5", "row 3", "-1..<2"]
        case .duplicateCategory: ["\"F\"", "distinct", "merge or rename"]
        case .missingValue: ["\"age\"", "data row 5", "droppingRowsWithMissing", "impute"]
        case .nonFiniteValue: ["\"x\"", "data row 3", "inf", "Remove or fix"]
        case .unseenCategory: ["\"race\"", "\"Other\"", "data row 8", "\"A\"", "drop those rows", "UnseenCategoryPolicy.ignore"]
        case .invalidParameter: ["testFraction = 1.5", "a fraction in [0, 1)"]
        case .tooFewRows: ["the training part", "0 rows", "at least 1", "smaller fractions"]
        case .invalidBinaryLabel: ["\"y\"", "data row 2", "2.0", "must be 0 or 1"]
        case .fileNotReadable: ["x.csv", "Permission denied", "Check the path"]
        case .fileNotWritable: ["x.csv", "Read-only file system", "Check that the folder exists"]
        case .dataDirectoryNotConfigured: ["dataset \"compas\"", "FAIR_DATA_DIR", "--data-dir"]
        case .dataDirectoryMissing: ["/data", "does not exist", "Point FAIR_DATA_DIR"]
        case .datasetFileMissing: ["/data/compas/c.csv not found", "ProPublica", "sha256 abc123", "Put it there"]
        case .checksumMismatch: ["/data/c.csv", "sha256 bbb", "aaa is expected", "replace it with the original file"]
        case .unknownDataset: ["\"compass\"", "\"compas\"", "Use one of those names"]
        case .unsupportedVersion: ["e.json", "version 2", "reads version 1", "Re-create the file"]
        case .corruptFile: ["e.json", "not a valid FairMTL file", "bad", "Re-create it"]
        }
    }

    @Test("every message names the specifics and says what to do", arguments: all)
    func messages(error: FairDataError) {
        let message = error.description
        for phrase in Self.expectedPhrases(error) {
            #expect(message.contains(phrase), "\(message) lacks \(phrase)")
        }
    }

    @Test("quoted field text is shortened and shows control characters")
    func shownText() {
        #expect(FairDataError.show("a\nb\t\"c\"") == #""a\nb\t\"c\"""#)
        let long = String(repeating: "x", count: 100)
        #expect(FairDataError.show(long) == "\"" + String(repeating: "x", count: 40) + "…\"")
        #expect(FairDataError.list(["a", "b", "c"], limit: 2) == "\"a\", \"b\", … (3 in all)")
        #expect(FairDataError.list([], limit: 2) == "none")
    }
}
