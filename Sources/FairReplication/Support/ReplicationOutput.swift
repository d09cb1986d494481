import FairCore
import Foundation

/// Writes a protocol's files into a folder: each file atomically (`AtomicFile`: a temporary file,
/// fsync, rename), so a reader sees either the previous version or the new one, never a torn file.
public enum ReplicationOutput {
    /// Creates `directory` (and parents) if needed and writes `files` (name → contents) into it.
    /// - Throws: an error naming the folder when it cannot be created or is a file;
    ///   `FairCoreError` from `AtomicFile` when a file cannot be written.
    public static func write(_ files: [(name: String, contents: String)], to directory: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw ReplicationError.notAFolder(directory) }
        } else {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw ReplicationError.cannotCreateFolder(directory, reason: error.localizedDescription)
            }
        }
        for file in files {
            try AtomicFile.write(Array(file.contents.utf8), to: (directory as NSString).appendingPathComponent(file.name))
        }
    }
}

/// What can go wrong in a protocol outside the engine's own errors.
public enum ReplicationError: Error, Equatable, Sendable, CustomStringConvertible {
    case notAFolder(String)
    case cannotCreateFolder(String, reason: String)
    case invalidSetting(name: String, value: String, allowed: String)
    case missingTask(dataset: String, needed: String)

    public var description: String {
        switch self {
        case let .notAFolder(path): return "--out \(path) is a file, not a folder: give a folder (it is created if missing)"
        case let .cannotCreateFolder(path, reason): return "cannot create the folder \(path) (\(reason)): choose a writable place for --out"
        case let .invalidSetting(name, value, allowed): return "\(name) \(value) is not allowed: \(allowed)"
        case let .missingTask(dataset, needed): return "dataset \(dataset) has no \(needed) task; the protocol needs one regression and one binary task"
        }
    }
}
