import Foundation
import Testing
@testable import FairData

@Suite("FileIO")
struct FileIOTests {
    @Test("whole-file reads, atomic writes that replace, and clear errors")
    func readWrite() throws {
        let folder = try TestData.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/f.bin"
        let bytes = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try FileIO.writeAtomically(bytes, toPath: path)
        #expect(try FileIO.readBytes(atPath: path) == bytes)
        try FileIO.writeAtomically([1, 2, 3], toPath: path)
        #expect(try FileIO.readBytes(atPath: path) == [1, 2, 3])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["f.bin"])
        #expect(try FileIO.sha256(ofFileAtPath: path) == SHA256.hexDigest(of: [1, 2, 3]))
        #expect(fairDataError { _ = try FileIO.readBytes(atPath: folder) } == .fileNotReadable(path: folder, reason: "it is a directory"))
        #expect(FileIO.exists(folder) == (true, true))
        #expect(FileIO.exists(path) == (true, false))
        #expect(FileIO.exists(folder + "/nope") == (false, false))
    }
}
