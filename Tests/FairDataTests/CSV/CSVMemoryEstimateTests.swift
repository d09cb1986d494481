@testable import FairCore
import Foundation
import Testing
@testable import FairData

@Suite("CSVMemoryEstimate")
struct CSVMemoryEstimateTests {
    /// A CSV of `rows` rows: a numeric column and a label column with `distinct` labels.
    private func csv(rows: Int, distinct: Int) -> [UInt8] {
        var text = "score,group\n"
        for row in 0..<rows { text += "\(Double(row) * 0.001 + 0.123456789),label\(row % distinct)\n" }
        return Array(text.utf8)
    }

    @Test("the estimate scales the sample: above the table's own bytes, within a few times them")
    func estimateBrackets() {
        for distinct in [2, 1_000_000] {
            let bytes = csv(rows: 200_000, distinct: distinct)
            let sample = Array(bytes.prefix(CSVMemoryEstimate.sampleByteCount))
            let estimate = CSVMemoryEstimate.peakBytes(fileSize: bytes.count, sample: sample, options: .init())
            // At least the file's bytes, the Doubles and the codes of every row.
            let floor = bytes.count + 200_000 * (8 + 4)
            #expect(estimate > floor, "\(distinct) labels: \(estimate) vs \(floor)")
            #expect(estimate < 6 * floor, "\(distinct) labels: \(estimate) vs \(floor)")
        }
    }

    @Test("a load needing more than the budget is an error naming the file and the bytes needed")
    func smallBudget() throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("fair-memory-estimate-\(getpid()).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try FileIO.writeAtomically(csv(rows: 100_000, distinct: 3), toPath: path)
        let small = MemoryBudget.Availability(bytes: 1_500_000, limitedBy: "a test budget")
        #expect {
            try CSVMemoryEstimate.check(path: path, options: .init(), available: small)
        } throws: { error in
            let message = "\(error)"
            return message.contains("reading \(path) (") && message.contains("needs about")
                && message.contains("only 1.5 MB more (limited by a test budget)")
        }
        let ample = MemoryBudget.Availability(bytes: 1 << 40, limitedBy: "a test budget")
        try CSVMemoryEstimate.check(path: path, options: .init(), available: ample)
        #expect(try CSVReader.read(contentsOf: path).rowCount == 100_000)
    }
}
