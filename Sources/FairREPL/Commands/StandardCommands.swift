/// # Adding commands
///
/// A domain command (load, split, train, fit barycenter, verify ks, plot cdf…) is a
/// `CommandSpec` registered here; nothing else in the core changes.
///
/// 1. **Value kinds.** Wrap the module's type (or conform it) as a `WorkspaceValue`
///    (`Sendable`, `Codable`): give it `static let kind = WorkspaceKind(name: "table",
///    plural: "tables", order: 10, showsInPrompt: true)` and a one-line `summary`; optionally
///    `details(settings:)` for `show NAME`, `exportTable` for `export`, `namedNumbers` for
///    `expect`/`let`, and `encodingVersion` + `decode(from:version:)` when its saved form
///    changes. Register it with `register(valueType:)` so `save`/`open` can read it back.
/// 2. **The spec.** Declare each option and argument once, typed, with its allowed values and
///    default, in an enum next to the command (`private enum FitOptions { static let jitter =
///    CommandOption<Double>("jitter", .real(min: 0), summary: "…", default: 0) }`;
///    `CommandOption<Int?>` for no default, `CommandOption.flag`, `CommandArgument<String>`).
///    Then `CommandSpec("fit barycenter", group: .repair, summary: …, arguments: […],
///    options: [FitOptions.jitter, …], examples: ["fit barycenter --task t"],
///    prerequisites: [.value(.predictions, runFirst: "predict")], lesson: "Lessons/04-….md")
///    { context in … }`. Option and argument kinds (`ValueKind`) parse and validate the text
///    and say what is allowed; `.name(ValueSource)` validates against names known only at run
///    time (columns, groups, tasks) and drives their completion; `completion:` overrides it.
///    Help, completion and parsing read the same declaration, so the default is written once.
/// 3. **The handler** reads `context.invocation[FitOptions.jitter]` (a `Double`, checked and
///    defaulted; `invocation.isGiven(key)` says whether it was typed), reads and writes `context.workspace` (`current(T.self)`, `value(T.self,
///    named:)`, `store(_:as:)`), prints with `context.print(_:)`, `print(table:)` (follows
///    `set format`) and `print(figure:)` (follows canvas, width, colour), and throws
///    `CommandError` (or any error whose description is a message for the user). Long loops
///    call `try context.checkCancellation("at epoch \(epoch)")` at safe points and report
///    `context.progress.report(ProgressEvent(unit: "epoch", completed: e, total: n, detail:
///    "loss 0.123"))`, then print one summary line. The workspace copy is kept only if the
///    handler returns normally, so an interrupted or failed command changes nothing.
/// 4. **Register** the group here: `registry.registerDataCommands()` from a file
///    `Commands/Data/DataCommands.swift` holding `extension CommandRegistry { mutating func
///    registerDataCommands() { register(valueType: TableValue.self); register(.load); … } }`.
///    Settings of a module (e.g. `data-dir`) are added with `register(setting:)`.
///
/// `Tests/FairREPLTests/Harness/TestSupport.swift` (`domainRegistry()`) shows a complete
/// small example: a value kind, a column source, a prerequisite and a cancellable command.
extension CommandRegistry {
    /// Every command, setting and value kind FairMTL ships.
    public static func standard() -> CommandRegistry {
        var registry = CommandRegistry()
        registry.registerWorkspaceCommands()
        registry.registerDataCommands()
        registry.registerSplitCommands()
        registry.registerModelCommands()
        registry.registerPredictionCommands()
        registry.registerRepairCommands()
        registry.registerCheckCommands()
        registry.registerPlotCommands()
        registry.registerReportCommands()
        registry.registerLessonCommands()
        registry.registerReplicationCommands()
        registry.registerAttributeCommands()
        return registry
    }

    /// Settings, workspace and session commands, and the core value kinds.
    public mutating func registerWorkspaceCommands() {
        for setting in SettingSpec.core { register(setting: setting) }
        register(valueType: NumberResult.self)
        register(valueType: ReportValue.self)
        for command in [
            CommandSpec.help, .set, .show, .history, .expect, .let, .recordStart, .recordStop, .save, .open, .export,
            .sleep, .quit,
        ] {
            register(command)
        }
    }
}
