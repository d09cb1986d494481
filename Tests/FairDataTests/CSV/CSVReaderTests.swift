import FairCore
import Testing
@testable import FairData

@Suite("CSVReader")
struct CSVReaderTests {
    // MARK: Types and values

    @Test("infers numeric and categorical columns; missing markers are NaN / code -1")
    func inference() throws {
        let table = try readCSV("age,sex,score\n25,F,1.5\nNA,M,?\n31,,-2e3\n")
        #expect(table.columnNames == ["age", "sex", "score"])
        #expect(table.rowCount == 3)
        let age = try table.numeric("age")
        #expect(age[0] == 25 && age[1].isNaN && age[2] == 31)
        let sex = try table.categorical("sex")
        #expect(sex.categories == ["F", "M"])
        #expect(sex.codes == [0, 1, -1])
        let score = try table.numeric("score")
        #expect(score[0] == 1.5 && score[1].isNaN && score[2] == -2000)
    }

    @Test("a column with no value is numeric and all missing; header only gives zero rows")
    func emptyColumns() throws {
        let table = try readCSV("a,b\n,x\nNA,y\n")
        #expect(try table.numeric("a").allSatisfy(\.isNaN))
        let headerOnly = try readCSV("a,b,c\n")
        #expect(headerOnly.columnNames == ["a", "b", "c"])
        #expect(headerOnly.rowCount == 0)
        #expect(headerOnly.columns.allSatisfy { $0.type == .numeric && $0.count == 0 })
        let headerOnlyNoNewline = try readCSV("a;b", CSVReadOptions(delimiter: ";"))
        #expect(headerOnlyNoNewline.columnNames == ["a", "b"] && headerOnlyNoNewline.rowCount == 0)
    }

    @Test("an empty file (or only a BOM and blank lines) is an error that names the file")
    func emptyFile() {
        for text in ["", "\u{FEFF}", "\n\n\r\n"] {
            let error = fairDataError { _ = try readCSV(text) }
            #expect(error == .emptyFile(path: "t.csv"))
            #expect(error?.description.contains("t.csv: the file is empty: expected a header line") == true)
        }
    }

    @Test("a column that turns categorical late keeps the exact text of its earlier numeric rows")
    func lateSwitch() throws {
        let table = try readCSV("code,x\n1.50,1\n2,2\nNA,3\n 007 ,4\nabc,5\n")
        let code = try table.categorical("code")
        #expect(code.labels == ["1.50", "2", nil, "007", "abc"])
        #expect(try table.numeric("x") == [1, 2, 3, 4, 5])
    }

    @Test("type overrides: categorical numbers keep their text; a non-number in a numeric column is an error at file:line:column")
    func overrides() throws {
        let table = try readCSV("id,v\n01,1\n2,x\n", CSVReadOptions(columnTypes: ["id": .categorical, "v": .categorical]))
        #expect(try table.categorical("id").labels == ["01", "2"])
        #expect(try table.categorical("v").labels == ["1", "x"])

        let error = fairDataError { _ = try readCSV("id,v\n1,2\n3, four\n", CSVReadOptions(columnTypes: ["v": .numeric])) }
        #expect(error == .notANumber(SourceLocation(file: "t.csv", line: 3, column: 4), column: "v", found: "four"))
        #expect(error?.description.hasPrefix("t.csv:3:4: column \"v\" is numeric: expected a decimal number or a missing marker, found \"four\"") == true)

        let unknown = fairDataError { _ = try readCSV("a\n1\n", CSVReadOptions(columnTypes: ["b": .numeric])) }
        #expect(unknown == .unknownColumn(name: "b", available: ["a"]))
    }

    @Test("a number beyond the Double range is an error naming its place")
    func outOfRange() {
        let error = fairDataError { _ = try readCSV("a,b\n1,2\n3,1e400\n") }
        #expect(error == .numberOutOfRange(SourceLocation(file: "t.csv", line: 3, column: 3), column: "b", found: "1e400"))
        #expect(error?.description.contains("mark it missing") == true)
    }

    // MARK: RFC 4180

