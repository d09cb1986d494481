import FairSupport

/// Several sensitive attributes of the same rows (e.g. race and sex), one `GroupColumn` per
/// attribute, and the intersections (cells) they define.
///
/// A cell is a combination of one value per attribute. Its name is made by `cellName(_:)`,
/// an injective encoding (never a bare concatenation, PEERS.md §2 item 7): the values joined by
/// `" × "`, with `\` and `×` inside a value escaped by a backslash. With one attribute the cell
/// name is the value itself, so the intersections of one attribute are that attribute's column.
///
/// ## Mathematical properties
/// - `intersections(of:)` is the product column `A × B × …` restricted to the combinations that
///   occur: row `i` is in cell `(a_i, b_i, …)`. Cells are matched by their values, never by
///   position, and `values(ofCell:attributeCount:)` inverts `cellName(_:)` exactly.
/// - Demographic parity over every cell implies it over each attribute: if the law of `g` is
///   the same `ν` in every cell, the law given `A = a` is the mixture `Σ_b P(b | a) ν = ν`.
public struct SensitiveAttributes: Sendable, Hashable, Codable {
    /// The attribute names, in the order given.
    public let names: [String]
    /// One group column per attribute, parallel to `names`, all of the same length.
    public let columns: [GroupColumn]

    /// Number of rows.
    public var count: Int { columns[0].count }

    /// - Throws: `.emptyInput` for no attribute, `.duplicateGroupName` for an attribute named
    ///   twice (attribute names must be distinct), `.lengthMismatch` for columns of different
    ///   lengths.
    public init(names: [String], columns: [GroupColumn]) throws(FairCoreError) {
        if names.isEmpty { throw .emptyInput(what: "sensitive attributes") }
        if names.count != columns.count { throw .lengthMismatch(what: "attribute columns", expected: names.count, actual: columns.count) }
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted {
            throw .invalidParameter(name: "attribute", value: "\"\(name)\"", allowed: "each attribute once; name every attribute a single time")
        }
        for column in columns where column.count != columns[0].count {
            throw .lengthMismatch(what: "rows of the attribute columns", expected: columns[0].count, actual: column.count)
        }
        self.names = names
        self.columns = columns
    }

    /// One attribute (`column` of a single-attribute analysis).
    public init(name: String, column: GroupColumn) {
        self.names = [name]
        self.columns = [column]
    }

    /// The attributes recovered from an intersection column whose names were made by
    /// `cellName(_:)` over `names` (e.g. the group column of data loaded with several groups).
    /// - Throws: `.invalidParameter` when a cell name does not hold one value per attribute.
    public init(names: [String], intersections: GroupColumn) throws(FairCoreError) {
        let k = names.count
        if k == 0 { throw .emptyInput(what: "sensitive attributes") }
        let decoded = intersections.names.map { Self.values(ofCell: $0, attributeCount: k) }
        for (cell, values) in zip(intersections.names, decoded) where values == nil {
            throw .invalidParameter(name: "cell", value: "\"\(cell)\"",
                                    allowed: "one value per attribute (\(names.joined(separator: ", "))), joined by \" × \"")
        }
        var columns: [GroupColumn] = []
        for a in 0..<k {
            let valueNames = Array(Set(decoded.map { $0![a] })).sorted()
            var index: [String: Int32] = [:]
            for (i, v) in valueNames.enumerated() { index[v] = Int32(i) }
            let cellToValue = decoded.map { index[$0![a]]! }
            let codes = intersections.codes.map { cellToValue[Int($0)] }
            columns.append(try FairCoreError.reporting { () throws(FairSupportError) in
                try GroupColumn(codes: codes, names: valueNames)
            })
        }
        try self.init(names: names, columns: columns)
    }

    /// The column of one attribute.
    /// - Throws: `.invalidParameter` naming the attribute and the known ones.
    public func column(named name: String) throws(FairCoreError) -> GroupColumn {
        guard let a = names.firstIndex(of: name) else {
            throw .invalidParameter(name: "attribute", value: "\"\(name)\"", allowed: "one of \(FairCoreError.list(names))")
        }
        return columns[a]
    }

