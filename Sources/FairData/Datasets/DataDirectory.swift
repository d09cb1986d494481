import Foundation

/// The folder holding the real datasets (one sub-folder per dataset: `compas/`, `uci-adult/`,
/// ...), read in place and never copied into the repository.
///
/// Resolution order: an explicit path (`--data-dir DIR`, or `set data-dir DIR` in the REPL),
/// then the `FAIR_DATA_DIR` environment variable. A relative path is relative to the current
/// directory (CI sets `FAIR_DATA_DIR=../shared/datasets` from the clone).
public struct DataDirectory: Sendable, Hashable {
    /// The environment variable naming the data directory.
    public static let environmentVariable = "FAIR_DATA_DIR"

    /// The folder's path, as given.
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// The data directory from `explicitPath`, else from `FAIR_DATA_DIR` in `environment`.
    /// - Parameters:
    ///   - explicitPath: a directory given explicitly (e.g. `--data-dir`); wins when not empty.
    ///   - environment: the variables to read `FAIR_DATA_DIR` from (default: the process's).
    ///   - needed: what needs it (e.g. `dataset "compas"`), for the error message.
    /// - Throws: `dataDirectoryNotConfigured` (saying how to set it) when neither is given.
    public static func resolve(
        explicitPath: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment, needed: String
    ) throws -> DataDirectory {
        if let explicitPath, !explicitPath.isEmpty { return DataDirectory(path: explicitPath) }
        if let fromEnvironment = environment[environmentVariable], !fromEnvironment.isEmpty { return DataDirectory(path: fromEnvironment) }
        throw FairDataError.dataDirectoryNotConfigured(needed: needed)
    }

    /// The path `file` would have in this directory.
    public func path(of file: DatasetFile) -> String {
        (path.hasSuffix("/") ? path : path + "/") + file.folder + "/" + file.name
    }

    /// The path of `file`, after checking that it exists and (when it has a recorded sha256 and
    /// `verifyingChecksum` is true) that its content is the recorded one.
    /// - Throws: `dataDirectoryMissing`; `datasetFileMissing` naming the file, its source and
    ///   sha256; `checksumMismatch` showing both hashes; `fileNotReadable`.
    public func locate(_ file: DatasetFile, verifyingChecksum: Bool = true) throws -> String {
        let folder = FileIO.exists(path)
        if !folder.exists || !folder.isDirectory { throw FairDataError.dataDirectoryMissing(path: path) }
        let filePath = path(of: file)
        if !FileIO.exists(filePath).exists {
            throw FairDataError.datasetFileMissing(path: filePath, source: file.source, sha256: file.sha256)
        }
        if verifyingChecksum, let expected = file.sha256 {
            let actual = try FileIO.sha256(ofFileAtPath: filePath)
            if actual != expected.lowercased() { throw FairDataError.checksumMismatch(path: filePath, expected: expected, actual: actual) }
        }
        return filePath
    }
}
