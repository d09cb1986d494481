import Foundation
import Testing

/// The committed Book in a real browser: `Book/check/check-book.mjs` opens every page of
/// `Book/html` in headless Chromium at 1,200 and 400 px and fails on console errors, broken
/// links or anchors, elements wider than the page, unrendered TeX and figures that do not render.
/// Runs when node and Chromium are installed (.ci/install-deps installs both); otherwise it
/// says loudly that it did not run.
@Suite("The Book in a browser")
struct BookBrowserTests {
    static func installed(_ command: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sh", "-c", "command -v \(command)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// Runs the check script on `html`; returns its exit status and output.
    static func check(_ html: String, screenshots: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["node", LessonTests.root.appendingPathComponent("Book/check/check-book.mjs").path, html, screenshots]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    @Test("the check can fail: a page with each kind of fault is reported for each")
    func faultsAreFound() throws {
        guard Self.installed("node"), Self.installed(ProcessInfo.processInfo.environment["CHROMIUM"] ?? "chromium") else { return }
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try FileManager.default.createDirectory(atPath: directory.file("html"), withIntermediateDirectories: true)
        try directory.write("""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>bad</title></head><body>
            <p>Unrendered $x^2$ here, but <code>$ in code</code> is fine.</p>
            <p><a href="missing.html">gone</a> <a href="#nowhere">local</a></p>
            <div style="width:2000px">wide</div>
            <svg width="100" height="100"></svg>
            <script>console.error("boom")</script>
            </body></html>
            """, to: "html/index.html")
        let (status, output) = try Self.check(directory.file("html"), screenshots: directory.file("shots"))
        #expect(status == 1)
        for fault in [
            "index.html at 1200 px: the page scrolls sideways", "index.html at 400 px: wider than the page",
            "unrendered TeX ($ outside code): p \"Unrendered $x^2$", "SVG does not render", "console error: boom",
            "index.html: broken link to file://", "index.html: broken anchor file://",
        ] {
            #expect(output.contains(fault), Comment(rawValue: output))
        }
        #expect(!output.contains("($ outside code): code"), "a dollar inside code is not TeX")
        #expect(FileManager.default.fileExists(atPath: directory.file("shots/index-1200-1.png")))
    }

    @Test("every page loads cleanly in headless Chromium at 1,200 and 400 px (screenshots in $TMPDIR/book-screenshots)")
    func chromium() throws {
        let browser = ProcessInfo.processInfo.environment["CHROMIUM"] ?? "chromium"
        guard Self.installed("node"), Self.installed(browser) else {
            Issue.record(
                Comment(rawValue: "NOT CHECKED: the Book's browser check needs node and \(browser) (apt-get install nodejs chromium; .ci/install-deps installs them)"),
                severity: .warning)
            return
        }
        let root = LessonTests.root
        let screenshots = FileManager.default.temporaryDirectory.appendingPathComponent("book-screenshots").path
        let (status, text) = try Self.check(root.appendingPathComponent("Book/html").path, screenshots: screenshots)
        #expect(status == 0, Comment(rawValue: text))
        #expect(text.contains(" 0 problems"), Comment(rawValue: text))
    }
}
