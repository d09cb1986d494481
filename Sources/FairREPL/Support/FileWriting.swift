import FairCore
import Foundation

/// The REPL's file writes (saves, exports, transcripts, blessed lessons, the Book):
/// `FairSupport.AtomicFile`, which replaces a file all at once, keeps its mode, writes through
/// symbolic links and refuses devices and directories, with its errors as `CommandError.file`.
enum FileWriting {
    /// Replaces (or creates) the file at `path` with `data`.
    /// - Throws: `CommandError.file` naming the path and what to do; the previous file, if
    ///   any, is then left untouched.
    static func write(_ data: Data, to path: String) throws(CommandError) {
        do {
            try AtomicFile.write([UInt8](data), to: path)
        } catch {
            if case let .fileAccess(_, reason) = error { throw .file(path: path, reason: reason) }
            throw .file(path: path, reason: error.description)
        }
    }

    /// Replaces (or creates) the file at `path` with the UTF-8 bytes of `text`.
    static func write(_ text: String, to path: String) throws(CommandError) {
        try write(Data(text.utf8), to: path)
    }
}
