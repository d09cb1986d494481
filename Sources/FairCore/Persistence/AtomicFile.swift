#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads and atomic whole-file writes: the one implementation every FairMTL module
/// saves files with (repairs, tables, encoders, models, workspaces, transcripts).
///
/// A write goes to a new temporary file in the destination's directory (`mkstemp`, then mode
/// 0644), is flushed to disk (`fsync`), and is then renamed over the destination. `rename`
/// within one file system is atomic, so a reader sees either the old file or the new one, never
/// a mix; when anything fails before the rename, the temporary file is removed and the old file
/// is left exactly as it was.
public enum AtomicFile {
    /// Writes `bytes` to `path` atomically.
    /// - Throws: `FairCoreError.fileAccess` naming the path and the system's reason (for a
    ///   missing folder: "cannot create a temporary file in FOLDER: No such file or directory").
    public static func write(_ bytes: [UInt8], to path: String) throws(FairCoreError) {
        try write(bytes, to: path, beforeRename: {})
    }

    /// Writes the bytes of `buffer` to `path` atomically (see `write(_:to:)`).
    public static func write(_ buffer: UnsafeRawBufferPointer, to path: String) throws(FairCoreError) {
        try write(buffer, to: path, beforeRename: {})
    }

    /// `write(_:to:)` with `beforeRename`, which runs after the temporary file is complete and
    /// before the rename (a test seam: a throwing hook simulates a failure there).
    static func write(_ bytes: [UInt8], to path: String,
                      beforeRename: () throws(FairCoreError) -> Void) throws(FairCoreError) {
        var failure: FairCoreError? = nil
        bytes.withUnsafeBytes { raw in
            do throws(FairCoreError) {
                try write(raw, to: path, beforeRename: beforeRename)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }

    static func write(_ raw: UnsafeRawBufferPointer, to path: String,
                      beforeRename: () throws(FairCoreError) -> Void) throws(FairCoreError) {
        let directory = Self.directory(of: path)
        let base = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        var template = Array((directory + "/." + base + ".tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if fd < 0 { throw .fileAccess(path: path, reason: "cannot create a temporary file in \(directory): \(Self.systemError())") }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var closed = false
        do throws(FairCoreError) {
            _ = fchmod(fd, 0o644)
            var failure: Int32 = 0
            var offset = 0
            while offset < raw.count {
                let written = Glibc_write(fd, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                offset += written
            }
            if failure != 0 {
                throw .fileAccess(path: path, reason: "writing failed: \(String(cString: strerror(failure)))")
            }
            if fsync(fd) != 0 { throw .fileAccess(path: path, reason: "flushing to disk failed: \(Self.systemError())") }
            closed = true
            if close(fd) != 0 { throw .fileAccess(path: path, reason: "closing failed: \(Self.systemError())") }
            try beforeRename()
            if rename(temporary, path) != 0 {
                throw .fileAccess(path: path, reason: "cannot replace the file: \(Self.systemError())")
            }
        } catch {
            if !closed { _ = close(fd) }
            _ = unlink(temporary)
            throw error
        }
    }

    /// The whole content of the file at `path`.
    /// - Throws: `FairCoreError.fileAccess` naming the path and the system's reason.
    public static func read(_ path: String) throws(FairCoreError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        if fd < 0 { throw .fileAccess(path: path, reason: Self.systemError()) }
        defer { _ = close(fd) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc_read(fd, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .fileAccess(path: path, reason: "reading failed: \(Self.systemError())")
            }
            if count == 0 { return result }
            result.append(contentsOf: chunk[0..<count])
        }
    }

    /// The directory part of `path` ("." for a bare file name).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let head = String(path[..<slash])
        return head.isEmpty ? "/" : head
    }

    static func systemError() -> String {
        String(cString: strerror(errno))
    }
}

private func Glibc_write(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }
private func Glibc_read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int { read(fd, buffer, count) }
