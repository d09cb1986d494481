import Foundation
import Testing
@testable import FairData

@Suite("SHA256")
struct SHA256Tests {
    @Test(
        "FIPS 180-4 example vectors",
        arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
            (
                "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
                "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
            ),
        ])
    func vectors(message: String, digest: String) {
        #expect(SHA256.hexDigest(of: Array(message.utf8)) == digest)
    }

    @Test("one million 'a' (FIPS 180-4), fed in uneven chunks")
    func million() {
        var hasher = SHA256()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 999)
        var fed = 0
        while fed < 1_000_000 {
            let take = min(chunk.count - (fed % 7), 1_000_000 - fed)
            hasher.update(Array(chunk[0..<take]))
            fed += take
        }
        #expect(hasher.finalizeHex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("padding boundaries: messages of 55, 56, 63, 64 and 65 bytes hash as in one piece or many")
    func boundaries() {
        for length in [55, 56, 63, 64, 65, 119, 120] {
            let message = (0..<length).map { UInt8($0 % 251) }
            var pieces = SHA256()
            for byte in message { pieces.update([byte]) }
            #expect(pieces.finalizeHex() == SHA256.hexDigest(of: message))
        }
        // sha256sum of 64 zero bytes.
        #expect(SHA256.hexDigest(of: [UInt8](repeating: 0, count: 64)) == "f5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a92759fb4b")
    }

    @Test(
        "the real dataset files hash to the sha256sum values recorded in SOURCE.md",
        .enabled(if: TestData.isAvailable, "needs the datasets (FAIR_DATA_DIR or ../shared/datasets)"),
        arguments: [
            CompasRecipe.file, LawSchoolRecipe.file, AdultRecipe.trainFile, AdultRecipe.testFile, ACSRecipe.alabama2017Sample,
        ])
    func realFiles(file: DatasetFile) throws {
        let path = try TestData.required.path(of: file)
        #expect(try FileIO.sha256(ofFileAtPath: path) == file.sha256)
    }
}
