/// A report as a list of blocks (titles, lines, tables), rendered either as aligned terminal text
/// or as Markdown, so both outputs come from one builder and always show the same numbers.
public struct ReportDocument: Sendable, Equatable {
    public enum Block: Sendable, Equatable {
        case title(String)
        case line(String)
        case table(header: [String], rows: [[String]])
        case blank
    }

    public var blocks: [Block] = []

    public init() {}

    mutating func title(_ text: String) { blocks.append(.title(text)) }
    mutating func line(_ text: String) { blocks.append(.line(text)) }
    mutating func blank() { blocks.append(.blank) }
    mutating func table(_ header: [String], _ rows: [[String]]) { blocks.append(.table(header: header, rows: rows)) }

    /// Aligned text: columns padded to their widest cell, two spaces apart.
    public func text() -> String {
        var lines: [String] = []
        for block in blocks {
            switch block {
            case let .title(text): lines.append(text)
            case let .line(text): lines.append(text)
            case .blank: lines.append("")
            case let .table(header, rows):
                let all = [header] + rows
                let columns = all.map(\.count).max() ?? 0
                var widths = [Int](repeating: 0, count: columns)
                for row in all { for (c, cell) in row.enumerated() { widths[c] = max(widths[c], cell.count) } }
                for row in all {
                    let cells = row.enumerated().map { c, cell in
                        c == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[c] - cell.count)
                    }
                    lines.append(cells.joined(separator: "  "))
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Markdown: titles as `##` headings, tables as pipe tables, lines as paragraphs.
    public func markdown(heading: String) -> String {
        var lines = ["# \(heading)", ""]
        for block in blocks {
            switch block {
            case let .title(text): lines += ["## \(text)", ""]
            case let .line(text): lines += [text, ""]
            case .blank: break
            case let .table(header, rows):
                func row(_ cells: [String]) -> String {
                    "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |"
                }
                lines.append(row(header))
                lines.append("|" + header.map { _ in "---|" }.joined())
                lines += rows.map(row)
                lines.append("")
            }
        }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }
}
