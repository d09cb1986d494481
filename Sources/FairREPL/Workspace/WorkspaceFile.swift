import FairCore
import Foundation

/// The file `save` writes and `open` reads: a versioned JSON document holding the analysis
/// settings and every workspace value, each tagged with its kind and that kind's own encoding
/// version, so kinds added later bring their own encoding (their `Codable` conformance).
///
/// Reading is strict: the bytes are checked by `StrictJSON` first (a key given twice, a
/// truncated file), then decoded, each value re-validated by its kind; every error names the
/// path inside the file (`values[2].value.tasks`).
///
/// ```json
/// {"format": "fairmtl-workspace", "version": 1,
///  "settings": {"seed": "42", …},
///  "values": [{"kind": "number", "name": "x", "version": 1, "current": true, "value": {…}}]}
/// ```
public enum WorkspaceFile {
    /// Marks the file as a FairMTL workspace.
    public static let formatName = "fairmtl-workspace"
    /// The container version this build writes and the newest it reads.
    public static let version = 1

    /// What `open` restores.
    public struct Contents: Sendable {
        public var workspace: Workspace
        /// Saved settings by key, as typed (session settings such as the width are never saved).
        public var settings: [String: String]
    }

    /// The file's bytes for `workspace` and the non-session `settings`.
    public static func encode(_ workspace: Workspace, settings: Settings, registry: CommandRegistry) throws(CommandError) -> Data {
        var savedSettings: [String: String] = [:]
        for spec in registry.settings where !spec.isSession {
            if let value = settings[spec.key] { savedSettings[spec.key] = value.description }
        }
        let document = Document(
            format: formatName, version: version, settings: savedSettings,
            values: workspace.entries.map { entry in
                StoredValue(
                    kind: entry.kind.name, name: entry.name, version: type(of: entry.value).encodingVersion,
                    current: workspace.currentName(of: entry.kind) == entry.name, value: entry.value)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            return try encoder.encode(document)
        } catch {
            throw .failed(message: "cannot encode the workspace: \(error)")
        }
    }

    /// Reads a file's bytes; `path` is only used in messages.
    public static func decode(_ data: Data, path: String, registry: CommandRegistry) throws(CommandError) -> Contents {
        let bytes = [UInt8](data)
        guard StrictJSON.opensObject(bytes) else {
            throw .invalidFile(path: path, reason: "it is not a FairMTL workspace (no readable format header); save one with 'save FILE'")
        }
        // Strict first: JSONDecoder keeps one of two equal keys without a word (a duplicated
        // entry was merged silently) and cannot tell a truncated file from a foreign one.
        do {
            try StrictJSON.validate(bytes)
        } catch {
            throw .invalidFile(path: path, reason: error.description)
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let header: Header
        do {
            header = try decoder.decode(Header.self, from: data)
        } catch {
            throw .invalidFile(path: path, reason: "it is not a FairMTL workspace (no readable format header); save one with 'save FILE'")
        }
        guard header.format == formatName else {
            throw .invalidFile(path: path, reason: "its format is '\(header.format)', not '\(formatName)'")
        }
        guard header.version <= version else {
            throw .unsupportedVersion(path: path, found: header.version, supported: version)
        }
        guard let key = registryKey else { throw .failed(message: "internal: no decoding key") }
        decoder.userInfo[key] = RegistryBox(registry: registry)
        let document: DecodedDocument
        do {
            document = try decoder.decode(DecodedDocument.self, from: data)
        } catch let error as KindError {
            switch error {
            case let .unknownKind(kind):
                throw .unknownValueKind(path: path, kind: kind, known: registry.valueKindNames)
            case let .newerVersion(kind, found, supported):
                throw .invalidFile(
                    path: path,
                    reason: "its \(kind) values have encoding version \(found), newer than this build reads (\(supported)); open it with a newer fair")
            }
        } catch let error as DecodingError {
            throw .invalidFile(path: path, reason: describe(error))
        } catch {
            throw .invalidFile(path: path, reason: "\(error)")
        }
        // Entries are unique by kind and name, with at most one current value per kind; a file
        // that breaks this was damaged or edited, and storing it would merge entries silently.
        var seen: [String: Int] = [:]
        var current: [String: Int] = [:]
        for (index, value) in document.values.enumerated() {
            let kind = type(of: value.value).kind.name
            if let first = seen.updateValue(index, forKey: kind + "\u{0}" + value.name) {
                throw .invalidFile(path: path, reason: "values[\(index)] repeats the \(kind) '\(value.name)' of values[\(first)]; each name is saved once per kind")
            }
            if value.current, let first = current.updateValue(index, forKey: kind) {
                throw .invalidFile(path: path, reason: "values[\(first)] and values[\(index)] are both marked as the current \(kind); only one can be")
            }
        }
        var workspace = Workspace()
        for value in document.values {
            try value.store(into: &workspace)
        }
        return Contents(workspace: workspace, settings: document.settings)
    }

    // MARK: Coding

    private struct Header: Decodable {
        var format: String
        var version: Int
    }

    private struct Document: Encodable {
        var format: String
        var version: Int
        var settings: [String: String]
        var values: [StoredValue]
    }

    private struct StoredValue: Encodable {
        var kind: String
        var name: String
        var version: Int
        var current: Bool
        var value: any WorkspaceValue

        enum CodingKeys: String, CodingKey { case kind, name, version, current, value }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(kind, forKey: .kind)
            try container.encode(name, forKey: .name)
            try container.encode(version, forKey: .version)
            try container.encode(current, forKey: .current)
            try value.encode(to: container.superEncoder(forKey: .value))
        }
    }

    private struct DecodedDocument: Decodable {
        var settings: [String: String]
        var values: [DecodedValue]
    }

    private struct DecodedValue: Decodable {
        var name: String
        var current: Bool
        var value: any WorkspaceValue

        enum CodingKeys: String, CodingKey { case kind, name, version, current, value }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let kind = try container.decode(String.self, forKey: .kind)
            name = try container.decode(String.self, forKey: .name)
            current = try container.decode(Bool.self, forKey: .current)
            let version = try container.decode(Int.self, forKey: .version)
            guard let key = WorkspaceFile.registryKey, let box = decoder.userInfo[key] as? RegistryBox,
                let type = box.registry.valueType(kind: kind)
            else { throw KindError.unknownKind(kind) }
            guard version <= type.encodingVersion else {
                throw KindError.newerVersion(kind: kind, found: version, supported: type.encodingVersion)
            }
            value = try type.decode(from: container.superDecoder(forKey: .value), version: version)
        }

        func store(into workspace: inout Workspace) throws(CommandError) {
            try workspace.storeAny(value, as: name, makeCurrent: current)
        }
    }

