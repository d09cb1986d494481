/// Accumulates one kept column while `CSVParser` reads a file, and turns it into a `Column`.
struct CSVColumnBuilder {
    let name: String
    let declared: ColumnType?
    var isText: Bool
    var values: [Double] = []
    var codes: [Int32] = []
    let interner = ByteInterner()
    /// The row at which the column became categorical (earlier rows are re-read at the end).
    var switchRow = 0

    init(name: String, declared: ColumnType?) {
        self.name = name
        self.declared = declared
        isText = declared == .categorical
    }

    /// The finished column.
    func column() -> Column {
        isText ? .categorical(categorical()) : .numeric(values)
    }

    /// The categorical column of the interned labels, its categories in `CategoryOrder`.
    ///
    /// When every label is ASCII and some label is not a number, `CategoryOrder` is byte
    /// order, so the labels are sorted as bytes and no `String` is hashed or compared (with
    /// 10^6 distinct labels, hashing and comparing `String`s took most of the read).
    func categorical() -> CategoricalColumn {
        if interner.isASCII, (0..<interner.count).contains(where: { !isNumber($0) }) {
            let order = interner.indicesInByteOrder()
            var position = [Int32](repeating: 0, count: order.count)
            for (rank, index) in order.enumerated() { position[Int(index)] = Int32(rank) }
            let categories = order.map { String(decoding: interner.bytes(Int($0)), as: UTF8.self) }
            let remapped = position.withUnsafeBufferPointer { position in
                codes.map { $0 < 0 ? $0 : position[Int($0)] }
            }
            return CategoricalColumn(orderedCategories: categories, codes: remapped)
        }
        return Self.mergingEqualStrings(interner.strings(), codes)
    }

    private func isNumber(_ index: Int) -> Bool {
        let bytes = interner.bytes(index)
        guard let start = bytes.baseAddress else { return false }
        return DecimalParser.isDecimal(start, count: bytes.count)
    }

    /// Builds a categorical column, merging categories that decode to equal `String`s (invalid
    /// UTF-8 replaced by U+FFFD, or canonically equivalent Unicode spellings).
    static func mergingEqualStrings(_ strings: [String], _ codes: [Int32]) -> CategoricalColumn {
        if Set(strings).count == strings.count {
            return CategoricalColumn(sortingCategories: strings, codes: codes)
        }
        var lookup: [String: Int32] = [:]
        var distinct: [String] = []
        let remap: [Int32] = strings.map { text in
            if let code = lookup[text] { return code }
            let code = Int32(distinct.count)
            lookup[text] = code
            distinct.append(text)
            return code
        }
        let merged = codes.map { $0 < 0 ? $0 : remap[Int($0)] }
        return CategoricalColumn(sortingCategories: distinct, codes: merged)
    }
}
