/// The named values of a session: tables, splits, models, predictions, repairs and results,
/// in the order they were created, with one *current* value per kind (the one commands use
/// when no name is given).
///
/// A value type: commands work on a copy that the interpreter keeps only when the command
/// succeeds, so a failed or interrupted command leaves the workspace as it was.
public struct Workspace: Sendable {
    /// One named value.
    public struct Entry: Sendable {
        public let name: String
        public var value: any WorkspaceValue
        public var kind: WorkspaceKind { type(of: value).kind }
    }

    /// Names that `show` and `export` reserve for themselves.
    public static let reservedNames: Set<String> = ["settings", "results"]

    public private(set) var entries: [Entry] = []
    private var currentNames: [WorkspaceKind: String] = [:]
    /// Incremented by every change; the interpreter compares it to report `changedWorkspace`.
    public private(set) var revision = 0

    public init() {}

    public var isEmpty: Bool { entries.isEmpty }

    /// The value of type `V` named `name`.
    public func value<V: WorkspaceValue>(_ type: V.Type, named name: String) -> V? {
        entries.first { $0.name == name && $0.kind == V.kind }?.value as? V
    }

    /// The entry of kind `kind` named `name`.
    public func entry(kind: WorkspaceKind, named name: String) -> Entry? {
        entries.first { $0.name == name && $0.kind == kind }
    }

    /// Every entry named `name`, whatever its kind.
    public func entries(named name: String) -> [Entry] {
        entries.filter { $0.name == name }
    }

    /// The current value of type `V` and its name.
    public func current<V: WorkspaceValue>(_ type: V.Type) -> (name: String, value: V)? {
        guard let name = currentNames[V.kind], let value = value(V.self, named: name) else { return nil }
        return (name, value)
    }

    /// The name of the current value of `kind`.
    public func currentName(of kind: WorkspaceKind) -> String? { currentNames[kind] }

    /// Names of the values of `kind`, in creation order.
    public func names(of kind: WorkspaceKind) -> [String] {
        entries.filter { $0.kind == kind }.map(\.name)
    }

    /// The kinds present, in display order.
    public var kinds: [WorkspaceKind] {
        Array(Set(entries.map(\.kind))).sorted { $0.order != $1.order ? $0.order < $1.order : $0.name < $1.name }
    }

    /// Whether some value of `kind` exists.
    public func contains(kind: WorkspaceKind) -> Bool { entries.contains { $0.kind == kind } }

    /// Stores `value` under `name`, replacing a value of the same kind and name (which keeps
    /// its position), and by default makes it the current value of its kind.
    /// - Throws: `CommandError.invalidName` when the name is not usable (see `validate(name:)`).
    public mutating func store<V: WorkspaceValue>(_ value: V, as name: String, makeCurrent: Bool = true) throws(CommandError) {
        try Self.validate(name: name)
        if let index = entries.firstIndex(where: { $0.name == name && $0.kind == V.kind }) {
            entries[index].value = value
        } else {
            entries.append(Entry(name: name, value: value))
        }
        if makeCurrent || currentNames[V.kind] == nil { currentNames[V.kind] = name }
        revision += 1
    }

    /// Removes the value of `kind` named `name`; returns whether one was removed.
    @discardableResult
    public mutating func remove(kind: WorkspaceKind, named name: String) -> Bool {
        guard let index = entries.firstIndex(where: { $0.name == name && $0.kind == kind }) else { return false }
        entries.remove(at: index)
        if currentNames[kind] == name { currentNames[kind] = entries.last { $0.kind == kind }?.name }
        revision += 1
        return true
    }

    /// Makes the value of `kind` named `name` current; returns false when there is none.
    @discardableResult
    public mutating func makeCurrent(kind: WorkspaceKind, named name: String) -> Bool {
        guard entry(kind: kind, named: name) != nil else { return false }
        if currentNames[kind] != name {
            currentNames[kind] = name
            revision += 1
        }
        return true
    }

    /// Removes everything.
    public mutating func removeAll() {
        guard !entries.isEmpty else { return }
        entries = []
        currentNames = [:]
        revision += 1
    }

    /// Every number readable by expressions: number results by name, then each value's
    /// `namedNumbers` as `NAME.KEY`.
    public var numbers: [(name: String, value: Double)] {
        var result: [(String, Double)] = []
        for entry in entries {
            if let number = entry.value as? NumberResult {
                result.append((entry.name, number.value))
            } else {
                for (key, value) in entry.value.namedNumbers { result.append((entry.name + "." + key, value)) }
            }
        }
        return result
    }

    /// The number `name` as `expect` and `let` read it.
    public func number(named name: String) -> Double? {
        if let direct = value(NumberResult.self, named: name) { return direct.value }
        return numbers.last { $0.name == name }?.value
    }

    /// Checks that `name` can name a value: a letter or `_` first, then letters, digits, `_`,
    /// `.` or `-`; not a reserved word.
    public static func validate(name: String) throws(CommandError) {
        guard let first = name.first else { throw .invalidName(name: name, reason: "a name cannot be empty") }
        guard first.isLetter || first == "_" else {
            throw .invalidName(name: name, reason: "a name starts with a letter or '_'")
        }
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-" }), name.allSatisfy(\.isASCII) else {
            throw .invalidName(name: name, reason: "use ASCII letters, digits, '_', '.' and '-' only")
        }
        guard !reservedNames.contains(name) else {
            throw .invalidName(name: name, reason: "'\(name)' is reserved by 'show \(name)'; choose another name")
        }
    }
}
