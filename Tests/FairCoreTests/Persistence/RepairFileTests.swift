import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import FairCore
@testable import FairSupport

/// A fresh temporary directory, removed (with its files) when the test ends.
final class TemporaryDirectory {
    let path: String

    init() throws {
        var template = Array("/tmp/fairmtl-test-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        path = try #require(made.map { String(cString: $0) })
    }

    func file(_ name: String) -> String { path + "/" + name }

    /// Names of the entries in the directory.
    func entries() -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    deinit {
        for name in entries() {
            let full = file(name)
            if unlink(full) != 0 { rmdir(full) }
        }
        rmdir(path)
    }
}

@Suite("RepairFile: versioned JSON, bit-exact, atomic")
struct RepairFileTests {
    static func error(_ body: () throws -> Void) -> FairCoreError? { BarycenterRepairErrorTests.error(body) }

    static func randomRepair(_ rng: inout SeededGenerator, trial: Int) throws -> BarycenterRepair {
        let (x, labels) = RepairTestSupport.pool(&rng, groups: 2 + trial % 3, sizes: 4...50, ties: trial % 2 == 0)
        let options = RepairOptions(jitterHalfWidth: trial % 3 == 0 ? 0 : 0.01, seed: rng.next(),
                                    convention: trial % 2 == 0 ? .generalizedInverse : .midRankHazen,
                                    outOfRange: trial % 4 < 2 ? .clamp : .tailShift,
                                    outputRange: trial % 5 == 0 ? try OutputRange(lower: -2, upper: 2) : nil,
                                    splitCalibration: trial % 3 == 1, minimumGroupSize: 4, warningGroupSize: 20)
        return try BarycenterRepair.fit(scores: x, groups: GroupColumn(labels: labels), taskName: "task \(trial)", options: options)
    }

    /// Every stored number of `a` and `b`, compared bit for bit.
    static func sameBits(_ a: BarycenterRepair, _ b: BarycenterRepair) throws -> Bool {
        guard a == b, a.weights.map(\.bitPattern) == b.weights.map(\.bitPattern),
              a.options.jitterHalfWidth.bitPattern == b.options.jitterHalfWidth.bitPattern,
              a.options.outputRange?.lower.bitPattern == b.options.outputRange?.lower.bitPattern,
              a.options.outputRange?.upper.bitPattern == b.options.outputRange?.upper.bitPattern else { return false }
        for name in a.groupNames {
            guard try a.quantileSample(ofGroup: name).sortedValues.map(\.bitPattern) == b.quantileSample(ofGroup: name).sortedValues.map(\.bitPattern),
                  try a.cdfSample(ofGroup: name).sortedValues.map(\.bitPattern) == b.cdfSample(ofGroup: name).sortedValues.map(\.bitPattern)
            else { return false }
        }
        return true
    }

    @Test("save and load give the same bits and bit-identical outputs")
    func roundTrip() throws {
        let dir = try TemporaryDirectory()
        var rng = SeededGenerator(seed: 700)
        for trial in 0..<12 {
            let repair = try Self.randomRepair(&rng, trial: trial)
            let path = dir.file("repair.json")
            try repair.save(to: path)
            let loaded = try BarycenterRepair.load(from: path)
            #expect(try Self.sameBits(repair, loaded))
            let queries = (0..<200).map { _ in -5 + 10 * rng.nextDouble() }
            let column = GroupColumn(labels: queries.map { _ in repair.groupNames[rng.nextInt(below: repair.groupCount)] })
            let before = try repair.apply(scores: queries, groups: column, epsilon: 0.1)
            let after = try loaded.apply(scores: queries, groups: column, epsilon: 0.1)
            #expect(before.outputs.map(\.bitPattern) == after.outputs.map(\.bitPattern))
            #expect(before.report == after.report)
        }
        #expect(dir.entries() == ["repair.json"])
    }

