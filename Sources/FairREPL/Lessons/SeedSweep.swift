/// A seed sweep (`fair lessons --seeds A-B`): every lesson re-run once per seed, each time with
/// that seed instead of its own (`seed:`). The outputs then differ from the lesson's, so only
/// the `expect` checks are judged: a lesson's claims must hold for any seed, not just the one
/// it was written with.
///
/// A *check* is one `expect` command at one seed, so a lesson with 5 checks swept over 30 seeds
/// counts 150. A command that fails outside an `error` block is reported too (with its seed),
/// and fails the sweep, though it is not counted as a check.
public struct SeedSweep: Sendable {
    /// One check that did not hold at one seed.
    public struct FailedCheck: Sendable, Equatable, CustomStringConvertible {
        public var path: String
        public var line: Int
        public var seed: UInt64
        public var condition: String
        /// What the check printed (its ✗ line with the actual value, or the error).
        public var actual: String
        public var description: String { "\(path):\(line): seed \(seed): expect \(condition) — \(actual)" }
    }

    /// The sweep of one lesson.
    public struct LessonSweep: Sendable, Equatable {
        public var path: String
        public var seeds: [UInt64]
        public var held = 0
        public var total = 0
        public var failedChecks: [FailedCheck] = []
        /// Other failures (a command failing outside an `error` block, a missing `tested-by`
        /// file), each with its seed.
        public var otherFailures: [String] = []
        /// Why the lesson did not run (e.g. a dataset it needs is not configured).
        public var skipReason: String?

        public var isPassing: Bool { failedChecks.isEmpty && otherFailures.isEmpty }

        /// `Lessons/01-….md: 12 of 12 checks held over 3 seeds`, then one line per failure.
        public var lines: [String] {
            if let skipReason { return ["\(path): skipped (\(skipReason))"] }
            let seedCount = "\(seeds.count) seed\(seeds.count == 1 ? "" : "s")"
            return ["\(path): \(held) of \(total) checks held over \(seedCount)"]
                + failedChecks.map { "  ✗ \($0)" } + otherFailures.map { "  ✗ \($0)" }
        }
    }

    public var runner: LessonRunner
    public var seeds: [UInt64]

    public init(runner: LessonRunner, seeds: [UInt64]) {
        self.runner = runner
        self.seeds = seeds
    }

    /// Runs the lesson at `path` once per seed.
    public func run(path: String, displayPath: String? = nil) -> LessonSweep {
        var sweep = LessonSweep(path: displayPath ?? path, seeds: seeds)
        for seed in seeds {
            var seeded = runner
            seeded.seedOverride = seed
            let report = seeded.run(path: path, displayPath: displayPath)
            if let reason = report.skipReason {
                sweep.skipReason = reason
                return sweep
            }
            let checkLines = Set(report.checks.filter { !$0.held }.map(\.line))
            for check in report.checks {
                sweep.total += 1
                if check.held {
                    sweep.held += 1
                } else {
                    sweep.failedChecks.append(
                        FailedCheck(path: sweep.path, line: check.line, seed: seed, condition: check.condition, actual: check.actual))
                }
            }
            for failure in report.failures where !checkLines.contains(failure.line) {
                let firstLine = failure.message.split(separator: "\n").first.map(String.init) ?? failure.message
                sweep.otherFailures.append("\(failure.path):\(failure.line): seed \(seed): \(firstLine)")
            }
        }
        return sweep
    }

    /// The closing line: `N of M checks held`.
    public static func summary(_ sweeps: [LessonSweep]) -> String {
        "\(sweeps.reduce(0) { $0 + $1.held }) of \(sweeps.reduce(0) { $0 + $1.total }) checks held"
    }

    /// A `--seeds` value that is not a seed range, with what is allowed.
    public struct RangeError: Error, Equatable, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The seeds of `A-B` (inclusive) or of a single `A`.
    /// - Throws: a message saying what is allowed.
    public static func seeds(parsing text: String) throws(RangeError) -> [UInt64] {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        let usage = "'\(text)' is not a seed range; give A-B (e.g. 1-30) or one seed, with 0 <= A <= B"
        guard (1...2).contains(parts.count), let low = UInt64(parts[0]), let high = UInt64(parts.last ?? "") else {
            throw RangeError(message: usage)
        }
        guard low <= high else { throw RangeError(message: usage) }
        guard high - low < 100_000 else {
            throw RangeError(message: "\(high - low + 1) seeds is too many; sweep at most 100,000")
        }
        return Array(low...high)
    }
}
