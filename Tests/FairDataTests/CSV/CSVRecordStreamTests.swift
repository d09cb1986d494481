import FairCore
import Foundation
import Testing
@testable import FairData

@Suite("CSVRecordStream")
struct CSVRecordStreamTests {
    /// Writes `text` to a temporary file, streams it with a buffer of `bufferBytes`, and returns
    /// the header names and each record's raw text, line and field texts.
    private func stream(
        _ text: String, bufferBytes: Int, maximumRecordBytes: Int = 1 << 26
    ) throws -> (names: [String], records: [(raw: String, line: Int, fields: [String?])]) {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("fair-record-stream-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try FileIO.writeAtomically(Array(text.utf8), toPath: path)
        var names: [String] = []
        var records: [(String, Int, [String?])] = []
        let reader = CSVRecordStream(
            path: path, bufferBytes: bufferBytes, maximumRecordBytes: maximumRecordBytes)
        try reader.forEachRecord(header: { header, _ in names = header }) { record in
            let fields = (0..<names.count).map { record.text(at: $0) }
            records.append((String(decoding: record.raw, as: UTF8.self), record.line, fields))
        }
        return (names, records)
    }

    static let tricky = "\u{FEFF}id,text,x\r\n1,\"a, \"\"quoted\"\"\nline\",0.5\r\n\r\n2, plain ,NA\n"
        + "3,\"\",1e3\r4,é,-2"

    @Test("every buffer size gives the same records, raw bytes, lines and fields", arguments: [16, 17, 23, 64, 4096])
    func bufferSizes(bytes: Int) throws {
        let (names, records) = try stream(Self.tricky, bufferBytes: bytes)
        #expect(names == ["id", "text", "x"])
        #expect(records.map(\.raw) == [
            "1,\"a, \"\"quoted\"\"\nline\",0.5", "2, plain ,NA", "3,\"\",1e3", "4,é,-2",
        ])
        #expect(records.map(\.line) == [2, 5, 6, 7])
        #expect(records.map(\.fields) == [
            ["1", "a, \"quoted\"\nline", "0.5"], ["2", "plain", nil], ["3", "", "1e3"], ["4", "é", "-2"],
        ])
        // The same fields as the whole-file reader's.
        let table = try CSVReader.read(string: Self.tricky, options: CSVReadOptions(
            columnTypes: ["id": .categorical, "text": .categorical, "x": .categorical]))
        #expect(try table.categorical("text").labels == records.map { $0.fields[1] })
    }

    @Test("numbers parse as in the reader; errors name file:line:column, whatever the buffer")
    func errors() throws {
        let rows = (1...50).map { "\($0),g,\(Double($0) / 8)" }.joined(separator: "\n")
        for bytes in [16, 40, 4096] {
            #expect(throws: FairDataError.self) {
                try stream("a,b,c\n" + rows + "\n51,g\n", bufferBytes: bytes)
            }
            do {
                _ = try stream("a,b,c\n" + rows + "\n51,g\n", bufferBytes: bytes)
            } catch let error as FairDataError {
                #expect("\(error)".contains(":52:"), "\(error)")
                #expect("\(error)".contains("expected 3 fields"), "\(error)")
            }
            do {
                _ = try stream("a,b,c\n" + rows + "\n51,\"g,1\n", bufferBytes: bytes)
                Issue.record("an unterminated quote was accepted")
            } catch let error as FairDataError {
                #expect("\(error)".contains(":52:4: this quoted field is never closed"), "\(error)")
            }
        }
        #expect {
            try stream("a\n\"" + String(repeating: "x", count: 200), bufferBytes: 16, maximumRecordBytes: 64)
        } throws: { "\($0)".contains(":2:1: this record is longer than") }
    }
}
