/// Splits `fair -c "cmd; cmd"` into commands at semicolons and newlines outside quotes. A `#`
/// that starts a word outside quotes begins a comment up to the end of the line, as on a
/// command line (a `;` inside it separates nothing).
public enum ScriptSplitter {
    public static func commands(_ text: String) -> [String] {
        var commands: [String] = []
        var current = ""
        var quote: Character?
        var escaping = false
        var inComment = false
        for ch in text {
            if inComment {
                if ch == "\n" {
                    inComment = false
                    commands.append(current)
                    current = ""
                }
                continue
            }
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
            if ch == "#", current.last.map({ $0 == " " || $0 == "\t" }) ?? true {
                inComment = true
            } else if ch == "'" || ch == "\"" {
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