    @Test("quoted fields hold delimiters, doubled quotes, CR, LF; CRLF line ends; quoted numbers are numbers")
    func quoting() throws {
        let text = "name,note,n\r\n\"Smith, J\",\"said \"\"hi\"\"\r\nthen left\",\"12\"\r\nplain,\"\",3\r\n"
        let table = try readCSV(text)
        #expect(table.rowCount == 2)
        #expect(try table.categorical("name").labels == ["Smith, J", "plain"])
        #expect(try table.categorical("note").labels == ["said \"hi\"\r\nthen left", ""])
        #expect(try table.numeric("n") == [12, 3])
    }

    @Test("a quoted marker is text, not missing")
    func quotedMarkers() throws {
        let table = try readCSV("a,b\n\"NA\",1\nNA,2\n\"?\",3\n")
        #expect(try table.categorical("a").labels == ["NA", nil, "?"])
    }

    @Test("a UTF-8 byte-order mark is skipped; columns count characters, not bytes")
    func byteOrderMark() throws {
        let table = try readCSV("\u{FEFF}città,n\nRoma,1\n")
        #expect(table.columnNames == ["città", "n"])
        let error = fairDataError { _ = try readCSV("\u{FEFF}é,n\nà,x\n", CSVReadOptions(columnTypes: ["n": .numeric])) }
        #expect(error == .notANumber(SourceLocation(file: "t.csv", line: 2, column: 3), column: "n", found: "x"))
    }

    @Test("LF, CRLF and a lone CR all end records; blank lines are skipped")
    func lineEnds() throws {
        let expected = try readCSV("a,b\n1,x\n2,y\n")
        for text in ["a,b\r\n1,x\r\n2,y\r\n", "a,b\r1,x\r2,y\r", "a,b\n\n1,x\n\r\n2,y", "\n\na,b\n1,x\n2,y\n\n\n"] {
            #expect(try readCSV(text) == expected)
        }
    }

    @Test("a quote inside an unquoted field is a literal character")
    func literalQuote() throws {
        let table = try readCSV("h,n\n5'10\",1\n")
        #expect(try table.categorical("h").labels == ["5'10\""])
    }

    @Test("an unterminated quote is reported at the opening quote")
    func unterminatedQuote() {
        let error = fairDataError { _ = try readCSV("a,b\n1,\"open\n2,3\n") }
        #expect(error == .unterminatedQuote(SourceLocation(file: "t.csv", line: 2, column: 3)))
        #expect(error?.description.contains("expected a closing \"") == true)
    }

    @Test("text after a closing quote is reported where it starts")
    func afterQuote() {
        let error = fairDataError { _ = try readCSV("a,b\n\"x\"y,1\n") }
        #expect(error == .unexpectedAfterQuote(SourceLocation(file: "t.csv", line: 2, column: 4), found: "y", delimiter: ","))
        #expect(error?.description.contains("expected the delimiter \",\" or the end of the line after a closing quote") == true)
    }

    @Test("ragged rows name the line and the expected and found field counts")
    func raggedRows() {
        let tooMany = fairDataError { _ = try readCSV("a,b\n1,2\n3,4,5\n") }
        #expect(tooMany == .raggedRow(SourceLocation(file: "t.csv", line: 3, column: 5), expected: 2, found: 3))
        let tooFew = fairDataError { _ = try readCSV("a,b,c\n1,2,3\n\n4,5\n") }
        #expect(tooFew == .raggedRow(SourceLocation(file: "t.csv", line: 4, column: 3), expected: 3, found: 2))
        #expect(tooFew?.description.hasPrefix("t.csv:4:3: expected 3 fields (one per column), found 2.") == true)
    }

    @Test("line numbers count newlines inside quoted fields")
    func linesInsideQuotes() {
        let error = fairDataError { _ = try readCSV("a,b\n\"x\ny\nz\",1\nq,2,3\n") }
        #expect(error == .raggedRow(SourceLocation(file: "t.csv", line: 5, column: 5), expected: 2, found: 3))
        let crlf = fairDataError { _ = try readCSV("a,b\r\n\"x\r\ny\",1\r\nq,2,3\r\n") }
        #expect(crlf == .raggedRow(SourceLocation(file: "t.csv", line: 4, column: 5), expected: 2, found: 3))
        let lonelyCR = fairDataError { _ = try readCSV("a,b\r\"x\ry\",1\rq,2,3\r") }
        #expect(lonelyCR == .raggedRow(SourceLocation(file: "t.csv", line: 4, column: 5), expected: 2, found: 3))
    }

