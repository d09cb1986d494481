import Foundation

/// Numeric arrays inside workspace files: the raw little-endian bytes of the elements,
/// base64-encoded, so a saved table or prediction set keeps every bit (NaN payloads, `-0.0`)
/// and stays a fraction of the size of a JSON number list.
enum PackedArray {
    /// The base64 text of `values`' bytes (little-endian).
    static func encode<T: FixedWidthInteger>(_ values: [T]) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(values.count * MemoryLayout<T>.size)
        for value in values {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }
        return Data(bytes).base64EncodedString()
    }

    /// The base64 text of the bit patterns of `values`.
    static func encode(_ values: [Double]) -> String { encode(values.map(\.bitPattern)) }

    /// The base64 text of the bit patterns of `values`.
    static func encode(_ values: [Float]) -> String { encode(values.map(\.bitPattern)) }

    /// Integers read back from `encode`.
    /// - Throws: `DecodingError.dataCorrupted` when the text is not base64 or its length is
    ///   not a whole number of elements.
    static func decode<T: FixedWidthInteger>(_ text: String, as type: T.Type, codingPath: [any CodingKey]) throws -> [T] {
        guard let data = Data(base64Encoded: text), data.count % MemoryLayout<T>.size == 0 else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: codingPath, debugDescription: "not a base64 array of \(MemoryLayout<T>.size)-byte values"))
        }
        let count = data.count / MemoryLayout<T>.size
        var result = [T](repeating: 0, count: count)
        _ = result.withUnsafeMutableBytes { data.copyBytes(to: $0) }
        return result.map { T(littleEndian: $0) }
    }

    /// Doubles read back from `encode`.
    static func decodeDoubles(_ text: String, codingPath: [any CodingKey]) throws -> [Double] {
        try decode(text, as: UInt64.self, codingPath: codingPath).map(Double.init(bitPattern:))
    }
}
