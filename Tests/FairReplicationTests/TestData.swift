import Foundation
@testable import FairData

/// Finds the real datasets for tests: `FAIR_DATA_DIR` first (CI sets it; a relative path is
/// resolved against the current directory, then against the package root), then
/// `<package root>/../shared/datasets`, then `/work/shared/datasets` (as FairDataTests does).
enum TestData {
    static let packageRoot: String = {
        // This file is <root>/Tests/FairReplicationTests/TestData.swift.
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let directory: DataDirectory? = {
        if let variable = ProcessInfo.processInfo.environment[DataDirectory.environmentVariable], !variable.isEmpty {
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

    static var isAvailable: Bool { directory != nil }

    static var required: DataDirectory {
        get throws {
            guard let directory else { throw FairDataError.dataDirectoryNotConfigured(needed: "this test") }
            return directory
        }
    }
}
