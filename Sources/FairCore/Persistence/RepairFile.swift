import FairSupport
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The versioned JSON file format of fitted repairs.
///
/// A file is one JSON object `{"format": ..., "version": ..., "content": ...}`:
/// - `format` names what the file holds (`"FairMTL.BarycenterRepair"` or
///   `"FairMTL.MultiTaskRepair"`), so a file of another kind is refused with a clear message;
/// - `version` is the schema version (`RepairFile.version`); a file of another version is
///   refused (`FairCoreError.unsupportedVersion`) rather than guessed at;
/// - `content` is the `Codable` encoding of the repair.
///
/// Reading is strict (`StrictJSON`): a key given twice, a truncated file or nesting beyond the
/// limit is refused before decoding, and decoding re-checks every invariant of a fit.
///
/// ## Mathematical properties
/// Every `Double` is written as the shortest decimal that reads back to the same value, and
/// read back exactly, so a loaded repair holds the same bits as the saved one (`-0.0`,
/// subnormals and values such as `0.1 + 0.2` included) and gives bit-identical outputs.
/// Files are written atomically (`AtomicFile`): a failed save leaves the old file intact.
public enum RepairFile {
    /// The schema version this build writes and reads.
    public static let version = 1

    /// Encodes `value` as a versioned file of kind `format`.
    static func encode<T: Codable>(_ value: T, format: String) throws(FairCoreError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            return Array(try encoder.encode(Envelope(format: format, version: version, content: value)))
        } catch {
            throw .corruptFile(path: "<memory>", reason: "the repair cannot be encoded: \(error)")
        }
    }

    /// Decodes a versioned file of kind `format`; `source` names the file in error messages.
    static func decode<T: Codable>(_ type: T.Type, from bytes: [UInt8], format: String, source: String) throws(FairCoreError) -> T {
        guard StrictJSON.opensObject(bytes) else {
            throw .corruptFile(path: source, reason: "it is not a JSON object")
        }
        do {
            try StrictJSON.validate(bytes)
        } catch {
            throw .corruptFile(path: source, reason: error.description)
        }
        let data = Data(bytes)
        let decoder = JSONDecoder()
        let header: Header
        do {
            header = try decoder.decode(Header.self, from: data)
        } catch {
            throw .corruptFile(path: source, reason: "it is not a JSON object (\(describe(error)))")
        }
        guard let found = header.format else {
            throw .corruptFile(path: source, reason: "it has no \"format\" field, so it was not written by FairMTL")
        }
        if found != format {
            throw .corruptFile(path: source, reason: "it holds a \(found), not a \(format)")
        }
        guard let foundVersion = header.version else {
            throw .corruptFile(path: source, reason: "it has no \"version\" field")
        }
        if foundVersion != version {
            throw .unsupportedVersion(found: foundVersion, supported: version, path: source)
        }
        do {
            return try decoder.decode(Envelope<T>.self, from: data).content
        } catch {
            throw .corruptFile(path: source, reason: describe(error))
        }
    }

    private struct Envelope<T>: Codable where T: Codable {
        let format: String
        let version: Int
        let content: T
    }

    /// The envelope without its content, decoded leniently first.
    private struct Header: Decodable {
        let format: String?
        let version: Int?
    }

    /// A readable account of a decoding error: the JSON path and what was wrong there.
    static func describe(_ error: any Error) -> String {
        guard let decodingError = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return keys.isEmpty ? "at the top level" : "at \(keys.hasPrefix(".") ? String(keys.dropFirst()) : keys)"
        }
        switch decodingError {
        case let .dataCorrupted(context):
            return "\(path(context)): \(context.debugDescription)"
        case let .keyNotFound(key, context):
            return "\(path(context)): the field \"\(key.stringValue)\" is missing"
        case let .typeMismatch(_, context), let .valueNotFound(_, context):
            return "\(path(context)): \(context.debugDescription)"
        @unknown default:
            return "\(decodingError)"
        }
    }
}

/// A repair kind stored as a versioned `RepairFile` of its own `format`: the file's bytes,
/// reading them back, and atomic saving and loading come with the conformance.
public protocol RepairFileKind: Codable {
    /// The `format` field of this kind's files (e.g. `"FairMTL.BarycenterRepair"`).
    static var fileFormat: String { get }
}

extension RepairFileKind {
    /// The repair as a versioned JSON file's bytes.
    public func fileBytes() throws(FairCoreError) -> [UInt8] {
        try RepairFile.encode(self, format: Self.fileFormat)
    }

    /// Reads a repair from a versioned JSON file's bytes; `source` names them in errors.
    /// - Throws: `.unsupportedVersion`, `.corruptFile`.
    public init(fileBytes bytes: [UInt8], source: String = "<memory>") throws(FairCoreError) {
        self = try RepairFile.decode(
            Self.self, from: bytes, format: Self.fileFormat, source: source)
    }

    /// Saves the repair to `path` as versioned JSON, atomically (temporary file + rename).
    /// - Throws: `.fileAccess` naming the path; the old file is then left intact.
    public func save(to path: String) throws(FairCoreError) {
        let bytes = try fileBytes()
        try FairCoreError.reporting { () throws(FairSupportError) in
            try AtomicFile.write(bytes, to: path)
        }
    }

    /// Loads a repair saved with `save(to:)`.
    /// - Throws: `.fileAccess`, `.unsupportedVersion`, `.corruptFile`, each naming the path.
    public static func load(from path: String) throws(FairCoreError) -> Self {
        let bytes = try FairCoreError.reporting { () throws(FairSupportError) in
            try AtomicFile.read(path)
        }
        return try Self(fileBytes: bytes, source: path)
    }
}

extension BarycenterRepair: RepairFileKind {
    /// The `format` field of single-task repair files.
    public static let fileFormat = "FairMTL.BarycenterRepair"
}

extension MultiTaskRepair: RepairFileKind {
    /// The `format` field of multi-task repair files.
    public static let fileFormat = "FairMTL.MultiTaskRepair"
}
