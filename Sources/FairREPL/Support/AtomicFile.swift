import FairCore
import Foundation

/// The REPL's atomic writes: `FairCore.AtomicFile` (a temporary file in the same directory,
/// flushed, then renamed over the target, so readers see the old content or the new one, never
/// a mix), with the REPL's error and a clear message for a missing directory.
public enum AtomicFile {
    /// Replaces (or creates) the file at `path` with `data`.
    /// - Throws: `CommandError.file` naming the path when the directory does not exist or is
    ///   not writable; the previous file, if any, is then left untouched.
    public static func write(_ data: Data, to path: String) throws(CommandError) {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .file(path: path, reason: "the directory \(directory) does not exist; create it first or choose another path")
        }
        do {
            try FairCore.AtomicFile.write([UInt8](data), to: path)
        } catch {
            if case let .fileAccess(_, reason) = error { throw .file(path: path, reason: reason) }
            throw .file(path: path, reason: error.description)
        }
    }

    /// Replaces (or creates) the file at `path` with the UTF-8 bytes of `text`.
    public static func write(_ text: String, to path: String) throws(CommandError) {
        try write(Data(text.utf8), to: path)
    }
}
