import Foundation
import Testing
@testable import FairREPL

@Suite("WorkspaceFile")
struct WorkspaceFileTests {
    func sample() throws -> Workspace {
        var workspace = Workspace()
        try workspace.store(NumberResult(1.0 / 3.0, note: "let x = 1/3"), as: "x")
        try workspace.store(NumberResult(-2.5e-300), as: "tiny")
        try workspace.store(NumberResult(7), as: "x2", makeCurrent: false)
        try workspace.store(ReportValue(ResultTable(title: "t", columns: ["a", "b"], rows: [[.text("r"), .number(0.1)], [.empty, .integer(3)]])), as: "report")
        try workspace.store(FakeTable(columns: ["age"], rows: 5), as: "people")
        return workspace
    }

    @Test("round trip: every value, its kind, order, current flags and the non-session settings")
    func roundTrip() throws {
        let registry = domainRegistry()
        var settings = Settings(specs: registry.settings)
        settings.seed = 7
        settings.width = 123
        settings.format = .json
        let workspace = try sample()
        let data = try WorkspaceFile.encode(workspace, settings: settings, registry: registry)
        let contents = try WorkspaceFile.decode(data, path: "w.fairws", registry: registry)
        #expect(contents.workspace.entries.map(\.name) == workspace.entries.map(\.name))
        #expect(contents.workspace.value(NumberResult.self, named: "x") == NumberResult(1.0 / 3.0, note: "let x = 1/3"))
        #expect(contents.workspace.value(NumberResult.self, named: "tiny")?.value == -2.5e-300)
        #expect(contents.workspace.currentName(of: .number) == "tiny")
        #expect(contents.workspace.value(ReportValue.self, named: "report") == workspace.value(ReportValue.self, named: "report"))
        #expect(contents.workspace.value(FakeTable.self, named: "people") == FakeTable(columns: ["age"], rows: 5))
        #expect(contents.settings["seed"] == "7")
        #expect(contents.settings["format"] == "json")
        #expect(contents.settings["width"] == nil, "the width describes the terminal and is not saved")
    }

