import Foundation

/// The file `save` writes and `open` reads: a versioned JSON document holding the analysis
/// settings and every workspace value, each tagged with its kind and that kind's own encoding
/// version, so kinds added later bring their own encoding (their `Codable` conformance).
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
            let components = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return components.isEmpty ? "the top level" : components.joined(separator: ".")
        }
        switch error {
        case let .keyNotFound(key, context): return "'\(key.stringValue)' is missing at \(path(context))"
        case let .typeMismatch(_, context), let .valueNotFound(_, context): return "unexpected value at \(path(context)): \(context.debugDescription)"
        case let .dataCorrupted(context): return "damaged at \(path(context)): \(context.debugDescription)"
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
