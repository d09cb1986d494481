import Foundation
@testable import FairData

/// Finds the real datasets for tests: `FAIR_DATA_DIR` first (CI sets it; a relative path is
/// resolved against the current directory, then against the package root), then
/// `<package root>/../shared/datasets`, then `/work/shared/datasets`.
enum TestData {
    static let packageRoot: String = {
        // This file is <root>/Tests/FairDataTests/Support/TestData.swift.
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let directory: DataDirectory? = {
        if let variable = ProcessInfo.processInfo.environment[DataDirectory.environmentVariable], !variable.isEmpty {
            // Configured: use it (a wrong setting must fail the tests, not skip them).
            if !variable.hasPrefix("/"), !FileManager.default.fileExists(atPath: variable),
               FileManager.default.fileExists(atPath: packageRoot + "/" + variable) {
                return DataDirectory(path: packageRoot + "/" + variable)
            }
            return DataDirectory(path: variable)
        }
        for candidate in [packageRoot + "/../shared/datasets", "/work/shared/datasets"]
        where FileManager.default.fileExists(atPath: candidate + "/compas") {
            return DataDirectory(path: candidate)
        }
        return nil
    }()

    /// Whether the real datasets were found (tests that need them are skipped otherwise, with
    /// the reason shown by the test runner).
    static var isAvailable: Bool { directory != nil }

    /// The data directory; only call from tests enabled by `isAvailable`.
    static var required: DataDirectory {
        get throws {
            guard let directory else { throw FairDataError.dataDirectoryNotConfigured(needed: "this test") }
            return directory
        }
    }

    /// A fresh empty temporary folder.
    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "fairdata-tests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// Shorthand for reading CSV text in tests.
func readCSV(_ text: String, _ options: CSVReadOptions = CSVReadOptions(), source: String = "t.csv") throws -> Table {
    try CSVReader.read(string: text, source: source, options: options)
}

/// The error thrown by `body`, if it is a `FairDataError`.
func fairDataError(_ body: () throws -> Void) -> FairDataError? {
    do {
        try body()
        return nil
    } catch let error as FairDataError {
        return error
    } catch {
        return nil
    }
}
