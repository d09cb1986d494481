import Foundation
import Testing
@testable import FairREPL

@Suite("PackedArray")
struct PackedArrayTests {
    @Test("doubles keep every bit: NaN payloads, -0, infinities, subnormals")
    func doubles() throws {
        let values = [0.0, -0.0, .infinity, -.infinity, .leastNonzeroMagnitude, Double(bitPattern: 0x7FF8_0000_0000_1234), 0.1 + 0.2, -1e308]
        let decoded = try PackedArray.decodeDoubles(PackedArray.encode(values), codingPath: [])
        #expect(decoded.map(\.bitPattern) == values.map(\.bitPattern))
        #expect(try PackedArray.decodeDoubles(PackedArray.encode([Double]()), codingPath: []).isEmpty)
    }

    @Test("integers of every width round-trip")
    func integers() throws {
        let codes: [Int32] = [-1, 0, 7, .max, .min]
        #expect(try PackedArray.decode(PackedArray.encode(codes), as: Int32.self, codingPath: []) == codes)
        let ids: [UInt64] = [0, 1 << 40, .max]
        #expect(try PackedArray.decode(PackedArray.encode(ids), as: UInt64.self, codingPath: []) == ids)
        let parts: [UInt8] = [0, 1, 2, 3]
        #expect(try PackedArray.decode(PackedArray.encode(parts), as: UInt8.self, codingPath: []) == parts)
    }

    @Test("text that is not base64, or not a whole number of elements, is a decoding error")
    func corrupt() {
        #expect(throws: DecodingError.self) { try PackedArray.decodeDoubles("not base64!", codingPath: []) }
        #expect(throws: DecodingError.self) { try PackedArray.decode(Data([1, 2, 3]).base64EncodedString(), as: Int32.self, codingPath: []) }
    }
}
