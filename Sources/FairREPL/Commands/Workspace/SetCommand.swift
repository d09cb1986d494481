extension CommandSpec {
    /// `set [KEY [VALUE]]`: show or change a setting.
    static let set = CommandSpec(
        "set", group: .workspace, summary: "show or change a setting (seed, width, format, timer, canvas, color, digits)",
        arguments: [
            SetOptions.key, SetOptions.value
        ],
        examples: ["set seed 7", "set format csv", "set"]
    ) { context in
        guard let key = context.invocation[SetOptions.key] else {
            context.print(table: settingsTable(context.registry, context.settings))
            return
        }
        guard let spec = context.registry.setting(key) else { return }
        guard let text = context.invocation[SetOptions.value] else {
            let value = context.settings[key]?.description ?? spec.defaultValue.description
            context.print("\(key) = \(value)  (\(spec.kind.allowedDescription); \(spec.summary))")
            return
        }
        let value = try spec.kind.parse(text, subject: "setting '\(key)'", context: context.valueContext)
        context.settings[key] = value
        context.print("\(key) = \(value.description)")
    }

    /// The settings as a table of key, value and meaning.
    static func settingsTable(_ registry: CommandRegistry, _ settings: Settings) -> ResultTable {
        ResultTable(
            columns: ["setting", "value", "meaning"],
            rows: registry.settings.map { spec in
                [.text(spec.key), .text(settings[spec.key]?.description ?? spec.defaultValue.description), .text(spec.summary)]
            })
    }
}

extension ValueSource {
    /// The values the setting named by the previous argument accepts (for `set canvas ⇥`).
    static let settingValues = ValueSource(noun: "value", validates: false) { context in
        guard let key = context.previousArguments.first, let spec = context.registry.setting(key) else { return [] }
        if case let .values(list) = spec.kind.completion { return list }
        return []
    }
}

/// The arguments of `set`.
private enum SetOptions {
    static let key = CommandArgument<String?>("key", .name(.settingKeys), summary: "the setting")
    static let value = CommandArgument<String?>(
        "value", .text, summary: "its new value", completion: .source(.settingValues))
}
