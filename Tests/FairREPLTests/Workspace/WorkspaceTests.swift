import Testing
@testable import FairREPL

@Suite("Workspace")
struct WorkspaceTests {
    @Test("values are stored by kind and name, with one current value per kind")
    func storeAndCurrent() throws {
        var workspace = Workspace()
        try workspace.store(FakeTable(columns: ["a"], rows: 1), as: "t1")
        try workspace.store(FakeTable(columns: ["b"], rows: 2), as: "t2")
        try workspace.store(NumberResult(3), as: "t1")
        #expect(workspace.current(FakeTable.self)?.name == "t2")
        #expect(workspace.value(FakeTable.self, named: "t1")?.rows == 1)
        #expect(workspace.value(NumberResult.self, named: "t1")?.value == 3)
        #expect(workspace.entries(named: "t1").count == 2)
        #expect(workspace.names(of: FakeTable.kind) == ["t1", "t2"])
        #expect(workspace.kinds.map(\.name) == ["table", "number"])
        try workspace.store(FakeTable(columns: ["c"], rows: 3), as: "t3", makeCurrent: false)
        #expect(workspace.currentName(of: FakeTable.kind) == "t2")
    }

    @Test("replacing keeps the position; removing moves current to the newest remaining")
    func replaceAndRemove() throws {
        var workspace = Workspace()
        try workspace.store(NumberResult(1), as: "a")
        try workspace.store(NumberResult(2), as: "b")
        try workspace.store(NumberResult(10), as: "a")
        #expect(workspace.entries.map(\.name) == ["a", "b"])
        #expect(workspace.number(named: "a") == 10)
        let removed = workspace.remove(kind: .number, named: "a")
        #expect(removed)
        #expect(workspace.currentName(of: .number) == "b")
        let removedMissing = workspace.remove(kind: .number, named: "zzz")
        #expect(!removedMissing)
    }

    @Test("every change bumps the revision")
    func revision() throws {
        var workspace = Workspace()
        let start = workspace.revision
        try workspace.store(NumberResult(1), as: "a")
        workspace.makeCurrent(kind: .number, named: "a")
        #expect(workspace.revision == start + 1, "making the current value current again is no change")
        workspace.removeAll()
        #expect(workspace.revision == start + 2)
    }

    @Test("invalid names are refused with the reason", arguments: [
        ("", "a name cannot be empty"), ("1x", "a name starts with a letter or '_'"),
        ("a b", "use ASCII letters, digits, '_', '.' and '-' only"), ("été", "use ASCII letters, digits, '_', '.' and '-' only"),
        ("settings", "'settings' is reserved by 'show settings'; choose another name"),
    ])
    func invalidNames(name: String, reason: String) {
        #expect(throws: CommandError.invalidName(name: name, reason: reason)) { try Workspace.validate(name: name) }
    }

    @Test("number names cannot hold '-' or empty parts")
    func numberNames() throws {
        try NumberResult.validate(name: "ks.after_2")
        #expect(throws: CommandError.self) { try NumberResult.validate(name: "ks-after") }
        #expect(throws: CommandError.self) { try NumberResult.validate(name: "ks..after") }
    }

    @Test("reports expose their numeric cells as NAME.ROW.COLUMN")
    func reportNumbers() throws {
        var workspace = Workspace()
        let table = ResultTable(columns: ["task", "ks before", "ks after"], rows: [[.text("violent"), .number(0.3), .number(0.01)]])
        try workspace.store(ReportValue(table), as: "compare")
        #expect(workspace.number(named: "compare.violent.ks_after") == 0.01)
        #expect(workspace.numbers.map(\.name) == ["compare.violent.ks_before", "compare.violent.ks_after"])
    }
}
