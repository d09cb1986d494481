/// Splits `fair -c "cmd; cmd"` into commands at semicolons outside quotes.
public enum ScriptSplitter {
    public static func commands(_ text: String) -> [String] {
        var commands: [String] = []
        var current = ""
        var quote: Character?
        var escaping = false
        for ch in text {
            if escaping {
                current.append(ch)
                escaping = false
                continue
            }
            if ch == "\\" && quote != "'" {
                current.append(ch)
                escaping = true
                continue
            }
            if let open = quote {
                if ch == open { quote = nil }
                current.append(ch)
                continue
            }
            if ch == "'" || ch == "\"" {
                quote = ch
                current.append(ch)
            } else if ch == ";" || ch == "\n" {
                commands.append(current)
                current = ""
            } else {
                current.append(ch)
            }
        }
        commands.append(current)
        return commands.map { TextLayout.trimmed($0) }.filter { !$0.isEmpty }
    }
}
