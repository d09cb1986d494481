/// The one check of a CSV delimiter, shared by the reader, the record stream and the writer.
enum CSVDelimiter {
    /// What a delimiter may be: a quote, CR or LF would make records ambiguous.
    static let rule = "one ASCII character other than a quote, CR or LF"

    /// The delimiter's byte, or `invalidParameter` whose `allowed` text is `allowed`.
    static func byte(of delimiter: Character, allowed: String = rule) throws -> UInt8 {
        guard let byte = delimiter.asciiValue, byte != UInt8(ascii: "\""), byte != 10, byte != 13
        else {
            throw FairDataError.invalidParameter(
                name: "delimiter", value: FairDataError.show(String(delimiter)), allowed: allowed)
        }
        return byte
    }
}
