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

@Suite("Tokenizer: trailing comments")
struct TokenizerCommentTests {
    @Test("a # that starts a word outside quotes begins a comment; inside a word, in quotes or escaped it is text", arguments: [
        ("load synthetic   # or: load compas", "load synthetic"),
        ("# a whole line", ""),
        ("let x = 1 #note", "let x = 1"),
        ("load 'my #1.csv' --as a#b", "load 'my #1.csv' --as a#b"),
        ("load \"x # y\" # z", "load \"x # y\""),
        ("load \\#x", "load \\#x"),
        ("expect x < 1", "expect x < 1"),
    ])
    func comments(line: String, stripped: String) throws {
        #expect(Tokenizer.strippingComment(line) == stripped)
        #expect(try Tokenizer.tokenize(line).map(\.text) == (try Tokenizer.tokenize(stripped)).map(\.text))
        #expect(Tokenizer.quoted("#x") == "'#x'")
    }

    @Test("the README's quick start with its comments runs; -c scripts keep ; inside a comment out of the split")
    func quickStart() {
        let repl = DomainFixtures.session(["load synthetic --rows 300                  # or: load compas", "split --test 0.3 --pool 0.5    # train | pool | test"])
        #expect(repl.workspace.contains(kind: .split))
        #expect(ScriptSplitter.commands("let x = 1 # one; two\nlet y = 2; let z = '#'") == ["let x = 1", "let y = 2", "let z = '#'"])
    }
}
