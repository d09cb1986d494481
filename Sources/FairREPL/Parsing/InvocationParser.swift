/// Checks the words after a command's name against its spec: options (`--name VALUE`,
/// `--name=VALUE`, flags, `--` to end options), positional arguments, required ones and
/// defaults. Every error says what is allowed.
enum InvocationParser {
    static func parse(
        _ tokens: [Tokenizer.Token], line: String, spec: CommandSpec, context: ValueContext
    ) throws(CommandError) -> ParsedInvocation {
        var result = ParsedInvocation(spec: spec)
        var positional: [String] = []
        var optionsEnded = false
        var i = 0
        let restArgument = spec.arguments.last { $0.isRestOfLine }

        while i < tokens.count {
            let token = tokens[i]
            // An expression takes the rest of the line verbatim, once the other arguments are read.
            if let rest = restArgument, positional.count == spec.arguments.count - 1, !token.text.hasPrefix("--") || optionsEnded {
                let startIndex = line.index(line.startIndex, offsetBy: token.start)
                result.rest = TextLayout.trimmed(line[startIndex...])
                result.restOffset = token.start
                result.setArgument(rest.name, .text(result.rest ?? ""))
                i = tokens.count
                break
            }
            if !optionsEnded && !token.isQuoted && token.text == "--" {
                optionsEnded = true
                i += 1
                continue
            }
            if !optionsEnded && !token.isQuoted && token.text.hasPrefix("--") && token.text.count > 2 {
                let body = token.text.dropFirst(2)
                let name: String
                var inlineValue: String?
                if let equals = body.firstIndex(of: "=") {
                    name = String(body[..<equals])
                    inlineValue = String(body[body.index(after: equals)...])
                } else {
                    name = String(body)
                }
                guard let option = spec.option(named: name) else {
                    let known = spec.options.map(\.spelling)
                    throw .unknownOption(
                        command: spec.name, option: "--" + name,
                        suggestions: EditDistance.suggestions(for: "--" + name, among: known), known: known)
                }
                guard !result.wasGiven(name) else { throw .repeatedOption(option: option.spelling) }
                if option.isFlag {
                    if inlineValue != nil { throw .flagWithValue(option: option.spelling) }
                    result.setOption(name, .boolean(true), given: true)
                } else {
                    let text: String
                    if let inlineValue {
                        text = inlineValue
                    } else if i + 1 < tokens.count {
                        i += 1
                        text = tokens[i].text
                    } else {
                        throw .missingValue(option: option.spelling, allowed: option.kind.allowedDescription)
                    }
                    result.setOption(
                        name,
                        try option.kind.parse(text, subject: option.spelling, context: context),
                        given: true)
                }
                i += 1
                continue
            }
            positional.append(token.text)
            i += 1
        }

        try assign(positional, to: spec, result: &result, context: context)
        for option in spec.options where !result.hasOption(option.name) {
            if let text = option.defaultValue {
                let value = try option.kind.parse(text, subject: option.spelling, context: context)
                result.setOption(option.name, value, given: false)
            } else if option.isRequired {
                throw .missingOption(
                    command: spec.name, option: option.spelling, allowed: option.kind.allowedDescription, usage: spec.usage)
            }
        }
        return result
    }

    private static func assign(
        _ positional: [String], to spec: CommandSpec, result: inout ParsedInvocation, context: ValueContext
    ) throws(CommandError) {
        var index = 0
        for argument in spec.arguments {
            if argument.isRestOfLine {
                if result.rest == nil && !argument.isOptional {
                    throw .missingArgument(
                        command: spec.name, argument: argument.name.uppercased(), allowed: argument.summary, usage: spec.usage)
                }
                continue
            }
            let previous = Array(positional.prefix(index))
            let argumentContext = ValueContext(
                workspace: context.workspace, settings: context.settings, registry: context.registry,
                environment: context.environment, previousArguments: previous)
            if argument.isVariadic {
                var values: [Value] = []
                while index < positional.count {
                    values.append(try argument.kind.parse(positional[index], subject: argument.name.uppercased(), context: argumentContext))
                    index += 1
                }
                if values.isEmpty && !argument.isOptional {
                    throw .missingArgument(
                        command: spec.name, argument: argument.name.uppercased(), allowed: argument.summary, usage: spec.usage)
                }
                result.setArgument(argument.name, .list(values))
                continue
            }
            guard index < positional.count else {
                if let text = argument.defaultValue {
                    let value = try argument.kind.parse(
                        text, subject: argument.name.uppercased(), context: argumentContext)
                    result.setArgument(argument.name, value)
                }
                if argument.isOptional { continue }
                throw .missingArgument(
                    command: spec.name, argument: argument.name.uppercased(), allowed: argument.summary, usage: spec.usage)
            }
            result.setArgument(
                argument.name,
                try argument.kind.parse(
                    positional[index], subject: argument.name.uppercased(), context: argumentContext
                ))
            index += 1
        }
        if index < positional.count {
            throw .tooManyArguments(command: spec.name, extra: positional[index], usage: spec.usage)
        }
    }
}
