extension CommandSpec {
    /// `export NAME FILE`: writes a value's table (or all results) as CSV or JSON.
    static let export = CommandSpec(
        "export", group: .workspace, summary: "write a value (or all results) to a CSV or JSON file",
        arguments: [ExportOptions.name, ExportOptions.file],
        options: [ExportOptions.format],
        examples: ["export results results.csv", "export x x.json"]
    ) { context in
        let name = context.invocation[ExportOptions.name]
        let file = context.invocation[ExportOptions.file]
        let format: OutputFormat
        if let chosen = context.invocation[ExportOptions.format] {
            format = chosen == "json" ? .json : .csv
        } else if file.lowercased().hasSuffix(".json") {
            format = .json
        } else if file.lowercased().hasSuffix(".csv") {
            format = .csv
        } else {
            throw CommandError.invalidValue(
                subject: "FILE", value: file, allowed: "a name ending in .csv or .json, or --format csv|json", suggestions: [])
        }
        let table: ResultTable
        if name != "results",
            let document = try context.workspace.entries(named: name).lazy.compactMap({ try $0.value.exportDocument(format: format) }).first
        {
            try FileWriting.write(document + (document.hasSuffix("\n") ? "" : "\n"), to: context.resolve(path: file))
            context.print("exported \(name) to \(file)")
            return
        }
        if name == "results" {
            table = ResultTable(
                columns: [ResultTable.Column("name"), ResultTable.Column("value", rightAligned: true)],
                rows: context.workspace.numbers.map { [.text($0.name), .number($0.value)] })
        } else {
            let entries = context.workspace.entries(named: name)
            guard let exportable = entries.lazy.compactMap(\.value.exportTable).first else {
                let candidates = context.workspace.entries.filter { $0.value.exportTable != nil }.map(\.name)
                throw CommandError.notExportable(name: name, kind: entries.first?.kind.name ?? "value", exportable: candidates)
            }
            table = exportable
        }
        try FileWriting.write(table.render(format, digits: 17) + "\n", to: context.resolve(path: file))
        context.print("exported \(name) (\(table.rows.count) row\(table.rows.count == 1 ? "" : "s")) to \(file)")
    }
}

/// The arguments and options of `export`.
private enum ExportOptions {
    static let name = CommandArgument<String>(
        "name", .name(.anyWorkspaceName(extra: ["results"])),
        summary: "a value's name, or 'results' for every named number")
    static let file = CommandArgument<String>(
        "file", .path(.newFile(extensions: ["csv", "json"])),
        summary: "the file to write (.csv or .json)")
    static let format = CommandOption<String?>(
        "format", .choice(["csv", "json"]),
        summary: "file format (default: from the file's extension)")
}
