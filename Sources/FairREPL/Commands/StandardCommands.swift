extension CommandRegistry {
    /// Every command, setting and value kind FairMTL ships.
    ///
    /// A group of commands lives in its own folder under `Commands/` and registers itself
    /// with one `register…Commands()` call here; nothing else in the core changes when a
    /// command is added.
    public static func standard() -> CommandRegistry {
        var registry = CommandRegistry()
        registry.registerWorkspaceCommands()
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
