/// The text of `help` and `help CMD`, generated from the registry (the same table that drives
/// parsing and completion, so help cannot drift from behaviour).
enum HelpFormatter {
    /// Every command, one line each, grouped.
    static func overview(_ registry: CommandRegistry, width: Int) -> String {
        var lines = ["fair — fair multi-task learning with Wasserstein barycenters, step by step", ""]
        let usageWidth = min(34, registry.commands.map(\.shortUsage.count).max() ?? 10)
        for group in CommandGroup.allCases {
            let commands = registry.commands.filter { $0.group == group }.sorted { $0.name < $1.name }
            guard !commands.isEmpty else { continue }
            lines.append(group.rawValue)
            lines += commandLines(commands, usageWidth: usageWidth, width: width)
            lines.append("")
        }
        lines.append("Type 'help CMD' or '?CMD' for details. Tab completes commands, options, names and files.")
        return lines.map(TextLayout.trimmingTrailingBlanks).joined(separator: "\n")
    }

    /// The commands whose name starts with the word `family` (`help verify`, `help reproduce`):
    /// one line each, as in the overview, then how to see one command's options.
    static func family(_ family: String, registry: CommandRegistry, width: Int) -> String {
        let commands = registry.commands.filter { $0.name.hasPrefix(family + " ") }
            .sorted { $0.name < $1.name }
        let usageWidth = min(34, commands.map(\.shortUsage.count).max() ?? 10)
        let count = "\(commands.count) command\(commands.count == 1 ? "" : "s")"
        let names = commands.map { "'\($0.name)'" }.joined(separator: ", ")
        var lines = ["\(family) — \(count): " + names, ""]
        lines += commandLines(commands, usageWidth: usageWidth, width: width)
        lines.append("")
        let example = commands.first?.name ?? family
        lines.append("Type 'help \(example)' (or another of them) for its options and examples.")
        return lines.map(TextLayout.trimmingTrailingBlanks).joined(separator: "\n")
    }

    /// One entry per command: the short usage, then the summary wrapped beside it (or below it
    /// when the usage is wider than `usageWidth`).
    private static func commandLines(_ commands: [CommandSpec], usageWidth: Int,
                                     width: Int) -> [String] {
        var lines: [String] = []
        for command in commands {
            let usage = command.shortUsage
            let summaryWidth = max(20, width - usageWidth - 4)
            let summary = TextLayout.wrapped(command.summary, width: summaryWidth)
            if usage.count > usageWidth {
                lines.append("  " + usage)
                let indent = String(repeating: " ", count: usageWidth + 4)
                lines.append(contentsOf: summary.map { indent + $0 })
            } else {
                for (k, part) in summary.enumerated() {
                    let head = k == 0
                        ? TextLayout.padded(usage, to: usageWidth)
                        : String(repeating: " ", count: usageWidth)
                    lines.append("  " + head + "  " + part)
                }
            }
        }
        return lines
    }

    /// Usage, arguments, options, prerequisites, examples and lesson of one command.
    static func detail(_ command: CommandSpec, registry: CommandRegistry, width: Int) -> String {
        var lines = ["\(command.name) — \(command.summary)", "", "Usage: \(command.usage)"]
        if !command.aliases.isEmpty { lines.append("Also: " + command.aliases.joined(separator: ", ")) }
        if !command.discussion.isEmpty {
            lines.append("")
            for paragraph in command.discussion.split(separator: "\n", omittingEmptySubsequences: false) {
                lines.append(contentsOf: paragraph.isEmpty ? [""] : TextLayout.wrapped(String(paragraph), width: width))
            }
        }
        if !command.arguments.isEmpty {
            lines.append("")
            lines.append("Arguments:")
            let names = command.arguments.map { $0.name.uppercased() + ($0.isVariadic ? "…" : "") }
            let nameWidth = names.map(\.count).max() ?? 0
            for (argument, name) in zip(command.arguments, names) {
                var text = argument.summary
                if argument.isOptional {
                    text +=
                        " (optional" + (argument.defaultValue.map { "; default \($0)" } ?? "") + ")"
                }
                lines.append(contentsOf: entry(name, text, nameWidth: nameWidth, width: width))
            }
        }
        if !command.options.isEmpty {
            lines.append("")
            lines.append("Options:")
            let nameWidth = command.options.map(\.usage.count).max() ?? 0
            for option in command.options {
                var text = option.summary
                if !option.isFlag { text += " (\(option.kind.allowedDescription)" + (option.defaultValue.map { "; default \($0)" } ?? "") + ")" }
                if option.isRequired { text += "; required" }
                lines.append(contentsOf: entry(option.usage, text, nameWidth: nameWidth, width: width))
            }
        }
        if !command.prerequisites.isEmpty {
            lines.append("")
            lines.append("Needs: " + command.prerequisites.map { "\($0.what) (run '\($0.remedy)')" }.joined(separator: ", "))
        }
        if !command.examples.isEmpty {
            lines.append("")
            lines.append(command.examples.count == 1 ? "Example:" : "Examples:")
            lines.append(contentsOf: command.examples.map { "  fair> " + $0 })
        }
        if let lesson = command.lesson {
            lines.append("")
            lines.append("Lesson: \(lesson)")
        }
        return lines.map(TextLayout.trimmingTrailingBlanks).joined(separator: "\n")
    }

    private static func entry(_ name: String, _ text: String, nameWidth: Int, width: Int) -> [String] {
        let wrapped = TextLayout.wrapped(text, width: max(24, width - nameWidth - 6))
        return wrapped.enumerated().map { k, part in
            "  " + (k == 0 ? TextLayout.padded(name, to: nameWidth) : String(repeating: " ", count: nameWidth)) + "  " + part
        }
    }
}

extension CommandSpec {
    /// The usage without optional options, for the one-line overview.
    var shortUsage: String {
        var parts = [name]
        for option in options where option.isRequired { parts.append(option.usage) }
        parts.append(contentsOf: arguments.map(\.usage))
        if options.contains(where: { !$0.isRequired }) { parts.append("[options]") }
        return parts.joined(separator: " ")
    }
}
