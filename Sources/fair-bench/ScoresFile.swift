import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The peers' W1/W2 input file (`scores_n{n}.bin`, magic `FWBSCOR1`, little-endian;
/// ../shared/bench/README.md, "Data"): a 32-byte header (magic, `n_fit`, `n_apply`, seed), then
/// `float64[n_fit]` fit scores, `float64[n_apply]` apply scores, `uint8[n_fit]` fit groups and
/// `uint8[n_apply]` apply groups.
///
/// Each column is read straight into its own array (no file-sized buffer, no conversion), so the
/// process holds the input in exactly `18 n` bytes for `n_fit = n_apply = n`. The values are
/// copied byte for byte, so this assumes a little-endian host (x86-64, arm64).
struct ScoresFile {
    let fitScores: [Double]
    let applyScores: [Double]
    let fitGroups: [UInt8]
    let applyGroups: [UInt8]
    let seed: UInt64

    static let magic = Array("FWBSCOR1".utf8)

    /// Reads and checks the file (magic, sizes against the file length).
    static func load(_ path: String) throws -> ScoresFile {
        let fd = open(path, O_RDONLY)
        if fd < 0 { throw BenchmarkError.check("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var header = [UInt8](repeating: 0, count: 32)
        try header.withUnsafeMutableBytes { try readExactly(fd, into: $0, path: path) }
        guard Array(header[0..<8]) == magic else {
            throw BenchmarkError.check("\(path) is not a FWBSCOR1 file (the first 8 bytes are not \"FWBSCOR1\"); regenerate it with gen_data.py")
        }
        func word(_ offset: Int) -> UInt64 {
            var value: UInt64 = 0
            for i in 0..<8 { value |= UInt64(header[offset + i]) << (8 * UInt64(i)) }
            return value
        }
        let nFit = Int(word(8)), nApply = Int(word(16)), seed = word(24)
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw BenchmarkError.check("cannot stat \(path)") }
        let expected = 32 + 9 * nFit + 9 * nApply
        guard nFit > 0, nApply > 0, Int(status.st_size) == expected else {
            throw BenchmarkError.check("\(path): header says n_fit = \(nFit), n_apply = \(nApply), so \(expected) bytes, but the file has \(status.st_size); regenerate it")
        }
        let fitScores = try readArray(Double.self, count: nFit, fd, path)
        let applyScores = try readArray(Double.self, count: nApply, fd, path)
        let fitGroups = try readArray(UInt8.self, count: nFit, fd, path)
        let applyGroups = try readArray(UInt8.self, count: nApply, fd, path)
        return ScoresFile(fitScores: fitScores, applyScores: applyScores, fitGroups: fitGroups,
                          applyGroups: applyGroups, seed: seed)
    }

    /// A raw little-endian `float64` file such as `w1_expected_n{n}.f64`, which must hold `count` values.
    static func readDoubles(_ path: String, count: Int) throws -> [Double] {
        let fd = open(path, O_RDONLY)
        if fd < 0 { throw BenchmarkError.check("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0, Int(status.st_size) == 8 * count else {
            throw BenchmarkError.check("\(path) should hold \(count) float64 values (\(8 * count) bytes)")
        }
        return try readArray(Double.self, count: count, fd, path)
    }

    private static func readArray<T>(_: T.Type, count: Int, _ fd: Int32, _ path: String) throws -> [T] {
        try [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            try readExactly(fd, into: UnsafeMutableRawBufferPointer(buffer), path: path)
            initialized = count
        }
    }

    private static func readExactly(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, path: String) throws {
        var done = 0
        while done < buffer.count {
            let got = read(fd, buffer.baseAddress! + done, min(buffer.count - done, 1 << 30))
            if got < 0 && errno == EINTR { continue }
            if got <= 0 { throw BenchmarkError.check("\(path): short read after \(done) of \(buffer.count) bytes") }
            done += got
        }
    }
}