    @Test("awkward doubles round-trip bit for bit: 0.1 + 0.2, subnormals, -0.0, extremes, seed 2^64 - 1")
    func awkwardDoubles() throws {
        let values: [Double] = [0.1 + 0.2, Double.leastNonzeroMagnitude, 2.2250738585072014e-308, Double.leastNormalMagnitude.nextDown, -1.5e-300 / 1e10,
                                1.7976931348623157e308, -1.7976931348623157e308, 1e23, 9007199254740991, 1.0 / 3.0]
        let groups = GroupColumn(labels: values.indices.map { $0 % 2 == 0 ? "a" : "b" })
        let options = RepairOptions(jitterHalfWidth: -0.0, seed: .max,
                                    outputRange: try OutputRange(lower: -Double.leastNonzeroMagnitude, upper: 0.1 + 0.2), minimumGroupSize: 1)
        let repair = try BarycenterRepair.fit(scores: values, groups: groups, taskName: "awkward",
                                              weights: ["a": 0.1 + 0.2, "b": 0.7], options: options)
        #expect(repair.options.jitterHalfWidth.sign == .minus)
        let loaded = try BarycenterRepair(fileBytes: try repair.fileBytes())
        #expect(try Self.sameBits(repair, loaded))
        #expect(loaded.options.seed == .max)
        #expect(loaded.options.jitterHalfWidth.sign == .minus)
        let stored = try repair.quantileSample(ofGroup: "a").sortedValues + repair.quantileSample(ofGroup: "b").sortedValues
        #expect(Set(stored.map(\.bitPattern)) == Set(values.map(\.bitPattern)))
    }

