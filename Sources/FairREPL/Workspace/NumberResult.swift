import FairPlot

extension WorkspaceKind {
    /// A named number (`ks.after`, `x`), read by `expect` and `let`.
    public static let number = WorkspaceKind(name: "number", plural: "numbers", order: 90)
}

/// A named number: a scalar result of a command (`ks.after`), or one defined with `let`.
public struct NumberResult: WorkspaceValue, Equatable {
    public static let kind = WorkspaceKind.number
    public var value: Double
    /// How the number was obtained (`let x = 1/3`, `KS between groups after repair`).
    public var note: String

    public init(_ value: Double, note: String = "") {
        self.value = value
        self.note = note
    }

    public var summary: String { NumberFormat.significant(value, digits: 6) }

    public func details(settings: Settings) -> String {
        let text = NumberFormat.significant(value, digits: settings.digits)
        return note.isEmpty ? text : "\(text)  (\(note))"
    }

    public var exportTable: ResultTable? {
        ResultTable(columns: ["value"], rows: [[.number(value)]])
    }

    /// Names usable in expressions: like workspace names, but without `-` (it would read as a minus).
    public static func validate(name: String) throws(CommandError) {
        try Workspace.validate(name: name)
        if name.contains("-") {
            throw .invalidName(name: name, reason: "a number's name cannot contain '-', which expressions read as a minus; use '_'")
        }
        if name.hasSuffix(".") || name.contains("..") {
            throw .invalidName(name: name, reason: "dots separate the parts of a name (like ks.after); a part cannot be empty")
        }
    }
}
