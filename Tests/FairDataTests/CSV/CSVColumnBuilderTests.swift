import FairCore
import Testing
@testable import FairData

@Suite("CSVColumnBuilder")
struct CSVColumnBuilderTests {
    /// A builder holding `labels` (nil = missing) as the reader would.
    private func builder(_ labels: [String?]) -> CSVColumnBuilder {
        var builder = CSVColumnBuilder(name: "x", declared: .categorical)
        for label in labels {
            guard let label else {
                builder.codes.append(CategoricalColumn.missingCode)
                continue
            }
            let bytes = Array(label.utf8) + [0]
            builder.codes.append(bytes.withUnsafeBufferPointer {
                builder.interner.index(of: $0.baseAddress!, count: bytes.count - 1)
            })
        }
        return builder
    }

    @Test("ASCII labels sorted as bytes give the column CategoricalColumn(labels:) gives", arguments: 0..<6)
    func byteOrderMatchesStringOrder(seed: UInt64) {
        var generator = SeededGenerator(seed: seed, purpose: "byte-order categories")
        // Printable ASCII, short and long (past the 8-byte sort prefix), shared prefixes, empty.
        let alphabet = Array(" !\"#,-.09:AZ[_az{~")
        let labels: [String?] = (0..<3_000).map { _ in
            if generator.nextInt(below: 20) == 0 { return nil }
            let length = [0, 1, 3, 8, 9, 17][generator.nextInt(below: 6)]
            let prefix = generator.nextInt(below: 2) == 0 ? "commonprefix" : ""
            return prefix + String((0..<length).map { _ in alphabet[generator.nextInt(below: alphabet.count)] })
        }
        let column = builder(labels).categorical()
        #expect(column == CategoricalColumn(labels: labels))
    }

    @Test("non-ASCII, all-number and canonically equal labels keep CategoryOrder's rules")
    func otherOrders() {
        let numbers: [String?] = ["10", "2", "1.5", nil, "2"]
        #expect(builder(numbers).categorical() == CategoricalColumn(labels: numbers))
        let accents: [String?] = ["é", "e\u{301}", "z", "a"]
        let column = builder(accents).categorical()
        #expect(column == CategoricalColumn(labels: accents))
        #expect(column.categories.count == 3)
    }
}
