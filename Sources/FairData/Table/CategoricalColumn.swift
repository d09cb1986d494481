/// A column of text labels stored as integer codes into a sorted list of distinct categories.
///
/// Code `c >= 0` means `categories[c]`; code `-1` (`missingCode`) means the value is missing.
/// Categories are kept in `CategoryOrder` (numeric order when all are numbers, else text order),
/// so codes and one-hot columns do not depend on row order.
public struct CategoricalColumn: Sendable, Hashable {
    /// The code of a missing value.
    public static let missingCode: Int32 = -1

    /// Distinct categories in `CategoryOrder`.
    public let categories: [String]
    /// One code per row, in `-1..<categories.count`.
    public let codes: [Int32]

    /// Number of rows.
    public var count: Int { codes.count }

    /// Builds the column from one label per row (`nil` = missing).
    public init(labels: [String?]) {
        var lookup: [String: Int32] = [:]
        var firstSeen: [String] = []
        var raw = [Int32](repeating: Self.missingCode, count: labels.count)
        for (row, label) in labels.enumerated() {
            guard let label else { continue }
            if let code = lookup[label] {
                raw[row] = code
            } else {
                let code = Int32(firstSeen.count)
                lookup[label] = code
                firstSeen.append(label)
                raw[row] = code
            }
        }
        self.init(sortingCategories: firstSeen, codes: raw)
    }

    /// Builds the column from codes into `categories`, which must be distinct and are put in
    /// `CategoryOrder` (codes are remapped accordingly).
    /// - Throws: `FairDataError.duplicateCategory`, `FairDataError.invalidCategoryCode`.
    public init(codes: [Int32], categories: [String]) throws {
        var seen = Set<String>()
        for name in categories where !seen.insert(name).inserted { throw FairDataError.duplicateCategory(name) }
        for (row, code) in codes.enumerated() where code < -1 || Int(code) >= categories.count {
            throw FairDataError.invalidCategoryCode(row: row, code: Int(code), categoryCount: categories.count)
        }
        self.init(sortingCategories: categories, codes: codes)
    }

    /// Labels numbers: integral values are written without a decimal point (`3`, not `3.0`);
    /// NaN is missing. Categories are in numeric order.
    public init(numbers: [Double]) {
        var lookup: [UInt64: Int32] = [:]
        var firstSeen: [String] = []
        var raw = [Int32](repeating: Self.missingCode, count: numbers.count)
        for (row, value) in numbers.enumerated() where !value.isNaN {
            let key = (value == 0 ? 0.0 : value).bitPattern
            if let code = lookup[key] {
                raw[row] = code
            } else {
                let code = Int32(firstSeen.count)
                lookup[key] = code
                firstSeen.append(NumberFormatting.label(value))
                raw[row] = code
            }
        }
        self.init(sortingCategories: firstSeen, codes: raw)
    }

    /// Trusted initialiser: `categories` distinct, codes valid; sorts and remaps.
    init(sortingCategories categories: [String], codes: [Int32]) {
        let sortedCategories = CategoryOrder.sorted(categories)
        if sortedCategories == categories {
            self.categories = categories
            self.codes = codes
            return
        }
        var position: [String: Int32] = [:]
        for (i, name) in sortedCategories.enumerated() { position[name] = Int32(i) }
        let remap = categories.map { position[$0]! }
        self.categories = sortedCategories
        self.codes = remap.withUnsafeBufferPointer { remap in
            codes.map { $0 < 0 ? $0 : remap[Int($0)] }
        }
    }

    /// Trusted initialiser for categories already in order.
    init(orderedCategories: [String], codes: [Int32]) {
        self.categories = orderedCategories
        self.codes = codes
    }

    /// The label of `row`, or `nil` when it is missing.
    public func label(ofRow row: Int) -> String? {
        let code = codes[row]
        return code < 0 ? nil : categories[Int(code)]
    }

    /// All labels in row order (`nil` = missing).
    public var labels: [String?] { codes.map { $0 < 0 ? nil : categories[Int($0)] } }

    /// Number of missing values.
    public var missingCount: Int { codes.reduce(0) { $0 + ($1 < 0 ? 1 : 0) } }

    /// Number of rows of each category, indexed by code (missing rows are not counted).
    public func counts() -> [Int] {
        var result = [Int](repeating: 0, count: categories.count)
        for code in codes where code >= 0 { result[Int(code)] += 1 }
        return result
    }

    /// The rows `rows`, in that order; categories are kept (including ones no longer used).
    func selecting(_ rows: [Int]) -> CategoricalColumn {
        codes.withUnsafeBufferPointer { codes in
            CategoricalColumn(orderedCategories: categories, codes: rows.map { codes[$0] })
        }
    }

    /// The same rows with only the categories that occur, in category order.
    public func droppingUnusedCategories() -> CategoricalColumn {
        let used = counts()
        if !used.contains(0) { return self }
        var remap = [Int32](repeating: -1, count: categories.count)
        var kept: [String] = []
        for (code, count) in used.enumerated() where count > 0 {
            remap[code] = Int32(kept.count)
            kept.append(categories[code])
        }
        return CategoricalColumn(orderedCategories: kept, codes: codes.map { $0 < 0 ? $0 : remap[Int($0)] })
    }
}
