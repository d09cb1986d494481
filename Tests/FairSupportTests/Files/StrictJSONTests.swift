import Testing
@testable import FairSupport

@Suite("StrictJSON")
struct StrictJSONTests {
    static func problem(_ text: String) -> StrictJSON.Problem? {
        do {
            try StrictJSON.validate(Array(text.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test("valid documents pass", arguments: [
        "{}", "[]", "0", "-0.5e+10", "\"x\"", "true", " null ", "{\"a\": [1, 2, {\"b\": [], \"c\": {}}], \"d\": \"\\u00e9\\n\"}",
        "[[[[1]]], [2, [3]]]", "{\"a\": {\"a\": {\"a\": 1}}}", "{\"\\ud83d\\ude00\": 1, \"😀x\": 2}",
    ])
    func valid(text: String) {
        #expect(Self.problem(text) == nil)
    }

    @Test("a repeated key is named with the path of its object, escapes decoded as the decoder does")
    func duplicates() {
        #expect(Self.problem("{\"a\": 1, \"b\": 2, \"a\": 3}") == .duplicateKey(key: "a", location: "the top level"))
        #expect(Self.problem("{\"values\": [{\"name\": \"x\"}, {\"name\": \"y\", \"kind\": 1, \"name\": \"z\"}]}")
                == .duplicateKey(key: "name", location: "values[1]"))
        #expect(Self.problem("{\"s\": {\"seed\": \"1\", \"se\\u0065d\": \"2\"}}") == .duplicateKey(key: "seed", location: "s"))
        #expect(Self.problem("{\"s\": {\"seed\": \"1\", \"se\\u0065d\": \"2\"}}")?.description == "the key \"seed\" appears twice in s")
        // The same key in different objects is fine.
        #expect(Self.problem("[{\"a\": 1}, {\"a\": 2}]") == nil)
    }

    @Test("every proper prefix of an object is reported as truncated, with where it stops")
    func truncation() throws {
        let document = "{\"format\": \"x\", \"values\": [{\"name\": \"a\\\"b\", \"value\": {\"data\": [1.5e-3, -2, true, null]}}], \"n\": 12}"
        #expect(Self.problem(document) == nil)
        let bytes = Array(document.utf8)
        for end in 0..<bytes.count {
            let prefix = String(decoding: bytes[0..<end], as: UTF8.self)
            guard case let .truncated(_, count) = Self.problem(prefix) else {
                Issue.record("prefix of \(end) bytes not reported as truncated: \(String(describing: Self.problem(prefix)))")
                continue
            }
            #expect(count == end)
        }
        let cut = "{\"values\": [{\"name\": \"a\", \"value\": {\"data\": [1, 2"
        #expect(Self.problem(cut)?.description == "it is truncated: its \(cut.utf8.count) bytes end inside values[0].value.data[1]")
        #expect(Self.problem("")?.description == "it is truncated: its 0 bytes end inside the top level")
    }

    @Test("what is not JSON is named with its line and column", arguments: [
        ("{\"a\": 1,}", "it is not valid JSON at line 1, column 9 (in the top level): expected a key in double quotes"),
        ("{\"a\": NaN}", "it is not valid JSON at line 1, column 7 (in a): expected a value (an object, array, string, number, true, false or null)"),
        ("[1,\n 01]", "it is not valid JSON at line 2, column 3 (in [1]): expected ',' or ']' after a value in an array"),
        ("{\"a\" 1}", "it is not valid JSON at line 1, column 6 (in the top level): expected ':' after the key \"a\""),
        ("{} {}", "it is not valid JSON at line 1, column 4 (in the top level): unexpected text after the end of the document"),
        ("[\"\\x\"]", "it is not valid JSON at line 1, column 3 (in [0]): '\\x' is not a JSON escape"),
        ("[tru]", "it is not valid JSON at line 1, column 2 (in [0]): expected 'true'"),
        ("[1.]", "it is not valid JSON at line 1, column 4 (in [0]): expected a digit after the decimal point"),
        ("[\"a\nb\"]", "it is not valid JSON at line 1, column 4 (in [0]): a control character inside a string (write it as an escape such as \\n)"),
    ])
    func syntax(text: String, message: String) {
        #expect(Self.problem(text)?.description == message)
    }

    @Test("nesting is limited, without recursion proportional to the input")
    func depth() {
        let limit = StrictJSON.maximumDepth
        #expect(Self.problem(String(repeating: "[", count: limit) + String(repeating: "]", count: limit)) == nil)
        let deep = String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
        #expect(Self.problem(deep) == .tooDeep(location: "[0]" + String(repeating: "[0]", count: limit - 1), limit: limit))
        // A million levels: an error, not a stack overflow.
        #expect(Self.problem(String(repeating: "[{\"a\":", count: 1_000_000)) != nil)
    }
}
