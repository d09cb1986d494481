import FairCore
import FairData
import Foundation
import Testing
@testable import FairReplication

/// A reduced COMPAS protocol (2 seeds, 5 epochs, 50 bootstrap replicates): the report's structure,
/// the repair lowering KS on every seed, and the same numbers on a rerun.
@Suite("CompasProtocol (reduced)", .enabled(if: TestData.isAvailable, "needs the datasets (FAIR_DATA_DIR or ../shared/datasets)"))
struct CompasProtocolTests {
    static let dataset = Result { try CompasRecipe.load(from: try TestData.required) }
    static let settings: CompasSettings = {
        var s = CompasSettings(seedCount: 2)
        s.mtlEpochs = 5
        s.stlEpochs = 5
        s.bootstrapReplicates = 50
        return s
    }()
    static let runs = Result { try CompasProtocol.run(dataset: try dataset.get(), settings: settings) }

    /// A run without its wall times (the only fields allowed to differ between reruns).
    static func numbers(_ run: CompasRunResult) -> CompasRunResult {
        var copy = run
        copy.seconds = 0
        copy.mtlTrainSeconds = 0
        copy.stlTrainSeconds = 0
        return copy
    }

    @Test("one result per seed, in order, with progress after each")
    func progress() throws {
        var events: [ReplicationProgress] = []
        var settings = Self.settings
        settings.seeds = [Self.settings.seeds[0]]
        let runs = try CompasProtocol.run(dataset: try Self.dataset.get(), settings: settings) { events.append($0) }
        #expect(runs.map(\.seed) == settings.seeds)
        #expect(events.map(\.completed) == [1])
        #expect(events.allSatisfy { $0.unit == "seed" && $0.total == 1 && $0.detail.contains("seed \(settings.seeds[0])") })
        // A rerun of the first seed gives the same numbers as the two-seed run's first seed.
        #expect(Self.numbers(runs[0]) == Self.numbers(try Self.runs.get()[0]))
    }

    @Test("KS after repair is below KS before, for every seed, task, model and calibration")
    func repairLowersKS() throws {
        let runs = try Self.runs.get()
        #expect(runs.count == 2)
        for run in runs {
            for metrics in [run.mtl, run.stl] {
                for task in CompasSettings.tasks {
                    let m = try #require(metrics[task])
                    #expect(m.pool.ks.statistic < m.ksBefore.statistic, "seed \(run.seed) \(task) pp(pool)")
                    #expect(m.train.ks.statistic < m.ksBefore.statistic, "seed \(run.seed) \(task) pp(train)")
                    // Each KS carries its floor, a p-value and an interval around it.
                    let lower = try #require(m.ksBefore.lower), upper = try #require(m.ksBefore.upper)
                    #expect(lower <= upper && upper <= 1)
                    #expect(m.ksBefore.noiseFloor > 0 && m.ksBefore.pValue >= 0 && m.ksBefore.pValue <= 1)
                }
            }
            #expect(run.testCounts.reduce(0, +) == 1_235)
        }
    }

    @Test("the report has the Table 2 layout with the paper's rows, the KS details, the joint diagnostic and a reading")
    func reportStructure() throws {
        let dataset = try Self.dataset.get()
        let summary = CompasSummary(runs: try Self.runs.get(), settings: Self.settings, groupNames: dataset.groups.names)
        let text = CompasReport.document(summary, rows: 6_172, features: 27).text()
        let lines = text.split(separator: "\n").map(String.init)
        let header = try #require(lines.first { $0.contains("MTL AUC") && $0.contains("STL pp Unf.") })
        for column in CompasPaperTable.columns { #expect(header.contains(column)) }
        #expect(lines.contains { $0.hasPrefix("task 1 is_recid") })
        #expect(lines.contains { $0.hasPrefix("task 2 is_violent_recid") })
        #expect(lines.filter { $0.hasPrefix("  paper") }.count >= 4)
        #expect(text.contains("0.742 ± 0.01") && text.contains("0.686 ± 0.02"))
        #expect(text.contains("against task-1 labels (as code)"))
        #expect(text.contains("seeds p < 0.05"))
        #expect(text.contains("ρ African-American") && text.contains("P(both high) other"))
        #expect(text.contains("Reading"))
        // The reading's verdicts follow the numbers: every cell is listed once, as agreeing or not.
        let reading = CompasReport.reading(summary)
        var listed = 0
        for (number, task) in CompasSettings.tasks.enumerated() {
            let ours = summary.tableValues(task), paper = try #require(CompasPaperTable.cells[task])
            for (c, column) in CompasPaperTable.columns.enumerated() {
                let agrees = abs(ours[c].mean - paper[c].mean) <= ours[c].sd
                let differing = "task \(number + 1) \(column) \(String(format: "%.3f", ours[c].mean)) vs"
                #expect(reading.contains(differing) == !agrees, "\(task) \(column)")
                listed += 1
            }
        }
        #expect(listed == 16)
    }

    @Test("--out files: per-seed CSV (4 rows per seed), JSON and Markdown, identical bytes on a second write")
    func files() throws {
        let dataset = try Self.dataset.get()
        let summary = CompasSummary(runs: try Self.runs.get(), settings: Self.settings, groupNames: dataset.groups.names)
        let folder = NSTemporaryDirectory() + "fair-replication-\(UUID().uuidString)/compas"
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        let files = CompasReport.files(summary, rows: 6_172, features: 27)
        try ReplicationOutput.write(files, to: folder)
        let csv = try String(contentsOfFile: folder + "/compas-runs.csv", encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 1 + 2 * 2 * 2)
        let json = try JSONSerialization.jsonObject(with: try Data(contentsOf: URL(fileURLWithPath: folder + "/compas-runs.json"))) as? [String: Any]
        #expect((json?["runs"] as? [Any])?.count == 2)
        let markdown = try String(contentsOfFile: folder + "/compas-summary.md", encoding: .utf8)
        #expect(markdown.hasPrefix("# Replication of Table 2 (COMPAS)"))
        #expect(markdown.contains("| task 1 is_recid |"))
        let again = CompasReport.files(summary, rows: 6_172, features: 27)
        #expect(files.map(\.contents) == again.map(\.contents))
        // A file where the folder should be is refused with a message, and nothing is written.
        let blocker = (folder as NSString).deletingLastPathComponent + "/file"
        _ = FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8))
        #expect(throws: ReplicationError.notAFolder(blocker)) { try ReplicationOutput.write(files, to: blocker) }
    }
}
