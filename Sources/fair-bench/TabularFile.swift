import Foundation

/// The peers' W3 input file (`FWBTAB01`, little-endian): magic; uint64 n, d, seed; float32[n·d] X
/// row-major; float32[n] y_reg; float32[n] y_cls; uint8[n] s. See ../shared/bench/README.md.
struct TabularFile {
    let n: Int
    let d: Int
    let seed: UInt64
    let x: [Float]
    let yRegression: [Float]
    let yClass: [Float]
    let group: [UInt8]

    init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw BenchError("cannot read \(path)") }
        guard data.count >= 32, data.prefix(8) == Data("FWBTAB01".utf8) else { throw BenchError("\(path) is not an FWBTAB01 file") }
        func u64(_ offset: Int) -> UInt64 {
            data.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
        }
        n = Int(u64(8))
        d = Int(u64(16))
        seed = u64(24)
        let expected = 32 + 4 * n * d + 8 * n + n
        guard data.count == expected else { throw BenchError("\(path): \(data.count) bytes, expected \(expected) for n=\(n), d=\(d)") }
        func floats(_ offset: Int, _ count: Int) -> [Float] {
            [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                data.withUnsafeBytes { raw in
                    for i in 0..<count {
                        buffer[i] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 4 * i, as: UInt32.self)))
                    }
                }
                initialized = count
            }
        }
        x = floats(32, n * d)
        yRegression = floats(32 + 4 * n * d, n)
        yClass = floats(32 + 4 * n * d + 4 * n, n)
        group = [UInt8](data[(32 + 4 * n * d + 8 * n)...])
    }
}
