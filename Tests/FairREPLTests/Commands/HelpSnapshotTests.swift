import Foundation
import Testing
@testable import FairREPL

/// The text of `help` and of `help CMD` for every command, compared with the files under
/// `HelpSnapshots/` (the overview in `overview.txt`, each command in `commands/NAME.txt`, with
/// spaces in the name as dashes), so that a change of help shows as a diff in review.
/// `FAIR_BLESS=1 swift test --filter HelpSnapshotTests` rewrites the files from the registry.
///
/// Help is rendered at the default width (80), in an empty directory, so that the lessons of the
/// repository ("Used in: …") do not enter the snapshots.
@Suite("help snapshots")
struct HelpSnapshotTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("HelpSnapshots")
    static let commandsDirectory = directory.appendingPathComponent("commands")
    static var isBlessing: Bool { ProcessInfo.processInfo.environment["FAIR_BLESS"] == "1" }

    static var commandNames: [String] { CommandRegistry.standard().commands.map(\.name).sorted() }

    /// `verify ks` → `verify-ks.txt`.
    static func fileName(of command: String) -> String {
        command.replacingOccurrences(of: " ", with: "-") + ".txt"
    }

    @Test("help (the overview) matches overview.txt")
    func overview() throws {
        let scratch = TemporaryDirectory()
        defer { scratch.remove() }
        let result = makeInterpreter(directory: scratch.path).execute("help")
        #expect(result.status == .success)
        try Self.compare(result.output, with: Self.directory.appendingPathComponent("overview.txt"))
    }

    @Test("help CMD matches commands/CMD.txt", arguments: commandNames)
    func command(name: String) throws {
        let scratch = TemporaryDirectory()
        defer { scratch.remove() }
        let result = makeInterpreter(directory: scratch.path).execute("help " + name)
        #expect(result.status == .success, "help \(name) → \(result.output)")
        let file = Self.commandsDirectory.appendingPathComponent(Self.fileName(of: name))
        try Self.compare(result.output, with: file)
    }

    @Test("every snapshot file belongs to a command (none left from a removed one)")
    func noStaleSnapshots() throws {
        let expected = Set(Self.commandNames.map(Self.fileName))
        let present = try FileManager.default.contentsOfDirectory(
            atPath: Self.commandsDirectory.path
        )
        .filter { $0.hasSuffix(".txt") }
        for stale in present where !expected.contains(stale) {
            if Self.isBlessing {
                try FileManager.default.removeItem(
                    at: Self.commandsDirectory.appendingPathComponent(stale))
            } else {
                Issue.record(
                    "HelpSnapshots/commands/\(stale) names no command: remove it (FAIR_BLESS=1 does)"
                )
            }
        }
    }

    /// Expects `text` (plus a final newline) to be the file's content, or writes it when blessing.
    static func compare(_ text: String, with file: URL) throws {
        let content = text + "\n"
        if isBlessing {
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try content.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let relative = "HelpSnapshots/" + file.path.dropFirst(directory.path.count + 1)
        guard let stored = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record(
                "\(relative) is missing: run FAIR_BLESS=1 swift test --filter HelpSnapshotTests")
            return
        }
        #expect(
            stored == content,
            "\(relative) differs from the help text; if the change is meant, bless it (FAIR_BLESS=1)"
        )
    }
}
