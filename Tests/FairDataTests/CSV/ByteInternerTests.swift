import FairCore
import Testing
@testable import FairData

@Suite("ByteInterner")
struct ByteInternerTests {
    private func index(_ interner: ByteInterner, _ text: String) -> Int32 {
        let bytes = Array(text.utf8) + [0]
        return bytes.withUnsafeBufferPointer { interner.index(of: $0.baseAddress!, count: bytes.count - 1) }
    }

    @Test("the same bytes get the same index, in order of first appearance, through many table growths")
    func distinct() {
        let interner = ByteInterner()
        var generator = SeededGenerator(seed: 1, purpose: "interner")
        var reference: [String: Int32] = [:]
        var order: [String] = []
        for _ in 0..<20_000 {
            let text = "k" + String(generator.nextInt(below: 3_000))
            let expected = reference[text] ?? {
                let next = Int32(order.count)
                reference[text] = next
                order.append(text)
                return next
            }()
            #expect(index(interner, text) == expected)
        }
        #expect(interner.count == order.count)
        #expect(interner.strings() == order)
    }

    @Test("the empty string and prefixes are distinct entries")
    func edges() {
        let interner = ByteInterner()
        #expect(index(interner, "") == 0)
        #expect(index(interner, "a") == 1)
        #expect(index(interner, "ab") == 2)
        #expect(index(interner, "") == 0)
        #expect(interner.strings() == ["", "a", "ab"])
    }
}