    // MARK: Header names

    @Test(
        "duplicate and empty header names are renamed as pandas 3.1 read_csv does",
        arguments: [
            ("a,a,a", ["a", "a.1", "a.2"]),
            ("a,a,a.1", ["a", "a.2", "a.1"]),
            ("a,a.1,a", ["a", "a.1", "a.2"]),
            ("a,b,a,b,a.1", ["a", "b", "a.2", "b.1", "a.1"]),
            (",x,", ["Unnamed: 0", "x", "Unnamed: 2"]),
            ("x,,x", ["x", "Unnamed: 1", "x.1"]),
            ("x,x.1,x,x.1,x", ["x", "x.1", "x.2", "x.1.1", "x.3"]),
            ("Unnamed: 1,,x", ["Unnamed: 1", "Unnamed: 1.1", "x"]),
        ])
    func duplicateNames(header: String, expected: [String]) throws {
        // Reference: pandas 3.1.1 `pd.read_csv(io.StringIO(header + "\n1,...")).columns`.
        let row = Array(repeating: "1", count: expected.count).joined(separator: ",")
        let table = try readCSV(header + "\n" + row + "\n")
        #expect(table.columnNames == expected)
        #expect(CSVReader.uniqueHeaderNames(header.components(separatedBy: ",")) == expected)
    }

    @Test("given column names replace the header or name a header-less file; counts must match")
    func givenNames() throws {
        let replaced = try readCSV("x,y\n1,2\n", CSVReadOptions(columnNames: ["a", "b"]))
        #expect(replaced.columnNames == ["a", "b"] && replaced.rowCount == 1)
        let noHeader = try readCSV("1,2\n3,4\n", CSVReadOptions(hasHeader: false, columnNames: ["a", "b"]))
        #expect(try noHeader.numeric("b") == [2, 4])
        let generated = try readCSV("1,2\n3,4\n", CSVReadOptions(hasHeader: false))
        #expect(generated.columnNames == ["column1", "column2"] && generated.rowCount == 2)
        let mismatch = fairDataError { _ = try readCSV("x,y\n1,2\n", CSVReadOptions(columnNames: ["a"])) }
        #expect(mismatch == .columnNameCountMismatch(path: "t.csv", names: 1, fields: 2))
        let duplicate = fairDataError { _ = try readCSV("1,2\n", CSVReadOptions(hasHeader: false, columnNames: ["a", "a"])) }
        #expect(duplicate == .duplicateColumnName("a"))
        let emptyWithNames = try readCSV("", CSVReadOptions(hasHeader: false, columnNames: ["a"]))
        #expect(emptyWithNames.rowCount == 0 && emptyWithNames.columnNames == ["a"])
    }

    // MARK: Options

    @Test("UCI style: no header, ', ' separators trimmed, '?' missing, a skipped first line, a trailing blank line")
    func uciStyle() throws {
        let text = "|1x3 Cross validator\n39, State-gov, 77516, <=50K.\n50, ?, 83311, >50K.\n\n"
        let table = try readCSV(
            text, CSVReadOptions(hasHeader: false, columnNames: ["age", "workclass", "fnlwgt", "income"], skipLeadingLines: 1))
        #expect(try table.numeric("age") == [39, 50])
        #expect(try table.categorical("workclass").labels == ["State-gov", nil])
        #expect(try table.categorical("income").labels == ["<=50K.", ">50K."])
    }

    @Test("without trimming, spaces are content (and make a number text)")
    func noTrimming() throws {
        let table = try readCSV("a,b\n 1,x \n2,y\n", CSVReadOptions(trimsWhitespace: false))
        #expect(try table.categorical("a").labels == [" 1", "2"])
        #expect(try table.categorical("b").labels == ["x ", "y"])
    }

