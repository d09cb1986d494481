import FairSupport
import Foundation
import Testing
@testable import FairNet

@Suite("Model files: exact round trip, atomic save, clear errors")
struct ModelFileTests {
    static func folder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fairnet-tests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func trainedModel() throws -> MultiTaskNetwork {
        let a = try NetworkArchitecture(inputs: 4, hidden: [6, 3], tasks: [.regression("income"), .binary("mobility")], dropout: 0.1,
                                        conditioning: Conditioning(mode: .scalar, hiddenUnits: 5,
                                                                   ranges: [LambdaRange(0.25, 15), LambdaRange(0.1, 10, .logUniform)]))
        let x = Fixtures.gaussianFeatures(rows: 64, columns: 4, seed: 1)
        let data = try TrainingData(features: x, labels: ["income": Fixtures.linearTarget(x), "mobility": Fixtures.separableClass(x)])
        var model = try Trainer(options: TrainingOptions(epochs: 2, batchSize: 16, seed: .max)).train(try MultiTaskNetwork(architecture: a, seed: 9), on: data).model
        try model.setFeatureNames(["w", "x", "y", "z"])
        model.encoderReference = "encoder.json sha256:0123abcd"
        return model
    }

    @Test("save then load gives the same network bit for bit, and the same predictions")
    func roundTrip() throws {
        let dir = Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = try Self.trainedModel()
        let url = dir.appendingPathComponent("model.json")
        try model.save(to: url)
        let loaded = try MultiTaskNetwork.load(from: url)
        #expect(loaded.parameters.map(\.bitPattern) == model.parameters.map(\.bitPattern))
        #expect(loaded == model)
        #expect(loaded.provenance?.seed == UInt64.max)
        #expect(loaded.featureNames == ["w", "x", "y", "z"] && loaded.encoderReference == model.encoderReference)
        let x = Fixtures.gaussianFeatures(rows: 20, columns: 4, seed: 3)
        let lambda = ["income": 2.75, "mobility": 1.0]
        #expect(try loaded.predict(x, lambda: lambda) == model.predict(x, lambda: lambda))
        // Saving again over the file replaces it and leaves no temporary file behind.
        try loaded.save(to: url)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(names == ["model.json"])
        // The header is readable JSON.
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains("\"format\" : \"fairmtl.network\"") && text.contains("\"version\" : 1"))
    }

    /// Writes `text` to a file and returns the load error.
    static func loadError(_ text: String) -> FairNetError? {
        let dir = folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("m.json")
        try! Data(text.utf8).write(to: url)
        return caughtError { try MultiTaskNetwork.load(from: url) }
    }

    /// The saved JSON of the trained model as a mutable dictionary.
    static func savedObject() throws -> [String: Any] {
        let dir = folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("m.json")
        try trainedModel().save(to: url)
        return try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }

    static func text(_ object: [String: Any]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    @Test("a missing or unreadable file is a file-access error")
    func unreadable() {
        let e = caughtError { try MultiTaskNetwork.load(from: URL(fileURLWithPath: "/nonexistent/model.json")) }
        guard case .fileAccess(let path, _) = e else { Issue.record("got \(String(describing: e))"); return }
        #expect(path == "/nonexistent/model.json")
        #expect(e!.description.contains("Check the path"))
        let save = caughtError { try Self.trainedModel().save(to: URL(fileURLWithPath: "/nonexistent/dir/model.json")) }
        #expect(save?.description.contains("cannot access /nonexistent/dir/model.json") == true)
    }

    @Test("saving over a model replaces it whole, leaves no temporary file, and a failed save names the system's reason")
    func atomicSave() throws {
        let dir = Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("m.json")
        try Data("an older file".utf8).write(to: url)
        let model = try Self.trainedModel()
        try model.save(to: url)
        #expect(try MultiTaskNetwork.load(from: url).parameters == model.parameters)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["m.json"])
        let e = caughtError { try model.save(to: dir.appendingPathComponent("missing/m.json")) }
        #expect(e == .fileAccess(path: dir.appendingPathComponent("missing/m.json").path,
                                 reason: "the directory \(dir.path)/missing does not exist; create it first or choose another path"))
    }

    @Test("a foreign file (not JSON, other format) is rejected as not a model file")
    func foreign() {
        #expect(Self.loadError("income,mobility\n1,0\n")?.description.contains("is not a FairNet model file (it is not a JSON object)") == true)
        #expect(Self.loadError("{\"format\": \"something.else\", \"version\": 1}")?.description.contains("format \"something.else\", expected \"fairmtl.network\"") == true)
        #expect(Self.loadError("{\"name\": 3}")?.description.contains("no \"format\" field") == true)
    }

    @Test("a newer format version is an unsupported-version error")
    func version() throws {
        var object = try Self.savedObject()
        object["version"] = 2
        let e = Self.loadError(Self.text(object))
        guard case .unsupportedVersion(_, 2, 1) = e else { Issue.record("got \(String(describing: e))"); return }
        #expect(e!.description.contains("Re-create the file"))
    }

    @Test("damaged content is a corrupt-file error saying what is wrong",
          arguments: ["checksum", "base64", "count", "architecture", "field", "names", "truncated-weights", "no-version"])
    func corrupt(kind: String) throws {
        var object = try Self.savedObject()
        let expected: String
        switch kind {
        case "checksum":
            var bytes = Data(base64Encoded: object["parameters"] as! String)!
            bytes[5] ^= 1
            object["parameters"] = bytes.base64EncodedString()
            expected = "differs from the recorded"
        case "base64":
            object["parameters"] = "***"
            expected = "is not valid base64"
        case "count":
            object["parameterCount"] = 3
            expected = "declares 3 parameters"
        case "architecture":
            var a = object["architecture"] as! [String: Any]
            a["dropout"] = 1.5
            object["architecture"] = a
            expected = "its architecture is invalid"
        case "field":
            object.removeValue(forKey: "checksum")
            expected = "missing field checksum"
        case "names":
            object["featureNames"] = ["only-one"]
            expected = "1 feature names for 4 inputs"
        case "truncated-weights":
            let bytes = Data(base64Encoded: object["parameters"] as! String)!
            object["parameters"] = bytes.prefix(bytes.count - 4).base64EncodedString()
            expected = "expected \(bytes.count)"
        default:
            object.removeValue(forKey: "version")
            expected = "the \"version\" field is missing"
        }
        let e = Self.loadError(Self.text(object))
        guard case .corruptFile = e else { Issue.record("\(kind): got \(String(describing: e))"); return }
        #expect(e!.description.contains(expected), "\(e!.description)")
        #expect(e!.description.contains("Save the model again"))
    }
}
