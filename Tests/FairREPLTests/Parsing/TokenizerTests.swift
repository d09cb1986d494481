import Testing
@testable import FairREPL

@Suite("Tokenizer")
struct TokenizerTests {
    @Test("blanks separate words; offsets are character positions")
    func words() throws {
        let tokens = try Tokenizer.tokenize("  train  --epochs 5")
        #expect(tokens.map(\.text) == ["train", "--epochs", "5"])
        #expect(tokens.map(\.start) == [2, 9, 18])
        #expect(tokens.map(\.end) == [7, 17, 19])
    }

    @Test("quotes group words and are removed; escapes apply")
    func quotes() throws {
        let tokens = try Tokenizer.tokenize(#"load 'my file.csv' "a \"b\"" c\ d 'it''s'"#)
        #expect(tokens.map(\.text) == ["load", "my file.csv", #"a "b""#, "c d", "its"])
        #expect(tokens.map(\.isQuoted) == [false, true, true, false, true])
    }

    @Test("an unterminated quote is an error giving its column")
    func unterminated() {
        #expect(throws: CommandError.unterminatedQuote(quote: "\"", column: 6)) { try Tokenizer.tokenize(#"load "x y"#) }
        #expect(Tokenizer.tokenizeLeniently(#"load "x y"#).map(\.text) == ["load", "x y"])
    }

    @Test("quoting for display round-trips through the tokenizer", arguments: ["plain", "two words", "it's", #"back\slash"#, ""])
    func quotedRoundTrip(text: String) throws {
        #expect(try Tokenizer.tokenize("x " + Tokenizer.quoted(text)).last?.text == text)
    }
}
