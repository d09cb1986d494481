/// The sensitive attribute of a set of rows: one group label per row, stored as integer codes
/// into a sorted list of distinct names.
///
/// Groups are always matched **by name** (never by position or frequency order): a repair
/// fitted on groups `["A", "B"]` applied to a column whose names are `["B", "C"]` maps `"B"`
/// to its own fitted group and reports `"C"` as unseen. Names are arbitrary strings; a
/// multi-attribute group is one name per intersection made by the caller (e.g. from a struct),
/// never by concatenating strings without a separator.
public struct GroupColumn: Sendable, Hashable, Codable {
    /// Distinct group names, sorted ascending (code `c` means `names[c]`).
    public let names: [String]
    /// One code per row, each in `0..<names.count`.
    public let codes: [Int32]

    /// Number of rows.
    public var count: Int { codes.count }

    /// Builds the column from one label per row; names are sorted so codes are stable.
    public init(labels: [String]) {
        let distinct = Array(Set(labels)).sorted()
        var lookup: [String: Int32] = [:]
        for (i, name) in distinct.enumerated() { lookup[name] = Int32(i) }
        self.names = distinct
        self.codes = labels.map { lookup[$0]! }
    }

    /// Builds the column from integer codes and their names.
    /// - Throws: `FairSupportError.invalidGroupCode` when a code is outside `0..<names.count`,
    ///   `FairSupportError.duplicateGroupName` when a name repeats.
    public init(codes: [Int32], names: [String]) throws(FairSupportError) {
        if let dup = Self.firstDuplicate(names) { throw .duplicateGroupName(dup) }
        for (row, code) in codes.enumerated() where code < 0 || Int(code) >= names.count {
            throw .invalidGroupCode(row: row, code: Int(code), groupCount: names.count)
        }
        self.names = names
        self.codes = codes
    }

    /// Builds the column from small integer labels (e.g. a 0/1 attribute read from a binary
    /// file); the names are the decimal labels, such as `"0"` and `"1"`.
    public init<I: BinaryInteger>(integerLabels: [I]) {
        var seen = Set<Int>()
        for v in integerLabels { seen.insert(Int(v)) }
        let sortedValues = seen.sorted()
        var lookup: [Int: Int32] = [:]
        for (i, v) in sortedValues.enumerated() { lookup[v] = Int32(i) }
        self.names = sortedValues.map(String.init)
        self.codes = integerLabels.map { lookup[Int($0)]! }
    }

    /// The rows `rows` of the column, in that order, under the same names (so every code
    /// stays valid and a group may be left without rows).
    public func subset(rows: [Int]) -> GroupColumn {
        GroupColumn(validCodes: rows.map { codes[$0] }, names: names)
    }

    private init(validCodes: [Int32], names: [String]) {
        self.names = names
        self.codes = validCodes
    }

    /// The label of row `row`.
    public func label(ofRow row: Int) -> String { names[Int(codes[row])] }

    /// Number of rows in each group, indexed by code.
    public func counts() -> [Int] {
        var result = [Int](repeating: 0, count: names.count)
        for c in codes { result[Int(c)] += 1 }
        return result
    }

    /// The rows of each group, indexed by code, in increasing row order.
    public func rowsByGroup() -> [[Int]] {
        var result = [[Int]](repeating: [], count: names.count)
        let sizes = counts()
        for g in 0..<names.count { result[g].reserveCapacity(sizes[g]) }
        for (row, c) in codes.enumerated() { result[Int(c)].append(row) }
        return result
    }

    private static func firstDuplicate(_ names: [String]) -> String? {
        var seen = Set<String>()
        for n in names where !seen.insert(n).inserted { return n }
        return nil
    }
}