    @Test("semicolon and tab delimiters; a tab is not trimmed when it is the delimiter")
    func delimiters() throws {
        let semicolon = try readCSV("a;b\n\"1;2\";3\n", CSVReadOptions(delimiter: ";"))
        #expect(try semicolon.categorical("a").labels == ["1;2"])
        let space = try readCSV("a b c\n1  2\n", CSVReadOptions(delimiter: " "))
        #expect(try space.numeric("a") == [1] && space.numeric("c") == [2])
        #expect(try space.numeric("b")[0].isNaN, "two spaces are two delimiters around an empty field")
        let tab = try readCSV("a\tb\n\t3\n", CSVReadOptions(delimiter: "\t"))
        #expect(try tab.numeric("a")[0].isNaN)
        #expect(try tab.numeric("b") == [3])
        for bad: Character in ["\"", "\n", "é"] {
            let error = fairDataError { _ = try readCSV("a\n", CSVReadOptions(delimiter: bad)) }
            #expect(error?.description.contains("one ASCII character other than a quote, CR or LF") == true)
        }
    }

    @Test("custom missing markers (the NIST excerpts use N)")
    func customMarkers() throws {
        let table = try readCSV("a,b\nN,1\n2,N\n", CSVReadOptions(missingMarkers: ["N"]))
        #expect(try table.numeric("a")[0].isNaN && table.numeric("b")[1].isNaN)
        let withoutEmpty = try readCSV("a,b\n,1\n", CSVReadOptions(missingMarkers: ["N"]))
        #expect(try withoutEmpty.categorical("a").labels == [""])
    }

