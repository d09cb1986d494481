import FairSupport
import Foundation

/// The on-disk form of a `MultiTaskNetwork`: one JSON document.
///
/// Why JSON with base64 weights: the file is self-describing and its header (architecture, task
/// names, λ ranges, seed, encoder reference) can be read with any text tool, while the weights stay
/// exact — they are the raw little-endian IEEE-754 Float32 bytes, base64-encoded, so a round trip is
/// bit-identical on every platform. Base64 adds a third to the size (≈ 330 KB for the paper's
/// folktables network), which does not matter at these sizes; a binary container would save little
/// and lose the readable header. An FNV-1a 64-bit checksum of the weight bytes detects truncation
/// and edits of the payload.
///
/// Fields: `format` (always `"fairmtl.network"`), `version` (1), `architecture`, `parameterCount`,
/// `parameters` (base64), `checksum` (`fnv1a64:` + 16 hex digits), `provenance`, `featureNames`,
/// `encoderReference`.
struct ModelFile: Codable {
    static let formatName = "fairmtl.network"
    static let currentVersion = 1

    var format: String
    var version: Int
    var architecture: NetworkArchitecture
    var parameterCount: Int
    var parameters: String
    var checksum: String
    var provenance: TrainingProvenance?
    var featureNames: [String]?
    var encoderReference: String?

    /// Just enough to recognise a file and its version before decoding the rest.
    struct Header: Decodable {
        var format: String?
        var version: Int?
    }

    static func bytes(of parameters: [Float]) -> Data {
        var data = Data(capacity: parameters.count * 4)
        for p in parameters {
            withUnsafeBytes(of: p.bitPattern.littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }

    static func checksum(_ data: Data) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}

extension MultiTaskNetwork {
    /// Writes the network to `url` atomically (`FairSupport.AtomicFile`: a temporary file in the
    /// same folder, flushed to disk, then a rename), so a crash never leaves a half-written model
    /// file.
    /// - Throws: `FairNetError.fileAccess` when the folder cannot be written.
    public func save(to url: URL) throws(FairNetError) {
        let data = try fileBytes(path: url.path)
        do {
            try AtomicFile.write(data, to: url.path)
        } catch {
            if case let .fileAccess(_, reason) = error { throw .fileAccess(path: url.path, reason: reason) }
            throw .fileAccess(path: url.path, reason: error.description)
        }
    }

    /// The bytes `save(to:)` writes; `path` names the file in errors.
    public func fileBytes(path: String = "<memory>") throws(FairNetError) -> [UInt8] {
        let bytes = ModelFile.bytes(of: parameters)
        let file = ModelFile(format: ModelFile.formatName, version: ModelFile.currentVersion, architecture: architecture,
                             parameterCount: parameters.count, parameters: bytes.base64EncodedString(),
                             checksum: ModelFile.checksum(bytes), provenance: provenance,
                             featureNames: featureNames, encoderReference: encoderReference)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            return [UInt8](try encoder.encode(file))
        } catch {
            throw .fileAccess(path: path, reason: "the model could not be encoded (\(error))")
        }
    }

    /// Reads a network written by `save(to:)`; the result equals the saved network exactly.
    /// - Throws: `fileAccess` (unreadable), `foreignFile` (not a FairNet model file),
    ///   `unsupportedVersion` (a newer or unknown format version), `corruptFile` (damaged content:
    ///   bad JSON fields, invalid architecture, wrong parameter count, bad base64, checksum mismatch).
    public static func load(from url: URL) throws(FairNetError) -> MultiTaskNetwork {
        let bytes: [UInt8]
        do {
            bytes = try AtomicFile.read(url.path)
        } catch {
            if case let .fileAccess(_, reason) = error { throw .fileAccess(path: url.path, reason: reason) }
            throw .fileAccess(path: url.path, reason: error.description)
        }
        return try MultiTaskNetwork(fileBytes: bytes, source: url.path)
    }

    /// Reads a network from the bytes of a model file; `source` names them in errors.
    /// - Throws: as `load(from:)`, except `fileAccess`.
    public init(fileBytes: [UInt8], source path: String = "<memory>") throws(FairNetError) {
        guard StrictJSON.opensObject(fileBytes) else {
            throw .foreignFile(path: path, reason: "it is not a JSON object")
        }
        // Strict first: JSONDecoder would keep one of two equal keys silently and call a cut-off
        // file merely invalid (StrictJSON says which key, or that the file is truncated).
        do {
            try StrictJSON.validate(fileBytes)
        } catch {
            throw .corruptFile(path: path, reason: error.description)
        }
        let data = Data(fileBytes)
        let decoder = JSONDecoder()
        guard let header = try? decoder.decode(ModelFile.Header.self, from: data) else {
            throw .foreignFile(path: path, reason: "it is not a JSON object")
        }
        guard header.format == ModelFile.formatName else {
            let found = header.format.map { "format \"\($0)\"" } ?? "no \"format\" field"
            throw .foreignFile(path: path, reason: "\(found), expected \"\(ModelFile.formatName)\"")
        }
        guard let version = header.version else { throw .corruptFile(path: path, reason: "the \"version\" field is missing") }
        guard version == ModelFile.currentVersion else {
            throw .unsupportedVersion(path: path, found: version, supported: ModelFile.currentVersion)
        }
        let file: ModelFile
        do {
            file = try decoder.decode(ModelFile.self, from: data)
        } catch {
            throw .corruptFile(path: path, reason: "its fields cannot be decoded (\(Self.describe(error)))")
        }
        do {
            try file.architecture.validate()
        } catch {
            throw .corruptFile(path: path, reason: "its architecture is invalid: \(error)")
        }
        let expected = ParameterLayout(file.architecture).count
        guard file.parameterCount == expected else {
            throw .corruptFile(path: path, reason: "it declares \(file.parameterCount) parameters, but its architecture has \(expected)")
        }
        guard let bytes = Data(base64Encoded: file.parameters) else {
            throw .corruptFile(path: path, reason: "the \"parameters\" field is not valid base64")
        }
        guard bytes.count == 4 * expected else {
            throw .corruptFile(path: path, reason: "the weights hold \(bytes.count) bytes, expected \(4 * expected)")
        }
        guard ModelFile.checksum(bytes) == file.checksum else {
            throw .corruptFile(path: path, reason: "the weights' checksum \(ModelFile.checksum(bytes)) differs from the recorded \(file.checksum)")
        }
        if let names = file.featureNames, names.count != file.architecture.inputs {
            throw .corruptFile(path: path, reason: "it has \(names.count) feature names for \(file.architecture.inputs) inputs")
        }
        let parameters = [Float](unsafeUninitializedCapacity: expected) { buffer, count in
            bytes.withUnsafeBytes { raw in
                for i in 0..<expected {
                    buffer[i] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
                }
            }
            count = expected
        }
        self.init(unchecked: file.architecture, parameters: parameters, provenance: file.provenance,
                  featureNames: file.featureNames, encoderReference: file.encoderReference)
    }

    private static func describe(_ error: Error) -> String {
        guard let e = error as? DecodingError else { return "\(error)" }
        func path(_ c: DecodingError.Context) -> String {
            c.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch e {
        case let .keyNotFound(key, c): return "missing field \(path(c).isEmpty ? "" : path(c) + ".")\(key.stringValue)"
        case let .typeMismatch(_, c): return "wrong type at \(path(c))"
        case let .valueNotFound(_, c): return "missing value at \(path(c))"
        case let .dataCorrupted(c): return "bad value at \(path(c))"
        @unknown default: return "\(error)"
        }
    }
}