    @Test("the file is versioned JSON")
    func header() throws {
        let registry = CommandRegistry.standard()
        let data = try WorkspaceFile.encode(Workspace(), settings: Settings(specs: registry.settings), registry: registry)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["format"] as? String == "fairmtl-workspace")
        #expect(object["version"] as? Int == 1)
    }

    @Test("a newer container version is refused with what to do")
    func newerVersion() {
        let data = Data(#"{"format": "fairmtl-workspace", "version": 2, "settings": {}, "values": []}"#.utf8)
        #expect(throws: CommandError.unsupportedVersion(path: "w", found: 2, supported: 1)) {
            try WorkspaceFile.decode(data, path: "w", registry: .standard())
        }
    }

    @Test("a kind this build does not know is named")
    func unknownKind() throws {
        let data = Data(#"{"format": "fairmtl-workspace", "version": 1, "settings": {}, "values": [{"kind": "widget", "name": "w1", "version": 1, "current": true, "value": {}}]}"#.utf8)
        #expect(throws: CommandError.unknownValueKind(path: "w", kind: "widget", known: CommandRegistry.standard().valueKindNames)) {
            try WorkspaceFile.decode(data, path: "w", registry: .standard())
        }
    }

    @Test("a value encoded by a newer version of its kind is refused")
    func newerKindVersion() {
        let text = #"{"format": "fairmtl-workspace", "version": 1, "settings": {}, "values": [{"kind": "number", "name": "x", "version": 5, "current": true, "value": {"value": 1, "note": ""}}]}"#
        do {
            _ = try WorkspaceFile.decode(Data(text.utf8), path: "w", registry: .standard())
            Issue.record("decoded")
        } catch {
            #expect(error.description.contains("its number values have encoding version 5, newer than this build reads (1)"))
        }
    }

    @Test("files that are not workspaces, or are damaged, say so", arguments: [
        ("not json at all", "w is not a file this command can read: it is not a FairMTL workspace (no readable format header); save one with 'save FILE'."),
        (#"{"format": "other", "version": 1}"#, "w is not a file this command can read: its format is 'other', not 'fairmtl-workspace'."),
        (#"{"format": "fairmtl-workspace", "version": 1, "settings": {}}"#, "w is not a file this command can read: 'values' is missing at the top level."),
    ])
    func damaged(text: String, message: String) {
        do {
            _ = try WorkspaceFile.decode(Data(text.utf8), path: "w", registry: .standard())
            Issue.record("decoded")
        } catch {
            #expect(error.description == message)
        }
    }
}

/// Issue 14 item 7: damaged workspaces are refused with the place inside the file, never merged
/// or half-read.
@Suite("WorkspaceFile, strict reading")
struct WorkspaceFileStrictTests {
    static let saved = #"{"format": "fairmtl-workspace", "version": 1, "settings": {"seed": "42"}, "values": [{"kind": "number", "name": "x", "version": 1, "current": false, "value": {"value": 0.5, "note": ""}}, {"kind": "number", "name": "y", "version": 1, "current": true, "value": {"value": 2, "note": ""}}]}"#

    static func message(_ text: String) -> String? {
        do {
            _ = try WorkspaceFile.decode(Data(text.utf8), path: "w", registry: .standard())
            return nil
        } catch {
            return error.description
        }
    }

    @Test("the intact file reads")
    func intact() {
        #expect(Self.message(Self.saved) == nil)
    }

    @Test("damage is named with its place in the file", arguments: [
        // A duplicated entry: the same number twice.
        (saved.replacing(#""name": "y""#, with: #""name": "x""#),
         "w is not a file this command can read: values[1] repeats the number 'x' of values[0]; each name is saved once per kind."),
        // A key given twice (JSONDecoder would keep one silently).
        (saved.replacing(#""seed": "42""#, with: #""seed": "42", "seed": "7""#),
         "w is not a file this command can read: the key \"seed\" appears twice in settings."),
        (saved.replacing(#""current": false"#, with: #""current": true"#),
         "w is not a file this command can read: values[0] and values[1] are both marked as the current number; only one can be."),
        (saved.replacing(#""name": "y", "#, with: ""), "w is not a file this command can read: 'name' is missing at values[1]."),
        (saved.replacing(#""version": 1, "current": true"#, with: #""version": "1", "current": true"#),
         "w is not a file this command can read: unexpected value at values[1].version: Expected to decode Int but found a string instead."),
    ])
    func damaged(text: String, message: String) {
        #expect(Self.message(text) == message)
    }

    @Test("every cut of the file says it is truncated")
    func truncated() {
        let bytes = Array(Self.saved.utf8)
        for end in stride(from: 1, to: bytes.count, by: 7) {
            let message = Self.message(String(decoding: bytes[0..<end], as: UTF8.self))
            #expect(message?.hasPrefix("w is not a file this command can read: it is truncated: its \(end) bytes end inside ") == true, "\(end): \(message ?? "read")")
        }
        #expect(Self.message(String(Self.saved.dropLast(60))) == "w is not a file this command can read: it is truncated: its \(bytes.count - 60) bytes end inside values[1].")
    }

    @Test("a prediction that is not finite is refused, a missing label (NaN) is not")
    func finiteness() throws {
        let repl = makeInterpreter()
        run(repl, "load synthetic --rows 200 --mode gaussian-scores", "split --test 0.5 --pool 0.25", "import scores score --tasks y")
        let registry = CommandRegistry.standard()
        let data = try WorkspaceFile.encode(repl.workspace, settings: repl.settings, registry: registry)
        _ = try WorkspaceFile.decode(data, path: "w", registry: registry)
        var workspace = repl.workspace
        var predictions = try #require(workspace.value(PredictionsValue.self, named: "scores"))
        predictions.tasks[0].values[3] = .nan
        try workspace.store(predictions, as: "scores")
        let damaged = try WorkspaceFile.encode(workspace, settings: repl.settings, registry: registry)
        do {
            _ = try WorkspaceFile.decode(damaged, path: "w", registry: registry)
            Issue.record("a NaN prediction was read")
        } catch {
            #expect(error.description.contains("has a non-finite prediction (nan) at row 3; predictions are finite numbers"), "\(error)")
            #expect(error.description.contains("values[2].value"), "\(error)")
        }
    }
}
