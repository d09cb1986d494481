import FairPlot

/// A written account of the current analysis (`report FILE`): titled sections of paragraphs,
/// tables, figures and command listings, rendered as one self-contained page, HTML (inline
/// CSS and SVG figures) or Markdown (figures drawn as text). Pure: the same report renders to
/// the same bytes, with no date, no random number and nothing fetched from the network.
struct AnalysisReport: Equatable {
    /// One element of a section.
    enum Block: Equatable {
        case paragraph(String)
        /// Lines shown as a list.
        case list([String])
        case table(ResultTable)
        /// A figure: SVG in HTML, text in Markdown.
        case figure(Figure)
        /// Lines shown verbatim (commands).
        case code([String])
    }

    struct Section: Equatable {
        var title: String
        var blocks: [Block]
    }

    var title: String
    var sections: [Section]

    // MARK: Markdown

    /// GitHub-flavoured Markdown; tables as pipe tables, figures as text plots in code blocks.
    func markdown(digits: Int) -> String {
        var out = ["# " + Self.markdownEscaped(title), ""]
        for section in sections {
            out += ["## " + Self.markdownEscaped(section.title), ""]
            for block in section.blocks {
                switch block {
                case let .paragraph(text):
                    out += [Self.markdownEscaped(text), ""]
                case let .list(items):
                    out += items.map { "- " + Self.markdownEscaped($0) } + [""]
                case let .table(table):
                    if let caption = table.title { out += ["*" + Self.markdownEscaped(caption) + "*", ""] }
                    out.append("| " + table.columns.map { Self.cell($0.name) }.joined(separator: " | ") + " |")
                    out.append("|" + table.columns.map { $0.isRightAligned ? " ---: |" : " --- |" }.joined())
                    for row in table.rows {
                        out.append("| " + row.map { Self.cell(ResultTable.display($0, digits: digits)) }.joined(separator: " | ") + " |")
                    }
                    out.append("")
                case let .figure(figure):
                    out += ["```text", TextRenderer(canvas: .ascii).render(figure, width: 90), "```", ""]
                case let .code(lines):
                    out += ["```text"] + lines + ["```", ""]
                }
            }
        }
        return out.joined(separator: "\n")
    }

    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
    }

    /// Text with Markdown's inline markers escaped, so names such as `y_binary` stay literal.
    static func markdownEscaped(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_[]<>#|".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    // MARK: HTML

    /// One HTML5 document with inline CSS and inline SVG figures.
    func html(digits: Int) -> String {
        var body: [String] = ["<h1>\(Self.escaped(title))</h1>"]
        body.append("<nav><ol>" + sections.enumerated().map { "<li><a href=\"#s\($0.offset + 1)\">\(Self.escaped($0.element.title))</a></li>" }.joined() + "</ol></nav>")
        for (index, section) in sections.enumerated() {
            body.append("<section id=\"s\(index + 1)\">")
            body.append("<h2>\(Self.escaped(section.title))</h2>")
            for block in section.blocks {
                switch block {
                case let .paragraph(text):
                    body.append("<p>\(Self.escaped(text))</p>")
                case let .list(items):
                    body.append("<ul>" + items.map { "<li>\(Self.escaped($0))</li>" }.joined() + "</ul>")
                case let .table(table):
                    var lines = ["<table>"]
                    if let caption = table.title { lines.append("<caption>\(Self.escaped(caption))</caption>") }
                    lines.append("<thead><tr>" + table.columns.map { "<th\($0.isRightAligned ? " class=\"num\"" : "")>\(Self.escaped($0.name))</th>" }.joined() + "</tr></thead>")
                    lines.append("<tbody>")
                    for row in table.rows {
                        let cells = zip(table.columns, row).map { column, cell in
                            "<td\(column.isRightAligned ? " class=\"num\"" : "")>\(Self.escaped(ResultTable.display(cell, digits: digits)))</td>"
                        }
                        lines.append("<tr>" + cells.joined() + "</tr>")
                    }
                    lines.append("</tbody></table>")
                    body.append(lines.joined(separator: "\n"))
                case let .figure(figure):
                    body.append("<figure>\n" + SVGRenderer().render(figure) + "\n</figure>")
                case let .code(lines):
                    body.append("<pre><code>" + lines.map(Self.escaped).joined(separator: "\n") + "</code></pre>")
                }
            }
            body.append("</section>")
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Self.escaped(title))</title>
            <style>
            body { font-family: system-ui, sans-serif; max-width: 64rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; color: #111; }
            table { border-collapse: collapse; margin: 1rem 0; font-variant-numeric: tabular-nums; }
            caption { text-align: left; font-style: italic; padding-bottom: 0.3rem; }
            th, td { border-bottom: 1px solid #ccc; padding: 0.2rem 0.6rem; text-align: left; }
            th.num, td.num { text-align: right; }
            pre { background: #f4f4f4; padding: 0.8rem; overflow-x: auto; }
            figure { margin: 1rem 0; overflow-x: auto; }
            nav ol { columns: 2; }
            </style>
            </head>
            <body>
            \(body.joined(separator: "\n"))
            </body>
            </html>

            """
    }

    /// `&`, `<`, `>` and `"` as entities.
    static func escaped(_ text: String) -> String { MarkupEscaping.escaped(text, apostrophe: "'") }
}
