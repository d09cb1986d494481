/// One file of a dataset, as recorded in the data directory's `SOURCE.md`.
public struct DatasetFile: Sendable, Hashable {
    /// The dataset folder inside the data directory (e.g. `compas`).
    public let folder: String
    /// The file name (e.g. `compas-scores-two-years.csv`).
    public let name: String
    /// The recorded SHA-256 (lowercase hex), or `nil` for a user-supplied file.
    public let sha256: String?
    /// Where the file comes from, in one line.
    public let source: String

    public init(folder: String, name: String, sha256: String?, source: String) {
        self.folder = folder
        self.name = name
        self.sha256 = sha256
        self.source = source
    }
}
