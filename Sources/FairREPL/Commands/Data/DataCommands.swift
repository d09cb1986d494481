extension CommandRegistry {
    /// `load`, `describe`, `head`, `datasets`; the table kind and the `data-dir` setting.
    public mutating func registerDataCommands() {
        register(valueType: TableValue.self)
        register(setting: DataDirectorySetting.spec)
        for command in [CommandSpec.load, .describe, .head, .datasets] { register(command) }
    }
}