    @Test("a multi-task repair round-trips bit for bit")
    func multiTaskRoundTrip() throws {
        let dir = try TemporaryDirectory()
        var rng = SeededGenerator(seed: 701)
        let (x, labels) = RepairTestSupport.pool(&rng, groups: 3, sizes: 20...40, ties: false)
        let groups = GroupColumn(labels: labels)
        let multi = try MultiTaskRepair.fit(predictions: ["a": x, "b": x.map { $0 * $0 }], groups: groups, lambda: [0.1 + 0.2, Double.leastNonzeroMagnitude],
                                            options: ["b": RepairOptions(jitterHalfWidth: 0.1, seed: 3, splitCalibration: true, minimumGroupSize: 2)],
                                            defaultOptions: RepairOptions(minimumGroupSize: 2))
        let path = dir.file("multi.json")
        try multi.save(to: path)
        let loaded = try MultiTaskRepair.load(from: path)
        #expect(loaded == multi)
        #expect(loaded.lambda.map(\.bitPattern) == multi.lambda.map(\.bitPattern))
        for (a, b) in zip(multi.repairs, loaded.repairs) { #expect(try Self.sameBits(a, b)) }
        let out1 = try multi.apply(predictions: ["a": x, "b": x], groups: groups, lambda: [0.1 + 0.2, Double.leastNonzeroMagnitude])
        let out2 = try loaded.apply(predictions: ["a": x, "b": x], groups: groups, lambda: [0.1 + 0.2, Double.leastNonzeroMagnitude])
        #expect(out1 == out2)
    }

    @Test("a file of another version is refused with the versions and the path")
    func unsupportedVersion() throws {
        let dir = try TemporaryDirectory()
        let repair = try BarycenterRepair.fit(scores: [1, 2], groups: GroupColumn(labels: ["a", "b"]), taskName: "t",
                                              options: RepairOptions(minimumGroupSize: 1))
        let text = String(decoding: try repair.fileBytes(), as: UTF8.self)
        #expect(text.contains("\"version\":1"))
        let path = dir.file("future.json")
        try AtomicFile.write(Array(text.replacing("\"version\":1", with: "\"version\":2").utf8), to: path)
        let e = Self.error { _ = try BarycenterRepair.load(from: path) }
        #expect(e == .unsupportedVersion(found: 2, supported: 1, path: path))
        #expect(e?.description.contains("\(path) has format version 2, but this build reads version 1") == true)
        #expect(e?.description.contains("Re-create the file") == true)
    }

    @Test("corrupt, foreign, truncated, mismatched or invalid files are refused naming the path")
    func corruptFiles() throws {
        let dir = try TemporaryDirectory()
        let repair = try BarycenterRepair.fit(scores: [1, 2, 3, 4], groups: GroupColumn(labels: ["a", "b", "a", "b"]), taskName: "t",
                                              options: RepairOptions(minimumGroupSize: 1))
        let good = String(decoding: try repair.fileBytes(), as: UTF8.self)
        let multi = try MultiTaskRepair(repairs: [repair], lambda: [1])
        let cases: [(String, String, String)] = [
            ("garbage.json", "\u{1}\u{2} not json", "it is not a JSON object"),
            ("foreign.json", #"{"hello": 1}"#, "it has no \"format\" field"),
            ("truncated.json", String(good.prefix(good.count / 2)), "it is truncated: its \(good.count / 2) bytes end inside content."),
            ("doubled.json", good.replacing("\"taskName\":", with: "\"taskName\":\"u\",\"taskName\":"), "the key \"taskName\" appears twice in content"),
            ("multi.json", String(decoding: try multi.fileBytes(), as: UTF8.self), "it holds a FairMTL.MultiTaskRepair, not a FairMTL.BarycenterRepair"),
            ("unsorted.json", good.replacing("[1,3]", with: "[3,1]"), "sorted ascending"),
            ("weights.json", good.replacing("\"weight\":0.5", with: "\"weight\":0.75"), "sum to"),
            ("missing.json", good.replacing("\"taskName\"", with: "\"task\""), "the field \"taskName\" is missing"),
        ]
        for (name, content, reason) in cases {
            let path = dir.file(name)
            try AtomicFile.write(Array(content.utf8), to: path)
            let e = Self.error { _ = try BarycenterRepair.load(from: path) }
            guard case let .corruptFile(errorPath, errorReason)? = e else {
                Issue.record("\(name): expected corruptFile, got \(String(describing: e))")
                continue
            }
            #expect(errorPath == path)
            #expect(errorReason.contains(reason), "\(name): \(errorReason)")
            #expect(e?.description.hasPrefix("\(path) is not a valid FairMTL file") == true)
        }
    }

    @Test("a missing file is a file-access error naming the path")
    func missingFile() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("absent.json")
        let e = Self.error { _ = try BarycenterRepair.load(from: path) }
        #expect(e == .fileAccess(path: path, reason: "No such file or directory"))
        #expect(e?.description == "cannot access \(path): No such file or directory.")
    }

    @Test("saving a repair over an existing file whose save fails keeps the old repair loadable")
    func failedRepairSave() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("r.json")
        let old = try BarycenterRepair.fit(scores: [1, 2], groups: GroupColumn(labels: ["a", "b"]), taskName: "old",
                                           options: RepairOptions(minimumGroupSize: 1))
        try old.save(to: path)
        let new = try BarycenterRepair.fit(scores: [5, 6], groups: GroupColumn(labels: ["a", "b"]), taskName: "new",
                                           options: RepairOptions(minimumGroupSize: 1))
        #expect(throws: FairSupportError.self) {
            try AtomicFile.write(try new.fileBytes(), to: path) { () throws(FairSupportError) in
                throw .fileAccess(path: path, reason: "simulated failure")
            }
        }
        #expect(try BarycenterRepair.load(from: path) == old)
        #expect(dir.entries() == ["r.json"])
    }

    @Test("a saved repair passes, and its own readers refuse a duplicated key or a truncated file by name")
    func repairFiles() throws {
        let repair = try BarycenterRepair.fit(scores: [1, 2, 3, 4], groups: GroupColumn(labels: ["a", "b", "a", "b"]), taskName: "y",
                                              options: RepairOptions(minimumGroupSize: 1))
        let bytes = try repair.fileBytes()
        try StrictJSON.validate(bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        let doubled = text.replacing("\"taskName\":", with: "\"taskName\":\"z\",\"taskName\":")
        let e = Self.error { _ = try BarycenterRepair(fileBytes: Array(doubled.utf8), source: "r.json") }
        #expect(e?.description == "r.json is not a valid FairMTL file: the key \"taskName\" appears twice in content.")
        let cut = Array(bytes.prefix(bytes.count / 2))
        let e2 = Self.error { _ = try BarycenterRepair(fileBytes: cut, source: "r.json") }
        #expect(e2?.description.hasPrefix("r.json is not a valid FairMTL file: it is truncated: its \(cut.count) bytes end inside content.") == true,
                "\(String(describing: e2))")
    }
}
