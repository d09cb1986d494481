/// A setting changed with `set KEY VALUE` and shown by `show settings`.
public struct SettingSpec: Sendable {
    public var key: String
    public var kind: ValueKind
    /// The value before any `set`.
    public var defaultValue: Value
    public var summary: String
    /// Describes the terminal rather than the analysis (width, canvas, colour): not saved
    /// with the workspace, and not restored by `open`.
    public var isSession: Bool

    public init(_ key: String, _ kind: ValueKind, default defaultValue: Value, summary: String, session isSession: Bool = false) {
        self.key = key
        self.kind = kind
        self.defaultValue = defaultValue
        self.summary = summary
        self.isSession = isSession
    }
}
