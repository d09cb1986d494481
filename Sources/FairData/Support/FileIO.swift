import FairCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads and atomic writes with POSIX calls, so errors carry the system's reason
/// ("No such file or directory", "Permission denied").
enum FileIO {
    /// The bytes of the file at `path`.
    /// - Throws: `FairDataError.fileNotReadable` with the system's reason.
    static func readBytes(atPath path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        if descriptor < 0 { throw FairDataError.fileNotReadable(path: path, reason: lastError()) }
        defer { close(descriptor) }
        var status = stat()
        if fstat(descriptor, &status) != 0 { throw FairDataError.fileNotReadable(path: path, reason: lastError()) }
        if (status.st_mode & S_IFMT) == S_IFDIR { throw FairDataError.fileNotReadable(path: path, reason: "it is a directory") }
        // Read straight into the array's storage; grow if the file grew since fstat.
        var capacity = max(Int(status.st_size), 0) + 1
        var count = 0
        var bytes = [UInt8](repeating: 0, count: capacity)
        while true {
            if count == capacity {
                capacity *= 2
                bytes.append(contentsOf: repeatElement(0, count: capacity - count))
            }
            let got = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + count, capacity - count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw FairDataError.fileNotReadable(path: path, reason: lastError())
            }
            if got == 0 { break }
            count += got
        }
        bytes.removeLast(bytes.count - count)
        return bytes
    }

    /// Writes `bytes` to `path` atomically with `FairSupport.AtomicFile` (a temporary file in the
    /// same folder, flushed, then renamed over `path`), so readers see the old file or the whole
    /// new one.
    /// - Throws: `FairDataError.fileNotWritable` with the system's reason.
    static func writeAtomically(_ bytes: [UInt8], toPath path: String) throws {
        do {
            try AtomicFile.write(bytes, to: path)
        } catch {
            if case let .fileAccess(_, reason) = error { throw FairDataError.fileNotWritable(path: path, reason: reason) }
            throw FairDataError.fileNotWritable(path: path, reason: error.description)
        }
    }

    /// The SHA-256 of the file at `path`, streamed in 1 MiB chunks, as lowercase hex.
    static func sha256(ofFileAtPath path: String) throws -> String {
        let descriptor = open(path, O_RDONLY)
        if descriptor < 0 { throw FairDataError.fileNotReadable(path: path, reason: lastError()) }
        defer { close(descriptor) }
        var hasher = SHA256()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FairDataError.fileNotReadable(path: path, reason: lastError())
            }
            if count == 0 { break }
            chunk.withUnsafeBufferPointer { hasher.update(UnsafeBufferPointer(rebasing: $0[0..<count])) }
        }
        return hasher.finalizeHex()
    }

    /// Whether something exists at `path`, and whether it is a directory.
    static func exists(_ path: String) -> (exists: Bool, isDirectory: Bool) {
        var status = stat()
        if stat(path, &status) != 0 { return (false, false) }
        return (true, (status.st_mode & S_IFMT) == S_IFDIR)
    }

    private static func lastError() -> String {
        String(cString: strerror(errno))
    }
}
