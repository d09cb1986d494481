import FairPlot

/// The session's settings (`set KEY VALUE`): the core ones below plus any a later module
/// registers with `CommandRegistry.register(setting:)`. Values are stored typed; the typed
/// accessors read the core keys.
public struct Settings: Sendable, Equatable {
    private var values: [String: Value]

    /// The registered settings at their defaults.
    public init(specs: [SettingSpec]) {
        values = Dictionary(specs.map { ($0.key, $0.defaultValue) }, uniquingKeysWith: { _, last in last })
    }

    /// The value of `key`, nil when no such setting is registered.
    public subscript(key: String) -> Value? {
        get { values[key] }
        set { values[key] = newValue }
    }

    /// Seed of every random step that has no explicit `--seed`.
    public var seed: UInt64 {
        get { UInt64(max(0, values["seed"]?.integer ?? 42)) }
        set { values["seed"] = .integer(Int(clamping: newValue)) }
    }

    /// Plot and table width in columns.
    public var width: Int {
        get { values["width"]?.integer ?? 80 }
        set { values["width"] = .integer(newValue) }
    }

    /// How tables print.
    public var format: OutputFormat {
        get { values["format"]?.text.flatMap(OutputFormat.init(rawValue:)) ?? .table }
        set { values["format"] = .text(newValue.rawValue) }
    }

    /// Whether each command is followed by `time: …`.
    public var timer: Bool {
        get { values["timer"]?.boolean ?? false }
        set { values["timer"] = .boolean(newValue) }
    }

    /// The plot canvas.
    public var canvas: TextRenderer.Canvas {
        get { values["canvas"]?.text.flatMap(TextRenderer.Canvas.init(rawValue:)) ?? .ascii }
        set { values["canvas"] = .text(newValue.rawValue) }
    }

    /// Whether plots use ANSI colours.
    public var color: Bool {
        get { values["color"]?.boolean ?? false }
        set { values["color"] = .boolean(newValue) }
    }

    /// Significant digits of numbers in tables and messages.
    public var digits: Int {
        get { values["digits"]?.integer ?? 3 }
        set { values["digits"] = .integer(newValue) }
    }
}

extension SettingSpec {
    /// The settings every session has.
    public static let core: [SettingSpec] = [
        SettingSpec("seed", .integer(min: 0), default: .integer(42),
                    summary: "seed of every random step that has no --seed of its own"),
        SettingSpec("width", .integer(min: 24, max: 400), default: .integer(80),
                    summary: "width of plots and tables in columns", session: true),
        SettingSpec("format", .choice(OutputFormat.allCases.map(\.rawValue)), default: .text("table"),
                    summary: "how tables print: aligned text, CSV or JSON"),
        SettingSpec("timer", .boolean, default: .boolean(false),
                    summary: "print the time each command takes (always off in lessons)"),
        SettingSpec("canvas", .choice(TextRenderer.Canvas.allCases.map(\.rawValue)), default: .text("ascii"),
                    summary: "plot canvas: ascii glyphs or braille dots", session: true),
        SettingSpec("color", .boolean, default: .boolean(false),
                    summary: "colour in plots (on by default on a colour terminal)", session: true),
        SettingSpec("digits", .integer(min: 1, max: 17), default: .integer(3),
                    summary: "significant digits of numbers in tables and messages"),
    ]
}
