import Foundation

/// Tab-completion candidates for a partly typed line, driven by the registry: command words,
/// subcommand words, options not yet given, option and argument values (fixed lists,
/// workspace names, columns and groups through value sources, file paths), and result names
/// inside expressions.
///
/// The word being completed runs from the last blank (or, inside `--option=value`, from the
/// `=`) to the cursor; each candidate replaces that word. Directories end in `/`.
struct Completer {
    let registry: CommandRegistry
    let workspace: Workspace
    let settings: Settings
    let environment: InterpreterEnvironment

    func completions(line: String, cursor: Int) -> [String] {
        let text = String(line.prefix(max(0, min(cursor, line.count))))
        let wordStart = text.lastIndex { $0 == " " || $0 == "\t" }.map { text.index(after: $0) } ?? text.startIndex
        var word = String(text[wordStart...])
        let before = String(text[..<wordStart])

        // `?cmd` is `help cmd`.
        if before.isEmpty && word.hasPrefix("?") {
            return filter(firstWords(), by: String(word.dropFirst())).map { "?" + $0 }
        }
        var tokens = Tokenizer.tokenizeLeniently(before).map(\.text)
        if let first = tokens.first, first.hasPrefix("?") {
            tokens[0] = String(first.dropFirst())
            tokens.insert("help", at: 0)
            if tokens[1].isEmpty { tokens.remove(at: 1) }
        }
        if tokens.isEmpty { return filter(firstWords(), by: word) }

        // The command: the longest registered name the typed words start with.
        var command: CommandSpec?
        var commandWords = 0
        let longest = registry.commands.map(\.words.count).max() ?? 1
        for count in stride(from: min(longest, tokens.count), through: 1, by: -1) {
            if let found = registry.command(named: tokens[0..<count].joined(separator: " ")) {
                command = found
                commandWords = count
                break
            }
        }
        var candidates: [String] = []
        if commandWords == tokens.count || command == nil {
            candidates += registry.nextWords(after: tokens)
        }
        guard let spec = command else { return filter(candidates, by: word) }
        let rest = Array(tokens[commandWords...])

        // Inside an expression: complete the name being typed.
        if spec.arguments.contains(where: \.isRestOfLine), positionalCount(rest, spec: spec) >= spec.arguments.count - 1 {
            return expressionCandidates(word: word)
        }

        // A value for the option just typed, or after `--option=`.
        if word.hasPrefix("--"), let equals = word.firstIndex(of: "=") {
            let name = String(word[word.index(word.startIndex, offsetBy: 2)..<equals])
            word = String(word[word.index(after: equals)...])
            guard let option = spec.option(named: name) else { return [] }
            return values(option.completion ?? option.kind.completion, word: word, previous: positionalValues(rest, spec: spec))
        }
        if let last = rest.last, last.hasPrefix("--"), !last.contains("="),
            let option = spec.option(named: String(last.dropFirst(2))), !option.isFlag
        {
            return values(option.completion ?? option.kind.completion, word: word, previous: positionalValues(rest, spec: spec))
        }
        let given = Set(rest.filter { $0.hasPrefix("--") }.map { String($0.dropFirst(2).split(separator: "=").first ?? "") })
        let optionNames = spec.options.filter { !given.contains($0.name) }.map(\.spelling)
        if word.hasPrefix("-") { return filter(candidates + optionNames, by: word) }

        // The next positional argument.
        let positional = positionalValues(rest, spec: spec)
        let plain = spec.arguments.filter { !$0.isRestOfLine }
        if let argument = positional.count < plain.count ? plain[positional.count] : plain.last(where: \.isVariadic) {
            candidates += values(argument.completion ?? argument.kind.completion, word: word, previous: positional)
        }
        if word.isEmpty { candidates += optionNames }
        return filter(candidates, by: word)
    }

    // MARK: Sources

    private func firstWords() -> [String] {
        Array(Set(registry.allNames.compactMap { $0.split(separator: " ").first.map(String.init) })).sorted()
    }

    private func filter(_ candidates: [String], by prefix: String) -> [String] {
        var seen = Set<String>()
        return candidates.filter { $0.hasPrefix(prefix) && seen.insert($0).inserted }.sorted()
    }

    private func positionalValues(_ rest: [String], spec: CommandSpec) -> [String] {
        var values: [String] = []
        var i = 0
        while i < rest.count {
            let token = rest[i]
            if token.hasPrefix("--") {
                if !token.contains("="), let option = spec.option(named: String(token.dropFirst(2))), !option.isFlag { i += 1 }
            } else {
                values.append(token)
            }
            i += 1
        }
        return values
    }

    private func positionalCount(_ rest: [String], spec: CommandSpec) -> Int { positionalValues(rest, spec: spec).count }

    private func values(_ completion: CompletionSpec, word: String, previous: [String]) -> [String] {
        // In a comma-separated list (`--tasks a,b`), complete the item after the last comma.
        let head = word.lastIndex(of: ",").map { String(word[...$0]) } ?? ""
        let item = String(word.dropFirst(head.count))
        switch completion {
        case .none: return []
        case let .values(list): return filter(list, by: item).map { head + $0 }
        case let .source(source):
            let context = ValueContext(
                workspace: workspace, settings: settings, registry: registry, environment: environment,
                previousArguments: previous)
            return filter(source.names(context), by: item).map { head + $0 }
        case let .files(extensions): return paths(word: word, extensions: extensions)
        case let .sourceAndFiles(source, extensions):
            return values(.source(source), word: word, previous: previous) + paths(word: word, extensions: extensions)
        }
    }

    private func expressionCandidates(word: String) -> [String] {
        // The name being typed is the identifier at the end of the word (`approx(ks.a`).
        var identifierStart = word.endIndex
        while identifierStart > word.startIndex {
            let previous = word.index(before: identifierStart)
            let ch = word[previous]
            guard ch.isLetter || ch.isNumber || ch == "_" || ch == "." else { break }
            identifierStart = previous
        }
        let head = String(word[..<identifierStart])
        let partial = String(word[identifierStart...])
        let names = workspace.numbers.map(\.name) + ExpressionEvaluator.functions.map { $0 + "(" } + ["and", "or", "not"]
        return filter(names, by: partial).map { head + $0 }
    }

    /// Files and directories matching a partly typed path.
    private func paths(word: String, extensions: [String]) -> [String] {
        let slash = word.lastIndex(of: "/")
        let directoryPart = slash.map { String(word[...$0]) } ?? ""
        let namePrefix = slash.map { String(word[word.index(after: $0)...]) } ?? word
        let directory = directoryPart.isEmpty ? environment.workingDirectory : environment.resolve(path: directoryPart)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        var result: [String] = []
        for name in names where name.hasPrefix(namePrefix) {
            if name.hasPrefix(".") && !namePrefix.hasPrefix(".") { continue }
            var isDirectory: ObjCBool = false
            let full = URL(fileURLWithPath: directory).appendingPathComponent(name).path
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                result.append(directoryPart + name + "/")
            } else if extensions.isEmpty || extensions.contains(where: { name.hasSuffix("." + $0) }) {
                result.append(directoryPart + name)
            }
        }
        return result.sorted()
    }
}
