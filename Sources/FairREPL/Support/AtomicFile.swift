import Foundation

/// Writes files so that readers see either the old content or the new one, never a mix: the
/// bytes go to a temporary file in the same directory, are flushed to disk, and the temporary
/// file is renamed over the target (rename is atomic within one file system).
public enum AtomicFile {
    /// Replaces (or creates) the file at `path` with `data`.
    /// - Throws: `CommandError.file` naming the path when the directory does not exist or is
    ///   not writable; the previous file, if any, is then left untouched.
    public static func write(_ data: Data, to path: String) throws(CommandError) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .file(path: path, reason: "the directory \(directory) does not exist; create it first or choose another path")
        }
        let template = directory + "/." + url.lastPathComponent + ".tmp-XXXXXX"
        var templateBytes = Array(template.utf8CString)
        let descriptor = templateBytes.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard descriptor >= 0 else {
            throw .file(path: path, reason: "cannot create a file in \(directory) (\(String(cString: strerror(errno))))")
        }
        let temporary = String(decoding: templateBytes.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var failure: String?
        data.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += written
            }
        }
        if failure == nil && fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
        // Files are readable by others like any file the user creates (mkstemp makes them 0600).
        if failure == nil { fchmod(descriptor, 0o644) }
        close(descriptor)
        if failure == nil && rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw .file(path: path, reason: failure)
        }
    }

    /// Replaces (or creates) the file at `path` with the UTF-8 bytes of `text`.
    public static func write(_ text: String, to path: String) throws(CommandError) {
        try write(Data(text.utf8), to: path)
    }
}
