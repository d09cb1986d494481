/// Text made safe inside XML and HTML (SVG figures, the Book, HTML reports): `&`, `<`, `>`
/// and `"` as entities, and `'` as `apostrophe` (`&apos;` in SVG, `&#39;` in HTML, itself
/// where every attribute value is double-quoted). Every other character is kept.
public enum MarkupEscaping {
    public static func escaped(_ text: String, apostrophe: String = "&apos;") -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += apostrophe
            default: out.append(character)
            }
        }
        return out
    }
}
