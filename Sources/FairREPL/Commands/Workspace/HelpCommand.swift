extension CommandSpec {
    /// `help [CMD…]`: the command list, or one command's usage, options and example.
    static let help = CommandSpec(
        "help", group: .workspace, summary: "list the commands, or explain one (also ?CMD)",
        arguments: [HelpOptions.command],
        examples: ["help", "help expect", "?set"]
    ) { context in
        let words = context.invocation[HelpOptions.command]
        guard !words.isEmpty else {
            context.print(HelpFormatter.overview(context.registry, width: context.settings.width))
            return
        }
        if words.count == 1, context.registry.command(named: words[0]) == nil,
           !context.registry.nextWords(after: words).isEmpty {
            // A family of commands (`help verify`, `help reproduce`): list its members.
            let width = context.settings.width
            context.print(HelpFormatter.family(words[0], registry: context.registry, width: width))
            let folder = context.resolve(path: "Lessons")
            let lessons = LessonCatalog.lessons(using: words[0], in: folder)
            if !lessons.isEmpty { context.print("Used in: " + lessons.joined(separator: ", ")) }
            return
        }
        let (command, count) = try context.registry.resolve(words: words)
        if count < words.count {
            throw CommandError.unknownCommand(name: words.joined(separator: " "), suggestions: [command.name])
        }
        context.print(HelpFormatter.detail(command, registry: context.registry, width: context.settings.width))
        let using = LessonCatalog.lessons(using: command.name, in: context.resolve(path: "Lessons"))
        if !using.isEmpty { context.print("Used in: " + using.joined(separator: ", ")) }
    }
}

extension ValueSource {
    /// The next word of a command name, given the words before it (for `help verify ⇥`).
    static let commandWords = ValueSource(noun: "command", validates: false) { context in
        context.previousArguments.isEmpty
            ? Array(Set(context.registry.allNames.compactMap { $0.split(separator: " ").first.map(String.init) })).sorted()
            : context.registry.nextWords(after: context.previousArguments)
    }
}

/// The argument of `help`.
private enum HelpOptions {
    static let command = CommandArgument<[String]>.variadic(
        "command", .name(.commandWords), summary: "a command, e.g. 'expect' or 'record start'",
        optional: true)
}
