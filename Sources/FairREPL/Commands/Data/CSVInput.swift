import FairData
import FairPlot
import Foundation

/// Reading a user's CSV file for `load` and `import predictions`: the `--delimiter` option,
/// a hint when the file looks separated by another character, and an error for a file with a
/// header but no data rows. Row numbers in messages are 1-based data rows (the first line after
/// the header is data row 1), everywhere in the REPL.
enum CSVInput {
    /// The `--delimiter` option shared by `load` and `import predictions`.
    static let delimiterOption = CommandOption<String?>(
        "delimiter", .text,
        summary: "CSV: the field separator: one character, or comma, semicolon, tab, space, pipe "
            + "(default comma)")

    /// The delimiter named by `text`: one ASCII character other than a quote, CR or LF, `\t`,
    /// or one of the words comma, semicolon, tab, space, pipe.
    static func delimiter(_ text: String) throws -> Character {
        let words: [String: Character] = ["comma": ",", "semicolon": ";", "tab": "\t", "\\t": "\t", "space": " ", "pipe": "|"]
        if let named = words[text.lowercased()] { return named }
        guard text.count == 1, let character = text.first, character.isASCII, !"\"\r\n".contains(character) else {
            throw CommandError.invalidValue(
                subject: "--delimiter", value: text,
                allowed: "one ASCII character other than a quote or a line end, or comma, semicolon, tab, space, pipe",
                suggestions: EditDistance.suggestions(for: text, among: words.keys.sorted()))
        }
        return character
    }

    /// `row` (0-based index of a table read from a file) as the 1-based data row users see.
    static func dataRow(_ row: Int) -> String { "data row \(row + 1)" }

    /// Reads the CSV file `file` (as typed) with the `--delimiter` given, if any (nil: comma,
    /// with a hint when the header looks separated by another character).
    /// - Throws: a clear error for a missing file, a directory, a header without data rows, or a
    ///   reading error (with a hint when the header looks `;`- or tab-separated).
    static func read(_ file: String, delimiter named: String?, context: CommandContext) throws -> Table {
        let path = context.resolve(path: file)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandError.file(path: file, reason: "no such file (looked in \(context.environment.workingDirectory))")
        }
        if isDirectory.boolValue { throw CommandError.file(path: file, reason: "it is a directory; give a CSV file inside it") }
        let given = try named.map(delimiter)
        var options = CSVReadOptions()
        if let given { options.delimiter = given }
        let hint = given == nil ? separatorHint(path: path) : nil
        let table: Table
        do {
            table = try CSVReader.read(contentsOf: path, options: options)
        } catch let error as FairDataError {
            if let hint { throw CommandError.failed(message: "\(error.description) \(hint)") }
            throw error
        }
        if let hint, table.columnCount == 1 {
            throw CommandError.failed(message: "\(file) reads as one column, '\(table.columnNames[0])'. \(hint)")
        }
        if table.rowCount == 0 {
            throw CommandError.failed(
                message: "\(file) has a header (\(TextLayout.quotedList(table.columnNames))) but no data rows: there is nothing to load")
        }
        return table
    }

    /// A hint when the first line of the file has no comma but has semicolons or tabs.
    static func separatorHint(path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: 65_536) else { return nil }
        let header = data.prefix { $0 != 10 && $0 != 13 }
        guard !header.contains(UInt8(ascii: ",")) else { return nil }
        if header.contains(UInt8(ascii: ";")) {
            return "Its header looks ';'-separated: add --delimiter ';' (or --delimiter semicolon)."
        }
        if header.contains(9) { return "Its header looks tab-separated: add --delimiter tab." }
        return nil
    }

}
