/// A value the workspace can hold: tables, splits, models, predictions, repairs, results…
///
/// Later modules add kinds by conforming their own types (in a small file of FairREPL that
/// adapts them) and registering them with `CommandRegistry.register(valueType:)`, which also
/// makes them savable with `save`/`open`. Every requirement but `kind` and `summary` has a default.
public protocol WorkspaceValue: Sendable, Codable {
    /// The kind of this type's values (one kind per type).
    static var kind: WorkspaceKind { get }
    /// Version of this type's `Codable` form inside workspace files; bump it when the form
    /// changes and read older versions in `decode(from:version:)`.
    static var encodingVersion: Int { get }
    /// Reads a value saved with format `version` (at most `encodingVersion`). The default calls `init(from:)`.
    static func decode(from decoder: any Decoder, version: Int) throws -> Self
    /// One line for `show` (`6,172 rows, 27 columns`).
    var summary: String { get }
    /// Several lines for `show NAME`; the default is `summary`.
    func details(settings: Settings) -> String
    /// The value as a table for `export` (CSV/JSON); nil when the kind cannot be exported.
    var exportTable: ResultTable? { get }
    /// A document of the kind's own format for `export` (e.g. a fitted repair's versioned
    /// JSON file), used instead of `exportTable` when not nil.
    func exportDocument(format: OutputFormat) throws -> String?
    /// Numbers `expect` and `let` can read as `NAME.KEY` (e.g. a report's `ks.after`).
    var namedNumbers: [(key: String, value: Double)] { get }
}

extension WorkspaceValue {
    public static var encodingVersion: Int { 1 }
    public static func decode(from decoder: any Decoder, version: Int) throws -> Self { try Self(from: decoder) }
    public func details(settings: Settings) -> String { summary }
    public var exportTable: ResultTable? { nil }
    public func exportDocument(format: OutputFormat) throws -> String? { nil }
    public var namedNumbers: [(key: String, value: Double)] { [] }
}

/// The kind of a workspace value: its name in messages and files, how `show` orders it, and
/// whether the prompt shows the current value of this kind.
///
/// Two kinds are equal when their names are equal. Later modules declare theirs as
/// `extension WorkspaceKind { static let table = WorkspaceKind(name: "table", plural: "tables", order: 10, showsInPrompt: true) }`.
public struct WorkspaceKind: Hashable, Sendable, CustomStringConvertible {
    /// Singular name (`table`), used in files, messages and `show`.
    public let name: String
    /// Plural name (`tables`).
    public let plural: String
    /// Position in `show` and in the prompt (smaller first).
    public let order: Int
    /// Whether the prompt shows the current value of this kind (`fair[compas · mtl]> `).
    public let showsInPrompt: Bool

    public init(name: String, plural: String, order: Int, showsInPrompt: Bool = false) {
        self.name = name
        self.plural = plural
        self.order = order
        self.showsInPrompt = showsInPrompt
    }

    public static func == (a: WorkspaceKind, b: WorkspaceKind) -> Bool { a.name == b.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
    public var description: String { name }
}
