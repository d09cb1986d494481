import Foundation
import Testing
@testable import FairREPL

/// The interactive history file is written as every other file is (`AtomicFile`): replaced
/// whole after each line, its mode kept, a symbolic link written through, nothing stray left.
@Suite(
    "fair binary, history file",
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/setsid"), "needs util-linux setsid"),
    .enabled(if: FileManager.default.fileExists(atPath: "/dev/ptmx"), "needs pseudo-terminals"))
struct HistoryFileTests {
    @Test("a linked, private history file keeps its link, its mode 600 and its old lines")
    func atomicThroughLink() throws {
        let home = TemporaryDirectory()
        defer { home.remove() }
        let manager = FileManager.default
        try manager.createDirectory(atPath: home.file("state"), withIntermediateDirectories: false)
        try home.write("let old = 1\n", to: "state/history")
        try manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: home.file("state/history"))
        try manager.createSymbolicLink(atPath: home.file("link"), withDestinationPath: "state/history")
        let fair = try LiveProcess(
            terminalBinary: try FairBinary.require(),
            environment: ["PATH": "/usr/bin:/bin", "TERM": "dumb", "HOME": home.path,
                          "FAIR_HISTORY": home.file("link"), "LANG": "C"],
            directory: home.path)
        #expect(fair.waitFor("fair> "))
        let start = fair.output.count
        fair.send("let x = 2\r")
        let done = fair.waitPast("\nx = 2", after: start).flatMap { fair.waitPast("fair> ", after: $0) }
        #expect(done != nil, "\(fair.output)")
        #expect(home.read("state/history") == "let old = 1\nlet x = 2\n", "saved before the session ends")
        fair.send("quit\r")
        #expect(fair.finish().status == 0)
        let link = try manager.attributesOfItem(atPath: home.file("link"))
        #expect(link[.type] as? FileAttributeType == .typeSymbolicLink)
        let target = try manager.attributesOfItem(atPath: home.file("state/history"))
        #expect((target[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try manager.contentsOfDirectory(atPath: home.file("state")) == ["history"])
        #expect(home.read("state/history") == "let old = 1\nlet x = 2\nquit\n")
    }
}
