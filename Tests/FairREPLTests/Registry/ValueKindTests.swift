import Foundation
import Testing
@testable import FairREPL

@Suite("ValueKind")
struct ValueKindTests {
    let context = ValueContext(
        workspace: Workspace(), settings: Settings(specs: SettingSpec.core), registry: .standard(),
        environment: InterpreterEnvironment(workingDirectory: "/tmp"))

    @Test("typed values parse")
    func parsing() throws {
        #expect(try ValueKind.integer(min: 1, max: 10).parse("7", subject: "--n", context: context) == .integer(7))
        #expect(try ValueKind.real().parse("1e-3", subject: "--x", context: context) == .real(0.001))
        #expect(try ValueKind.boolean.parse("yes", subject: "--b", context: context) == .boolean(true))
        #expect(try ValueKind.boolean.parse("OFF", subject: "--b", context: context) == .boolean(false))
        #expect(try ValueKind.choice(["ascii", "braille"]).parse("ASCII", subject: "--c", context: context) == .text("ascii"))
        #expect(try ValueKind.list(.unitInterval).parse("0.1, 0.9", subject: "--l", context: context) == .list([.real(0.1), .real(0.9)]))
    }

    @Test("bad values say what is allowed", arguments: [
        (ValueKind.integer(min: 1, max: 10), "11", "--n: '11' is not allowed; expected an integer between 1 and 10."),
        (ValueKind.integer(min: 1, max: 10), "ten", "--n: 'ten' is not allowed; expected an integer between 1 and 10."),
        (ValueKind.real(min: 0, max: 1), "1.5", "--n: '1.5' is not allowed; expected a number in [0, 1]."),
        (ValueKind.real(), "nan", "--n: 'nan' is not allowed; expected a number."),
        (ValueKind.boolean, "of", "--n: 'of' is not allowed; expected on or off. Did you mean 'off'?"),
        (ValueKind.choice(["ascii", "braille"]), "brail", "--n: 'brail' is not allowed; expected one of ascii, braille. Did you mean 'braille'?"),
        (ValueKind.list(.unitInterval), "0.1,,0.2", "--n: '0.1,,0.2' is not allowed; expected a comma-separated list, each a number in [0, 1]."),
        (ValueKind.integer(min: 0), "-1", "--n: '-1' is not allowed; expected an integer ≥ 0."),
    ])
    func invalid(kind: ValueKind, text: String, message: String) {
        do {
            _ = try kind.parse(text, subject: "--n", context: context)
            Issue.record("\(text) was accepted")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("paths: an existing file must exist, a new file needs its directory")
    func paths() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("x", to: "a.csv")
        let here = ValueContext(
            workspace: Workspace(), settings: Settings(specs: SettingSpec.core), registry: .standard(),
            environment: InterpreterEnvironment(workingDirectory: directory.path))
        #expect(try ValueKind.path(.existingFile(extensions: [])).parse("a.csv", subject: "FILE", context: here) == .text("a.csv"))
        #expect(throws: CommandError.file(path: "b.csv", reason: "no such file (looked in \(directory.path))")) {
            try ValueKind.path(.existingFile(extensions: [])).parse("b.csv", subject: "FILE", context: here)
        }
        #expect(try ValueKind.path(.newFile(extensions: [])).parse("new.csv", subject: "FILE", context: here) == .text("new.csv"))
        #expect(throws: CommandError.self) {
            try ValueKind.path(.newFile(extensions: [])).parse("missing/new.csv", subject: "FILE", context: here)
        }
        #expect(throws: CommandError.file(path: ".", reason: "it is a directory; give a file inside it")) {
            try ValueKind.path(.existingFile(extensions: [])).parse(".", subject: "FILE", context: here)
        }
    }

    @Test("usage placeholders")
    func placeholders() {
        #expect(ValueKind.integer().placeholder == "N")
        #expect(ValueKind.choice(["table", "csv", "json"]).placeholder == "table|csv|json")
        #expect(ValueKind.path(.newFile(extensions: [])).placeholder == "FILE")
        #expect(ValueKind.list(.real()).placeholder == "X,…")
    }
}
