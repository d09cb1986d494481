import Foundation
import Testing
@testable import FairData

@Suite("DataDirectory")
struct DataDirectoryTests {
    @Test("an explicit path wins over FAIR_DATA_DIR; neither is an error saying how to set it")
    func resolution() throws {
        let environment = ["FAIR_DATA_DIR": "/from/env"]
        #expect(try DataDirectory.resolve(explicitPath: "/explicit", environment: environment, needed: "x").path == "/explicit")
        #expect(try DataDirectory.resolve(environment: environment, needed: "x").path == "/from/env")
        let error = fairDataError { _ = try DataDirectory.resolve(environment: [:], needed: "dataset \"compas\"") }
        #expect(error == .dataDirectoryNotConfigured(needed: "dataset \"compas\""))
        #expect(error?.description.contains("Set FAIR_DATA_DIR") == true)
        #expect(error?.description.contains("--data-dir") == true)
    }

    @Test("a missing directory, a missing file and a wrong checksum are errors that say what to do")
    func locating() throws {
        let folder = try TestData.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = DatasetFile(
            folder: "demo", name: "abc.txt", sha256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", source: "the FIPS 180-4 example")
        let missingDirectory = fairDataError { _ = try DataDirectory(path: folder + "/nope").locate(file) }
        #expect(missingDirectory == .dataDirectoryMissing(path: folder + "/nope"))
        #expect(missingDirectory?.description.contains("Point FAIR_DATA_DIR") == true)

        let directory = DataDirectory(path: folder)
        let missingFile = fairDataError { _ = try directory.locate(file) }
        #expect(missingFile == .datasetFileMissing(path: folder + "/demo/abc.txt", source: "the FIPS 180-4 example", sha256: file.sha256))
        let message = missingFile?.description ?? ""
        #expect(message.contains(folder + "/demo/abc.txt not found"))
        #expect(message.contains("comes from the FIPS 180-4 example"))
        #expect(message.contains(file.sha256!))

        try FileManager.default.createDirectory(atPath: folder + "/demo", withIntermediateDirectories: true)
        try Data("abc".utf8).write(to: URL(fileURLWithPath: folder + "/demo/abc.txt"))
        #expect(try directory.locate(file) == folder + "/demo/abc.txt")

        try Data("abd".utf8).write(to: URL(fileURLWithPath: folder + "/demo/abc.txt"))
        let actual = SHA256.hexDigest(of: Array("abd".utf8))
        let mismatch = fairDataError { _ = try directory.locate(file) }
        #expect(mismatch == .checksumMismatch(path: folder + "/demo/abc.txt", expected: file.sha256!, actual: actual))
        #expect(mismatch?.description.contains(actual) == true && mismatch?.description.contains(file.sha256!) == true)
        #expect(try directory.locate(file, verifyingChecksum: false) == folder + "/demo/abc.txt")
    }

    @Test("a trailing slash in the directory path is harmless")
    func trailingSlash() {
        let file = DatasetFile(folder: "f", name: "n.csv", sha256: nil, source: "s")
        #expect(DataDirectory(path: "/d/").path(of: file) == "/d/f/n.csv")
        #expect(DataDirectory(path: "/d").path(of: file) == "/d/f/n.csv")
    }
}
