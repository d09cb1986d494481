import Foundation

/// Typesets the Book's TeX with KaTeX at build time, into static HTML (KaTeX's HTML for the eye,
/// MathML for screen readers and copy), so a page needs no script to show math.
///
/// All formulas of a build go to ONE node process, as JSON on its standard input: starting node
/// takes about 50 ms, which per formula (Debian's `katex` command is a node script) would cost
/// seconds for a course, while KaTeX itself renders a formula in well under a millisecond. The
/// script is the few lines in `script`, shipped here rather than as a file so that `fair book`
/// works from any folder; it loads Debian's KaTeX module (package `katex`, in /usr/share/nodejs,
/// which a node not built by Debian does not search by itself).
///
/// The stylesheet and fonts the HTML needs are copied beside the pages from `libjs-katex` and
/// `fonts-katex` (see `assets`), so the Book works from the file system with no network.
public struct KaTeX: Sendable {
    /// Why typesetting failed.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        /// node, KaTeX or its stylesheet is not installed; says which Debian package to install.
        case missing(String)
        /// A formula KaTeX rejects, with KaTeX's message.
        case formula(index: Int, message: String)
        /// node ended unexpectedly.
        case crashed(String)

        public var description: String {
            switch self {
            case let .missing(what): what
            case let .formula(_, message): message
            case let .crashed(message): message
            }
        }
    }

    /// Where Debian's `libjs-katex` puts the stylesheet (its `fonts` folder links to `fonts-katex`).
    public var styleDirectory: String
    /// The node command, found on the PATH.
    public var node: String

    public init(styleDirectory: String = "/usr/share/javascript/katex", node: String = "node") {
        self.styleDirectory = styleDirectory
        self.node = node
    }

    static let installHint = "apt-get install katex libjs-katex fonts-katex nodejs (.ci/install-deps installs them)"

    /// Reads `[{"tex": …, "display": …}]` on stdin; writes `[{"html": …} | {"error": …}]`. Exit 3:
    /// no KaTeX module.
    static let script = #"""
        let katex;
        for (const name of ['katex', '/usr/share/nodejs/katex']) {
          try { katex = require(name); break; } catch (e) {}
        }
        if (!katex) { process.exit(3); }
        const chunks = [];
        process.stdin.on('data', (chunk) => chunks.push(chunk));
        process.stdin.on('end', () => {
          const formulas = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          const results = formulas.map((f) => {
            try {
              return { html: katex.renderToString(f.tex, {
                displayMode: f.display, output: 'htmlAndMathml', throwOnError: true, strict: 'ignore' }) };
            } catch (e) {
              return { error: String(e && e.message ? e.message : e) };
            }
          });
          process.stdout.write(JSON.stringify(results));
        });
        """#

    private struct Request: Encodable {
        var tex: String
        var display: Bool
    }

    private struct Response: Decodable {
        var html: String?
        var error: String?
    }

    /// The HTML of each formula, in order.
    public func typeset(_ formulas: [BookMath.Formula]) throws(Failure) -> [String] {
        guard !formulas.isEmpty else { return [] }
        let input: Data
        do {
            input = try JSONEncoder().encode(formulas.map { Request(tex: $0.tex, display: $0.display) })
        } catch {
            throw .crashed("cannot encode the formulas for KaTeX: \(error)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [node, "-e", Self.script]
        var environment = ProcessInfo.processInfo.environment
        environment["NODE_PATH"] = ["/usr/share/nodejs", environment["NODE_PATH"]].compactMap { $0 }.joined(separator: ":")
        process.environment = environment
        // The formulas go in through a file, not a pipe: writing to a pipe whose reader has already
        // exited (node missing, KaTeX missing) would kill fair with SIGPIPE.
        let inputPath = FileManager.default.temporaryDirectory.appendingPathComponent("fair-katex-\(UUID().uuidString).json").path
        guard FileManager.default.createFile(atPath: inputPath, contents: input), let stdin = FileHandle(forReadingAtPath: inputPath) else {
            throw .crashed("cannot write the formulas for KaTeX to \(inputPath); check the temporary folder")
        }
        defer {
            try? stdin.close()
            try? FileManager.default.removeItem(atPath: inputPath)
        }
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw .missing("fair book needs node to typeset math and cannot start it (\(error.localizedDescription)): \(Self.installHint)")
        }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        switch process.terminationStatus {
        case 0: break
        case 127: throw .missing("fair book needs node to typeset math, and it is not installed: \(Self.installHint)")
        case 3: throw .missing("fair book needs KaTeX to typeset math, and node cannot load it: \(Self.installHint)")
        case let status: throw .crashed("KaTeX (node) stopped with status \(status) while typesetting \(formulas.count) formulas")
        }
        let responses: [Response]
        do {
            responses = try JSONDecoder().decode([Response].self, from: output)
        } catch {
            throw .crashed("KaTeX (node) wrote output fair book cannot read: \(error)")
        }
        guard responses.count == formulas.count else {
            throw .crashed("KaTeX (node) typeset \(responses.count) of \(formulas.count) formulas")
        }
        var html: [String] = []
        for (index, response) in responses.enumerated() {
            if let error = response.error { throw .formula(index: index, message: error) }
            html.append(response.html ?? "")
        }
        return html
    }

    /// The stylesheet and fonts to copy beside the pages: (path under `html/`, source file).
    /// Only the WOFF2 fonts are copied: every browser that runs KaTeX's CSS takes those first.
    public func assets() throws(Failure) -> [(path: String, source: String)] {
        let css = styleDirectory + "/katex.min.css"
        let fonts = styleDirectory + "/fonts"
        guard FileManager.default.fileExists(atPath: css) else {
            throw .missing("fair book needs KaTeX's stylesheet (\(css)), which is not installed: \(Self.installHint)")
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: fonts)) ?? []).filter { $0.hasSuffix(".woff2") }.sorted()
        guard !names.isEmpty else {
            throw .missing("fair book needs KaTeX's fonts (\(fonts)/*.woff2), which are not installed: \(Self.installHint)")
        }
        return [("katex/katex.min.css", css)] + names.map { ("katex/fonts/" + $0, fonts + "/" + $0) }
    }
}
