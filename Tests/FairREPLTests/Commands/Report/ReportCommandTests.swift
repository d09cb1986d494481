import FairCore
import Foundation
import Testing
@testable import FairREPL

@Suite("report")
struct ReportCommandTests {
    static let session = DomainFixtures.scoresSetup + ["fit barycenter", "apply", "plot cdf", "verify ks"]

    @Test("an HTML page with every section, the verdicts, SVG CDFs and the commands that rebuild the session")
    func html() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let repl = DomainFixtures.session(Self.session, directory: directory.path)
        let failed = repl.execute("fit barycenter --on nowhere")
        #expect(failed.status == .failure)
        let output = run(repl, "report analysis.html --resamples 50").output
        #expect(output == "wrote the report of 8 sections to analysis.html")
        let page = try String(contentsOfFile: directory.path + "/analysis.html", encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        for title in ["Data and groups", "Model and λ", "Repair", "Before and after (tests at α = 0.05)", "CDFs by group before and after",
                      "Rank check (Corollary 1)", "Risk identity", "Commands"] {
            #expect(page.contains("<h2>\(AnalysisReport.escaped(title))</h2>"), "\(title)")
        }
        // The before/after table with intervals, and the verdict beside it.
        #expect(page.contains("<th class=\"num\">KS_lo</th><th class=\"num\">KS_hi</th>"))
        #expect(page.contains("at this sample size the repaired groups cannot be told apart"))
        #expect(page.contains("95% percentile bootstrap intervals of KS (50 resamples within each group, seed 42)"))
        // One SVG figure (before and after stacked on shared axes), no external resource.
        #expect(page.components(separatedBy: "<svg ").count == 2)
        #expect(page.contains("CDF of y by group — before repair") && page.contains("CDF of y by group — after repair"))
        #expect(!page.contains("http://") || page.components(separatedBy: "http://").dropFirst().allSatisfy { $0.hasPrefix("www.w3.org/2000/svg") })
        #expect(!page.contains("https://") && !page.contains("<script") && !page.contains("<link"))
        // Commands: the successful ones that changed the workspace, in order; not the failure, not 'plot'.
        let commands = (Self.session.filter { $0 != "plot cdf" }).map { AnalysisReport.escaped($0) }.joined(separator: "\n")
        #expect(page.contains("<pre><code>" + commands + "</code></pre>"))
        #expect(!page.contains("--on nowhere"))
        // The rank check and the risk identity.
        #expect(page.contains("no pair of rows of one group changes order"))
        #expect(page.contains("<th class=\"num\">W2sq</th>"))
    }

    @Test("Markdown: the same sections, pipe tables, the CDFs drawn as text")
    func markdown() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let repl = DomainFixtures.session(Self.session, directory: directory.path)
        run(repl, "report analysis.md --resamples 50")
        let page = try String(contentsOfFile: directory.path + "/analysis.md", encoding: .utf8)
        #expect(page.hasPrefix("# FairMTL analysis: bary on 900 test rows of scores (fair)\n"))
        for title in ["## Data and groups", "## Before and after (tests at α = 0.05)", "## CDFs by group before and after", "## Commands"] {
            #expect(page.contains("\n" + title + "\n"))
        }
        #expect(page.contains("| task | metric | value | KS | KS_lo | KS_hi | floor | p | DP_gap | tau | W2_bary |"))
        #expect(page.contains("```text\nCDF of y by group — before repair"))
        #expect(page.contains("```text\nload synthetic --mode gaussian-scores --rows 3000 --seed 5\n"))
    }

    @Test("a model's predictions: the report names the model, its λ and the two tasks")
    func model() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let repl = DomainFixtures.session(
            ["load synthetic --rows 1500 --seed 3", "split --seed 3", "train mtl --epochs 1 --hidden 8", "predict --lambda 0.5,0.5", "fit barycenter --jitter 1e-6", "apply"],
            directory: directory.path)
        run(repl, "report model.md --resamples 20")
        let page = try #require(directory.read("model.md"))
        #expect(page.contains("\nModel mtl: "))
        #expect(page.contains("Task weights λ = ("))
        #expect(page.contains("| y\\_binary.after |") || page.contains("| y_binary.after |"))
        #expect(page.contains("CDF of y_regression by group — before repair") && page.contains("CDF of y_binary by group — after repair"))
    }

    @Test("deterministic: two sessions write the same bytes")
    func deterministic() throws {
        let directories = [TemporaryDirectory(), TemporaryDirectory()]
        defer { directories.forEach { $0.remove() } }
        for directory in directories {
            let repl = DomainFixtures.session(Self.session, directory: directory.path)
            run(repl, "report analysis.html --resamples 30", "report analysis.md --resamples 30")
        }
        for name in ["analysis.html", "analysis.md"] {
            let one = try Data(contentsOf: URL(fileURLWithPath: directories[0].file(name)))
            let two = try Data(contentsOf: URL(fileURLWithPath: directories[1].file(name)))
            #expect(one == two && !one.isEmpty, "\(name)")
        }
    }

    @Test("a file name without .html or .md, a missing directory, and no repair are clear errors; the old file stays")
    func errors() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        #expect(DomainFixtures.failure(makeInterpreter(directory: directory.path), "report a.html")
            == "error: 'report' needs repaired predictions: run 'apply' first.")
        let repl = DomainFixtures.session(Self.session, directory: directory.path)
        #expect(DomainFixtures.failure(repl, "report analysis.txt").contains("a name ending in .html or .md"))
        #expect(DomainFixtures.failure(repl, "report missing/analysis.html").contains("does not exist"))
        try directory.write("old", to: "kept.md")
        #expect(repl.execute("report kept.md --alpha 0.9 --level 2").status != .success)
        #expect(try String(contentsOfFile: directory.path + "/kept.md", encoding: .utf8) == "old")
    }
}