    private enum KindError: Error {
        case unknownKind(String)
        case newerVersion(kind: String, found: Int, supported: Int)
    }

    private struct RegistryBox: Sendable {
        let registry: CommandRegistry
    }

    private static let registryKey = CodingUserInfoKey(rawValue: "fairmtl.registry")

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
            return keys.isEmpty ? "the top level" : keys.hasPrefix(".") ? String(keys.dropFirst()) : keys
        }
        switch error {
        case let .keyNotFound(key, context): return "'\(key.stringValue)' is missing at \(path(context))"
        // The error's own sentence ends with a period; the message adds its own.
        case let .typeMismatch(_, context), let .valueNotFound(_, context):
            return "unexpected value at \(path(context)): \(context.debugDescription.trimmingSuffix("."))"
        case let .dataCorrupted(context): return "damaged at \(path(context)): \(context.debugDescription.trimmingSuffix("."))"
        @unknown default: return "\(error)"
        }
    }
}

extension Workspace {
    /// Stores a value whose type is only known at run time (used by `open`).
    mutating func storeAny(_ value: any WorkspaceValue, as name: String, makeCurrent: Bool) throws(CommandError) {
        func store<V: WorkspaceValue>(_ typed: V) throws(CommandError) {
            try self.store(typed, as: name, makeCurrent: makeCurrent)
        }
        try store(value)
    }
}

extension String {
    /// The string without one trailing `suffix`, if it has one.
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
