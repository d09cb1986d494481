extension CommandSpec {
    /// `show [NAME|settings|results]`: the workspace, one value, the settings or the numbers.
    static let show = CommandSpec(
        "show", group: .workspace, summary: "list the workspace, or show one value, the settings or the results",
        arguments: [ShowOptions.name],
        examples: ["show", "show results", "show settings"]
    ) { context in
        let workspace = context.workspace
        switch context.invocation[ShowOptions.name] {
        case nil:
            guard !workspace.isEmpty else {
                context.print("the workspace is empty")
                return
            }
            var rows: [[ResultTable.Cell]] = []
            for kind in workspace.kinds {
                for entry in workspace.entries where entry.kind == kind {
                    let current = workspace.currentName(of: kind) == entry.name ? "*" : ""
                    rows.append([.text(entry.name), .text(kind.name), .text(current), .text(entry.value.summary)])
                }
            }
            context.print(table: ResultTable(columns: ["name", "kind", "current", "summary"], rows: rows))
        case "settings":
            context.print(table: settingsTable(context.registry, context.settings))
        case "results":
            let numbers = workspace.numbers
            guard !numbers.isEmpty else {
                context.print("no results yet")
                return
            }
            context.print(table: ResultTable(
                columns: [ResultTable.Column("name"), ResultTable.Column("value", rightAligned: true)],
                rows: numbers.map { [.text($0.name), .number($0.value)] }))
        case let name?:
            let details = workspace.entries(named: name).map { entry in
                "\(name) (\(entry.kind.name))\n" + entry.value.details(settings: context.settings)
            }
            context.print(details.joined(separator: "\n\n"))
        }
    }
}

/// The argument of `show`.
private enum ShowOptions {
    static let name = CommandArgument<String?>(
        "name", .name(.anyWorkspaceName(extra: ["settings", "results"])),
        summary: "a value's name, 'settings' or 'results'")
}
