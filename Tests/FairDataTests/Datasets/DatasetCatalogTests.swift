import Testing
@testable import FairData

@Suite("DatasetCatalog")
struct DatasetCatalogTests {
    @Test("an unknown name lists the known ones")
    func unknown() {
        let error = fairDataError { _ = try DatasetCatalog.load("compass") }
        #expect(error == .unknownDataset(name: "compass", known: DatasetCatalog.names))
        #expect(error?.description.contains("\"compas\"") == true)
        #expect(fairDataError { _ = try DatasetCatalog.files(of: "nope") } != nil)
    }

    @Test("synthetic needs no data directory; every real dataset names its files")
    func files() throws {
        #expect(try DatasetCatalog.load("synthetic", seed: 4).table.rowCount == 10_000)
        for name in DatasetCatalog.names where name != "synthetic" {
            let files = try DatasetCatalog.files(of: name)
            #expect(!files.isEmpty && files.allSatisfy { $0.sha256?.count == 64 })
        }
    }

    @Test("a real dataset in an empty data directory is a missing-file error naming file, source and sha256")
    func missingFiles() throws {
        let folder = try TestData.temporaryFolder()
        for name in DatasetCatalog.names where name != "synthetic" {
            let error = fairDataError { _ = try DatasetCatalog.load(name, dataDirectory: DataDirectory(path: folder)) }
            let file = try DatasetCatalog.files(of: name)[0]
            #expect(error == .datasetFileMissing(path: folder + "/" + file.folder + "/" + file.name, source: file.source, sha256: file.sha256))
        }
    }

    @Test(
        "every real dataset loads from the data directory",
        .enabled(if: TestData.isAvailable, "needs the datasets (FAIR_DATA_DIR or ../shared/datasets)"))
    func loadsAll() throws {
        let directory = try TestData.required
        for name in DatasetCatalog.names {
            let dataset = try DatasetCatalog.load(name, dataDirectory: directory)
            #expect(dataset.name == name && dataset.table.rowCount > 0 && dataset.tasks.count >= 1)
        }
    }
}