    /// The intersection column of `attributes` (default: all, in `names` order): one group per
    /// combination that occurs, named by `cellName(_:)`, sorted by name.
    /// - Throws: `.invalidParameter` for an unknown or repeated attribute, `.emptyInput` for none.
    public func intersections(of attributes: [String]? = nil) throws(FairCoreError) -> GroupColumn {
        let chosen = attributes ?? names
        if chosen.isEmpty { throw .emptyInput(what: "attributes of the intersection") }
        if Set(chosen).count != chosen.count {
            throw .invalidParameter(name: "attributes", value: chosen.joined(separator: ","), allowed: "each attribute once")
        }
        var parts: [GroupColumn] = []
        for name in chosen { parts.append(try column(named: name)) }
        if parts.count == 1 { return parts[0] }
        // Mixed-radix key of the codes; distinct keys become cells.
        let n = count
        var keys = [Int](repeating: 0, count: n)
        for part in parts {
            let radix = part.names.count
            for i in 0..<n { keys[i] = keys[i] * radix + Int(part.codes[i]) }
        }
        var cellOfKey: [Int: Int] = [:]
        var cellValues: [[String]] = []
        for i in 0..<n where cellOfKey[keys[i]] == nil {
            cellOfKey[keys[i]] = cellValues.count
            cellValues.append(parts.map { $0.label(ofRow: i) })
        }
        let cellNames = cellValues.map(Self.cellName)
        let order = cellNames.indices.sorted { cellNames[$0] < cellNames[$1] }
        var rank = [Int32](repeating: 0, count: order.count)
        for (r, c) in order.enumerated() { rank[c] = Int32(r) }
        let codes = keys.map { rank[cellOfKey[$0]!] }
        return try FairCoreError.reporting { () throws(FairSupportError) in
            try GroupColumn(codes: codes, names: order.map { cellNames[$0] })
        }
    }

    /// The rows `rows` of every attribute (all values kept as names).
    public func subset(rows: [Int]) throws(FairCoreError) -> SensitiveAttributes {
        try SensitiveAttributes(names: names, columns: columns.map { $0.subset(rows: rows) })
    }

    /// The separator of the values in a cell name.
    public static let separator = " × "

    /// The name of the cell with these values (one per attribute): the value itself for one
    /// attribute, else the values with `\` and `×` escaped by `\`, joined by `" × "`.
    public static func cellName(_ values: [String]) -> String {
        if values.count == 1 { return values[0] }
        return values.map { value in
            var escaped = ""
            for ch in value {
                if ch == "\\" || ch == "×" { escaped.append("\\") }
                escaped.append(ch)
            }
            return escaped
        }.joined(separator: separator)
    }

    /// The values of a cell named by `cellName(_:)` over `attributeCount` attributes, or nil
    /// when the name does not hold that many values.
    public static func values(ofCell name: String, attributeCount: Int) -> [String]? {
        if attributeCount == 1 { return [name] }
        // Pieces between unescaped ×; each separator contributes one space on either side.
        var pieces: [[(Character, Bool)]] = [[]]
        var escaped = false
        for ch in name {
            if escaped {
                pieces[pieces.count - 1].append((ch, true))
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else if ch == "×" {
                pieces.append([])
            } else {
                pieces[pieces.count - 1].append((ch, false))
            }
        }
        if escaped || pieces.count != attributeCount { return nil }
        var values: [String] = []
        for (i, var piece) in pieces.enumerated() {
            if i > 0 {
                guard let first = piece.first, first == (" ", false) else { return nil }
                piece.removeFirst()
            }
            if i < pieces.count - 1 {
                guard let last = piece.last, last == (" ", false) else { return nil }
                piece.removeLast()
            }
            values.append(String(piece.map(\.0)))
        }
        return values
    }
}
