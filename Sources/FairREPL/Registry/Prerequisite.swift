/// Something a command needs from the workspace before it can run, and the command that
/// provides it: `'train' needs a table: run 'load NAME|FILE' first.`
public struct Prerequisite: Sendable {
    /// What is needed, as a noun phrase (`a table`, `predictions on the pool`).
    public let what: String
    /// The command to run first, as the user types it (`load NAME|FILE`).
    public let remedy: String
    /// Whether the workspace provides it.
    public let isSatisfied: @Sendable (Workspace) -> Bool

    public init(what: String, remedy: String, isSatisfied: @escaping @Sendable (Workspace) -> Bool) {
        self.what = what
        self.remedy = remedy
        self.isSatisfied = isSatisfied
    }

    /// At least one value of `kind` (`.value(.table, runFirst: "load NAME|FILE")`).
    public static func value(_ kind: WorkspaceKind, runFirst remedy: String) -> Prerequisite {
        let article = "aeiou".contains(kind.name.first ?? "x") ? "an" : "a"
        return Prerequisite(what: "\(article) \(kind.name)", remedy: remedy) { $0.contains(kind: kind) }
    }
}
