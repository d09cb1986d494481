/// The datasets FairMTL knows by name (`load compas` in the REPL), with their default options.
public enum DatasetCatalog {
    /// The known names: `synthetic`, `compas`, `law-school`, `adult`, `acs`.
    public static let names = ["synthetic", "compas", "law-school", "adult", "acs"]

    /// The files each real dataset reads (empty for `synthetic`).
    public static func files(of name: String) throws -> [DatasetFile] {
        switch name {
        case "synthetic": return []
        case "compas": return [CompasRecipe.file]
        case "law-school": return [LawSchoolRecipe.file]
        case "adult": return [AdultRecipe.trainFile, AdultRecipe.testFile]
        case "acs": return [ACSRecipe.alabama2017Sample]
        default: throw FairDataError.unknownDataset(name: name, known: names)
        }
    }

    /// Loads the dataset `name` with its default options; real datasets come from
    /// `dataDirectory` (resolved from `FAIR_DATA_DIR` when `nil`). `synthetic` uses
    /// `SyntheticRecipe.Config()` with `seed`.
    /// - Throws: `unknownDataset` listing the names; `dataDirectoryNotConfigured`; the
    ///   recipe's errors (missing file, checksum mismatch, ...).
    public static func load(_ name: String, dataDirectory: DataDirectory? = nil, seed: UInt64 = 0) throws -> Dataset {
        guard names.contains(name) else { throw FairDataError.unknownDataset(name: name, known: names) }
        if name == "synthetic" {
            var config = SyntheticRecipe.Config()
            config.seed = seed
            return try SyntheticRecipe.make(config)
        }
        let directory = try dataDirectory ?? DataDirectory.resolve(needed: "dataset \"\(name)\"")
        switch name {
        case "compas": return try CompasRecipe.load(from: directory)
        case "law-school": return try LawSchoolRecipe.load(from: directory)
        case "adult": return try AdultRecipe.load(from: directory)
        default: return try ACSRecipe.load(from: directory)
        }
    }
}
