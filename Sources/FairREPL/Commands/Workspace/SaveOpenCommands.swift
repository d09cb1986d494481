import Foundation

extension CommandSpec {
    /// `save FILE`: writes the workspace and settings, atomically.
    static let save = CommandSpec(
        "save", group: .workspace, summary: "save the workspace and settings to FILE (atomically)",
        arguments: [SaveOpenOptions.saveFile],
        examples: ["save session.fairws"]
    ) { context in
        let file = context.invocation[SaveOpenOptions.saveFile]
        for name in context.workspace.names(of: .table) {
            if let table = context.workspace.value(TableValue.self, named: name), !table.privateColumns.isEmpty {
                throw CommandError.failed(
                    message: "table '\(name)' has private columns (\(table.privateColumns.joined(separator: ", "))), and private values are never written to a file: "
                        + "load it again with --drop instead of --private before saving")
            }
        }
        let data = try WorkspaceFile.encode(context.workspace, settings: context.settings, registry: context.registry)
        try FileWriting.write(data, to: context.resolve(path: file))
        let count = context.workspace.entries.count
        context.print("saved \(count) value\(count == 1 ? "" : "s") and the settings to \(file)")
    }

    /// `open FILE`: replaces the workspace and settings with a saved one.
    static let open = CommandSpec(
        "open", group: .workspace, summary: "replace the workspace and settings with those saved in FILE",
        arguments: [SaveOpenOptions.openFile],
        examples: ["open session.fairws"]
    ) { context in
        let file = context.invocation[SaveOpenOptions.openFile]
        let path = context.resolve(path: file)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandError.file(path: file, reason: "it cannot be read")
        }
        let contents = try WorkspaceFile.decode(data, path: file, registry: context.registry)
        var ignored: [String] = []
        for (key, text) in contents.settings.sorted(by: { $0.key < $1.key }) {
            guard let spec = context.registry.setting(key), !spec.isSession else {
                ignored.append(key)
                continue
            }
            context.settings[key] = try spec.kind.parse(text, subject: "saved setting '\(key)'", context: context.valueContext)
        }
        context.workspace = contents.workspace
        let count = contents.workspace.entries.count
        let kinds = contents.workspace.kinds.map { kind in "\(contents.workspace.names(of: kind).count) \(kind.plural)" }
        var line = "opened \(file): \(count) value\(count == 1 ? "" : "s")"
        if !kinds.isEmpty { line += " (" + kinds.joined(separator: ", ") + ")" }
        context.print(line)
        if !ignored.isEmpty { context.print("ignored settings this build does not have: " + ignored.joined(separator: ", ")) }
    }
}

/// The arguments of `save` and `open`.
private enum SaveOpenOptions {
    static let saveFile = CommandArgument<String>(
        "file", .path(.newFile(extensions: ["fairws"])), summary: "the file to write")
    static let openFile = CommandArgument<String>(
        "file", .path(.existingFile(extensions: ["fairws"])), summary: "a file written by 'save'")
}