    @Test("column selection: only some columns in the given order, or all but some (never parsed)")
    func selection() throws {
        let text = "id,name,dob,x\n1,Ann Example,not-a-date,2.5\n"
        let only = try readCSV(text, CSVReadOptions(selection: .only(["x", "id"])))
        #expect(only.columnNames == ["x", "id"])
        let excluding = try readCSV(text, CSVReadOptions(columnTypes: ["dob": .numeric], selection: .excluding(["name", "dob"])))
        #expect(excluding.columnNames == ["id", "x"])
        #expect(fairDataError { _ = try readCSV(text, CSVReadOptions(selection: .only(["nope"]))) }
            == .unknownColumn(name: "nope", available: ["id", "name", "dob", "x"]))
        #expect(fairDataError { _ = try readCSV(text, CSVReadOptions(selection: .excluding(["nope"]))) }
            == .unknownColumn(name: "nope", available: ["id", "name", "dob", "x"]))
        #expect(fairDataError { _ = try readCSV(text, CSVReadOptions(selection: .only(["x", "x"]))) } == .duplicateColumnName("x"))
    }

    @Test("errors in a column that is not read never quote its text")
    func hiddenText() {
        let error = fairDataError { _ = try readCSV("id,name\n1,\"Ann\"Example\n", CSVReadOptions(selection: .excluding(["name"]))) }
        #expect(error == .unexpectedAfterQuote(SourceLocation(file: "t.csv", line: 2, column: 8), found: "", delimiter: ","))
        #expect(error?.description.contains("not shown") == true)
        #expect(error?.description.contains("Example") == false)
    }

    @Test("negative skipLeadingLines is rejected")
    func badSkip() {
        let error = fairDataError { _ = try readCSV("a\n", CSVReadOptions(skipLeadingLines: -1)) }
        #expect(error == .invalidParameter(name: "skipLeadingLines", value: "-1", allowed: "0 or more"))
    }

    // MARK: UTF-8

    @Test("invalid UTF-8 is an error naming file:line:column and the bytes")
    func invalidUTF8() {
        // "ab,c\n" then a Latin-1 "é" (0xE9) followed by "x".
        let bytes: [UInt8] = Array("ab,c\nd".utf8) + [0xE9] + Array("x,1\n".utf8)
        let error = fairDataError { _ = try CSVReader.read(bytes: bytes, source: "latin1.csv") }
        #expect(error == .invalidUTF8(SourceLocation(file: "latin1.csv", line: 2, column: 2), bytes: "0xE9 0x78"))
        #expect(error?.description.contains("Convert the file to UTF-8") == true)
    }

    @Test(
        "every kind of malformed UTF-8 sequence is rejected",
        arguments: [
            [0x80], [0xC0, 0xAF], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF0, 0x80, 0x80, 0x80],
            [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xE2, 0x82], [0xC3],
        ] as [[UInt8]])
    func malformedSequences(sequence: [UInt8]) {
        for quoted in [false, true] {
            let field: [UInt8] = quoted ? [0x22] + sequence + [0x22] : sequence
            let bytes = Array("a\n".utf8) + field + [10]
            let error = fairDataError { _ = try CSVReader.read(bytes: bytes) }
            guard case let .invalidUTF8(location, _)? = error else {
                Issue.record("expected invalidUTF8 for \(sequence), got \(String(describing: error))")
                continue
            }
            #expect(location.line == 2 && location.column == (quoted ? 2 : 1))
        }
    }

    @Test("valid multi-byte UTF-8 of every length is accepted")
    func validSequences() throws {
        let table = try readCSV("w\né\n€\n𝄞\n\"𝄞,€\"\n")
        #expect(try table.categorical("w").labels == ["é", "€", "𝄞", "𝄞,€"])
    }

    @Test("with .replace, invalid bytes become U+FFFD in labels and labels that decode alike merge")
    func replaceInvalid() throws {
        let bytes: [UInt8] = Array("w,n\n".utf8) + [0xE9] + Array(",1\n".utf8) + [0xFF] + Array(",2\nok,3\n".utf8)
        let table = try CSVReader.read(bytes: bytes, options: CSVReadOptions(invalidUTF8: .replace))
        let w = try table.categorical("w")
        #expect(w.categories.count == 2)
        #expect(w.labels == ["\u{FFFD}", "\u{FFFD}", "ok"])
    }

    // MARK: Robustness

    @Test("random malformed input gives a table or a FairDataError, never a crash", arguments: 0..<40)
    func fuzz(seed: UInt64) {
        var generator = SeededGenerator(seed: seed, purpose: "csv fuzz")
        let alphabet: [[UInt8]] = [[44], [34], [10], [13], [13, 10], [32], [97], [49], [46], [101], [45], [0xC3, 0xA9], [0xE9], [0xEF, 0xBB, 0xBF], [59], [9]]
        for _ in 0..<50 {
            var bytes: [UInt8] = []
            for _ in 0..<generator.nextInt(below: 40) { bytes += alphabet[generator.nextInt(below: alphabet.count)] }
            let options = CSVReadOptions(
                hasHeader: generator.nextInt(below: 4) != 0, trimsWhitespace: generator.nextInt(below: 2) == 0,
                invalidUTF8: generator.nextInt(below: 2) == 0 ? .error : .replace)
            do {
                let table = try CSVReader.read(bytes: bytes, options: options)
                #expect(table.columns.allSatisfy { $0.count == table.rowCount })
            } catch is FairDataError {
                // A typed error is the right outcome for malformed input.
            } catch {
                Issue.record("unexpected error type \(error)")
            }
        }
    }

    @Test("a missing file is a readable error with the system's reason")
    func missingFile() {
        let error = fairDataError { _ = try CSVReader.read(contentsOf: "/nonexistent/x.csv") }
        #expect(error == .fileNotReadable(path: "/nonexistent/x.csv", reason: "No such file or directory"))
        #expect(error?.description.contains("Check the path") == true)
    }
}

@Suite("CSVReader: non-finite words")
struct CSVReaderNonFiniteTests {
    @Test("nan, inf, -inf, Infinity (any case) are numbers in a numeric column, quoted or not; among text they are text")
    func words() throws {
        let table = try CSVReader.read(string: "x,y,z\n1,a,\"inf\"\nnan,inf,2\n-INF,b,3\n+Infinity,c,4\n")
        let x = try table.numeric("x")
        #expect(x[0] == 1 && x[1].isNaN && x[2] == -.infinity && x[3] == .infinity)
        #expect(try table.categorical("y").categories.contains("inf"), "a text column keeps the word as text")
        #expect(try table.numeric("z") == [.infinity, 2, 3, 4], "a quoted number is a number, as in pandas")
        #expect(try CSVReader.read(string: "w\ninfinite\n1\n").column("w").type == .categorical, "only the exact words count")
    }
}
