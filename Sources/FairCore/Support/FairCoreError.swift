import FairSupport

/// Every error FairCore throws. Each message says what went wrong, with the numbers involved,
/// and what to do about it. FairCore never prints and never exits: callers (the REPL, scripts,
/// tests) decide how to show these.
public enum FairCoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An input that must hold at least one value is empty (`what` names it).
    case emptyInput(what: String)
    /// Two inputs that must be parallel have different lengths.
    case lengthMismatch(what: String, expected: Int, actual: Int)
    /// A NaN or infinite value at a 0-based row of an input.
    case nonFiniteValue(what: String, row: Int, value: Double)
    /// A group seen at apply time that the fitted repair does not know.
    case unseenGroup(name: String, known: [String])
    /// A group with fewer calibration points than the configured minimum.
    case groupTooSmall(name: String, count: Int, minimum: Int, allCounts: [String: Int])
    /// Fewer groups than an operation needs (e.g. KS needs two).
    case tooFewGroups(found: Int, needed: Int)
    /// Group weights that are negative, not finite, or do not sum to 1.
    case invalidWeights(reason: String)
    /// Weights given for a group that is not in the data, or missing for one that is.
    case weightGroupMismatch(missing: [String], extra: [String])
    /// A parameter outside its allowed range (`allowed` says what is accepted).
    case invalidParameter(name: String, value: String, allowed: String)
    /// A group code outside `0..<groupCount`.
    case invalidGroupCode(row: Int, code: Int, groupCount: Int)
    /// A group name given twice.
    case duplicateGroupName(String)
    /// A task name the multi-task repair does not hold.
    case unknownTask(name: String, known: [String])
    /// A task the multi-task repair holds but the predictions do not provide.
    case missingTask(name: String, provided: [String])
    /// Predictions made at task weights other than those the repair was fitted at.
    case lambdaMismatch(fitted: [Double], given: [Double])
    /// A saved file of a format version this build cannot read.
    case unsupportedVersion(found: Int, supported: Int, path: String)
    /// A saved file that cannot be decoded.
    case corruptFile(path: String, reason: String)
    /// A file that cannot be read or written.
    case fileAccess(path: String, reason: String)
    /// An input that must be sorted ascending has a value smaller than the one before it.
    case notSorted(what: String, row: Int, value: Double, previous: Double)
    /// A group that has a name in the group column but no rows.
    case emptyGroup(name: String)
    /// A combination of attribute values (one per attribute) that the fitted repair has no
    /// calibration rows of.
    case unseenCombination(attributes: [String], values: [String], known: [[String]])
    /// Intersections (cells) of several attributes with fewer calibration rows than the minimum.
    case smallIntersections(attributes: [String], small: [String: Int], minimum: Int, allCounts: [String: Int])
    /// A job that needs more memory than the process can get (`MemoryBudget`).
    case insufficientMemory(what: String, needed: Int, available: Int, limitedBy: String)
    /// A result whose exact value is beyond the largest finite Double (about 1.8e308).
    case overflow(what: String, remedy: String)

    public var description: String {
        switch self {
        case let .emptyInput(what):
            return "\(what) is empty: pass at least one value."
        case let .lengthMismatch(what, expected, actual):
            return "\(what): expected \(expected) values, got \(actual). Pass one value per row."
        case let .nonFiniteValue(what, row, value):
            return "\(what) has a non-finite value (\(value)) at row \(row) (0-based). Remove or impute that row first."
        case let .unseenGroup(name, known):
            return "group \"\(name)\" was not in the calibration data (known groups: \(Self.list(known))). Refit with rows of that group, or drop those rows."
        case let .groupTooSmall(name, count, minimum, allCounts):
            let counts = allCounts.keys.sorted().map { "\($0): \(allCounts[$0]!)" }.joined(separator: ", ")
            return "group \"\(name)\" has \(count) calibration point\(count == 1 ? "" : "s"), fewer than the minimum \(minimum) (group sizes: \(counts)). Use a larger calibration pool, merge small groups, or lower the minimum group size."
        case let .tooFewGroups(found, needed):
            return "found \(found) group\(found == 1 ? "" : "s"), need at least \(needed). Check the sensitive column."
        case let .invalidWeights(reason):
            return "invalid group weights: \(reason). Give one non-negative weight per group, summing to 1 (or omit them to use the calibration frequencies)."
        case let .weightGroupMismatch(missing, extra):
            var parts: [String] = []
            if !missing.isEmpty { parts.append("no weight for \(Self.list(missing))") }
            if !extra.isEmpty { parts.append("weights for unknown \(Self.list(extra))") }
            return "group weights do not match the groups: \(parts.joined(separator: "; ")). Give exactly one weight per calibration group."
        case let .invalidParameter(name, value, allowed):
            return "\(name) = \(value) is not allowed: \(allowed)."
        case let .invalidGroupCode(row, code, groupCount):
            let support = FairSupportError.invalidGroupCode(
                row: row, code: code, groupCount: groupCount)
            return support.description
        case let .duplicateGroupName(name):
            return FairSupportError.duplicateGroupName(name).description
        case let .unknownTask(name, known):
            return "unknown task \"\(name)\" (the repair holds \(Self.list(known))). Use one of those names, or fit a repair for this task."
        case let .missingTask(name, provided):
            return "task \"\(name)\" is missing from the predictions (they provide \(Self.list(provided))). Provide a prediction column for every task of the repair."
        case let .lambdaMismatch(fitted, given):
            return "the repair was fitted on predictions made at lambda = \(Self.vector(fitted)), but these were made at lambda = \(Self.vector(given)). Refit the repair at this lambda (the barycenter map is specific to lambda)."
        case let .unsupportedVersion(found, supported, path):
            return "\(path) has format version \(found), but this build reads version \(supported). Re-create the file with this version of FairMTL."
        case let .corruptFile(path, reason):
            return "\(path) is not a valid FairMTL file: \(reason)."
        case let .fileAccess(path, reason):
            return FairSupportError.fileAccess(path: path, reason: reason).description
        case let .notSorted(what, row, value, previous):
            return "\(what) is not sorted ascending: row \(row) (0-based) holds \(value), after \(previous). Sort it first, or use the entry point that sorts."
        case let .emptyGroup(name):
            return "group \"\(name)\" has no rows. Drop it from the group names, or add rows of that group."
        case let .unseenCombination(attributes, values, known):
            let combination = zip(attributes, values).map { "\($0) = \"\($1)\"" }.joined(separator: ", ")
            let knownText = known.map { zip(attributes, $0).map { "\($0) = \"\($1)\"" }.joined(separator: ", ") }
            return "the combination \(combination) was not in the calibration data (known combinations: \(knownText.isEmpty ? "none" : knownText.map { "(\($0))" }.joined(separator: "; "))). Refit with rows of that combination, merge small cells when fitting, or drop those rows."
        case let .smallIntersections(attributes, small, minimum, allCounts):
            let smallText = small.keys.sorted().map { "\"\($0)\": \(small[$0]!)" }.joined(separator: ", ")
            let all = allCounts.keys.sorted().map { "\"\($0)\": \(allCounts[$0]!)" }.joined(separator: ", ")
            return "\(small.count) intersection\(small.count == 1 ? "" : "s") of \(attributes.joined(separator: " × ")) \(small.count == 1 ? "has" : "have") fewer calibration rows than the minimum \(minimum): \(smallText) (every cell: \(all)). Merge the small cells into one group (merge small cells / --merge-small), use a larger calibration pool, lower the minimum group size, or repair fewer attributes."
        case let .insufficientMemory(what, needed, available, limitedBy):
            return "\(what) needs about \(Self.bytes(needed)) of memory, but this process can get only \(Self.bytes(available)) more "
                + "(limited by \(limitedBy)). Use a smaller input, or raise the limit."
        case let .overflow(what, remedy):
            return "\(what) is beyond the largest finite number (about 1.8e308): \(remedy)."
        }
    }

    /// FairSupport's error (an atomic file, a group column) as FairCore's, with the same message.
    init(_ error: FairSupportError) {
        switch error {
        case let .fileAccess(path, reason): self = .fileAccess(path: path, reason: reason)
        case let .invalidGroupCode(row, code, groupCount):
            self = .invalidGroupCode(row: row, code: code, groupCount: groupCount)
        case let .duplicateGroupName(name): self = .duplicateGroupName(name)
        }
    }

    /// Runs `body`, which calls FairSupport, reporting its error as FairCore's.
    static func reporting<R>(_ body: () throws(FairSupportError) -> R) throws(FairCoreError) -> R {
        do { return try body() } catch { throw FairCoreError(error) }
    }

    /// `1.5 GB`, `320 MB`: decimal units, two or three significant digits.
    static func bytes(_ count: Int) -> String {
        let units = [(1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "kB")]
        for (scale, unit) in units where Double(count) >= scale {
            let value = Double(count) / scale
            if value >= 100 { return "\(Int(value.rounded())) \(unit)" }
            return "\(value >= 10 ? (value * 10).rounded() / 10 : (value * 100).rounded() / 100) \(unit)"
        }
        return "\(count) bytes"
    }

    static func list(_ names: [String]) -> String {
        names.isEmpty ? "none" : names.map { "\"\($0)\"" }.joined(separator: ", ")
    }

    static func vector(_ values: [Double]) -> String {
        "(" + values.map { "\($0)" }.joined(separator: ", ") + ")"
    }
}
