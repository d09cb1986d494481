import FairPlot

/// A small table of results (a comparison, a list of settings, a sweep) that renders as
/// aligned text, CSV or JSON. Commands print tables through `CommandContext.print(table:)`,
/// which follows `set format`; `export` writes them to files.
public struct ResultTable: Sendable, Codable, Equatable {
    /// A column: its header and alignment.
    public struct Column: Sendable, Codable, Equatable {
        public var name: String
        /// Right-aligned (numbers) or left-aligned (text) in the text rendering.
        public var isRightAligned: Bool
        public init(_ name: String, rightAligned: Bool = false) {
            self.name = name
            self.isRightAligned = rightAligned
        }
    }

    /// A cell.
    public enum Cell: Sendable, Codable, Equatable {
        case text(String)
        case number(Double)
        case integer(Int)
        case empty

        /// The text of a text cell.
        public var text: String? {
            if case let .text(t) = self { return t }
            return nil
        }

        /// The value of a numeric cell.
        public var number: Double? {
            switch self {
            case let .number(x): return x
            case let .integer(n): return Double(n)
            default: return nil
            }
        }
    }

    public var title: String?
    public var columns: [Column]
    public var rows: [[Cell]]

    public init(title: String? = nil, columns: [Column], rows: [[Cell]]) {
        self.title = title
        self.columns = columns
        self.rows = rows
    }

    /// A table whose numeric columns are right-aligned, guessed from the first row.
    public init(title: String? = nil, columns: [String], rows: [[Cell]]) {
        let first = rows.first ?? []
        let specs = columns.enumerated().map { i, name in
            Column(name, rightAligned: i < first.count && first[i].number != nil)
        }
        self.init(title: title, columns: specs, rows: rows)
    }

    /// The table in `format`; `digits` significant digits for numbers in the text form.
    public func render(_ format: OutputFormat, digits: Int) -> String {
        switch format {
        case .table: return renderText(digits: digits)
        case .csv: return renderCSV()
        case .json: return renderJSON()
        }
    }

    // MARK: Text

    func renderText(digits: Int) -> String {
        let cells = rows.map { row in columns.indices.map { i in i < row.count ? Self.display(row[i], digits: digits) : "" } }
        var widths = columns.map(\.name.count)
        for row in cells {
            for (i, text) in row.enumerated() { widths[i] = max(widths[i], text.count) }
        }
        func line(_ texts: [String]) -> String {
            let parts = texts.enumerated().map { i, text in
                columns[i].isRightAligned ? TextLayout.rightAligned(text, to: widths[i]) : TextLayout.padded(text, to: widths[i])
            }
            return TextLayout.trimmingTrailingBlanks(parts.joined(separator: "  "))
        }
        var lines: [String] = []
        if let title { lines.append(title) }
        lines.append(line(columns.map(\.name)))
        lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        lines.append(contentsOf: cells.map(line))
        return lines.joined(separator: "\n")
    }

    static func display(_ cell: Cell, digits: Int) -> String {
        switch cell {
        case let .text(t): return t
        case let .number(x): return NumberFormat.significant(x, digits: digits)
        case let .integer(n): return NumberFormat.grouped(n)
        case .empty: return ""
        }
    }

    // MARK: CSV

    func renderCSV() -> String {
        var lines = [columns.map { Self.csvField($0.name) }.joined(separator: ",")]
        for row in rows {
            lines.append(columns.indices.map { i -> String in
                guard i < row.count else { return "" }
                switch row[i] {
                case let .text(t): return Self.csvField(t)
                case let .number(x): return NumberFormat.exact(x)
                case let .integer(n): return String(n)
                case .empty: return ""
                }
            }.joined(separator: ","))
        }
        return lines.joined(separator: "\n")
    }

    /// A CSV field, quoted when it holds a comma, quote, line break or outer blank.
    static func csvField(_ text: String) -> String {
        let needsQuotes = text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || text.first == " " || text.last == " "
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: JSON

    func renderJSON() -> String {
        if rows.isEmpty { return "[]" }
        let objects = rows.map { row -> String in
            let members = columns.indices.map { i -> String in
                let value: String
                if i < row.count {
                    switch row[i] {
                    case let .text(t): value = Self.jsonString(t)
                    case let .number(x): value = x.isFinite ? NumberFormat.exact(x) : "null"
                    case let .integer(n): value = String(n)
                    case .empty: value = "null"
                    }
                } else {
                    value = "null"
                }
                return Self.jsonString(columns[i].name) + ": " + value
            }
            return "  {" + members.joined(separator: ", ") + "}"
        }
        return "[\n" + objects.joined(separator: ",\n") + "\n]"
    }

    /// `text` as a JSON string literal.
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

import Foundation
