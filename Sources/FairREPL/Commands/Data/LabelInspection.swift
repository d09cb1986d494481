import FairData
import FairPlot

/// Checks `load` makes on a CSV's label columns: text labels that are yes/no (or true/false),
/// numeric labels coded 1/2, and features that leak a label.
enum LabelInspection {
    /// The 0/1 value of each yes/no-style category (lower-cased), for text labels.
    static let binaryWords: [String: Double] = ["yes": 1, "no": 0, "true": 1, "false": 0, "y": 1, "n": 0]

    /// A text label column whose categories are a yes/no pair (`yes`/`no`, `true`/`false`,
    /// `y`/`n`, any case) as 0/1 values (NaN for missing), or nil when it is not one.
    static func binaryCoding(of column: CategoricalColumn) -> [Double]? {
        let used = column.droppingUnusedCategories()
        let values = used.categories.map { binaryWords[$0.lowercased()] }
        let mapped = values.compactMap { $0 }
        // One word alone (every row "yes") is still a yes/no column; "yes" and "true" together are not.
        guard !values.isEmpty, values.count <= 2, mapped.count == values.count, Set(mapped).count == mapped.count else { return nil }
        return used.codes.map { $0 < 0 ? .nan : mapped[Int($0)] }
    }

    /// Whether a numeric label takes exactly the values 1 and 2 (a binary label in another coding).
    static func isCodedOneTwo(_ values: [Double]) -> Bool {
        var seen = Set<Double>()
        for value in values where !value.isNaN {
            seen.insert(value)
            if seen.count > 2 { return false }
        }
        return seen == [1, 2]
    }

    /// Rows with both values below which no leak is reported: on a handful of rows any
    /// feature fits a monotone map by chance (on 2 rows, every non-constant one does).
    static let minimumRows = 20

    /// Whether `feature` equals a monotone function of `label` on the rows where both are
    /// present (at least `minimumRows`): every label value goes with one feature value, those
    /// values are ordered as the labels are (non-decreasing or non-increasing), and the feature
    /// is not constant. A categorical feature leaks when it and the label determine each other.
    static func leaks(feature: Column, label: [Double]) -> Bool {
        var byLabel: [Double: Double] = [:]
        var reverse: [Double: Double] = [:]
        let isCategorical: Bool
        let values: [Double]
        switch feature {
        case let .numeric(numbers):
            values = numbers
            isCategorical = false
        case let .categorical(column):
            values = column.codes.map { $0 < 0 ? .nan : Double($0) }
            isCategorical = true
        }
        var rows = 0
        for (x, y) in zip(values, label) where !x.isNaN && !y.isNaN {
            rows += 1
            if let known = byLabel[y], known != x { return false }
            byLabel[y] = x
            if isCategorical {
                if let known = reverse[x], known != y { return false }
                reverse[x] = y
            }
        }
        guard rows >= minimumRows, Set(byLabel.values).count >= 2 else { return false }
        if isCategorical { return true }
        let ordered = byLabel.keys.sorted().map { byLabel[$0]! }
        let increasing = zip(ordered, ordered.dropFirst()).allSatisfy { $0 <= $1 }
        let decreasing = zip(ordered, ordered.dropFirst()).allSatisfy { $0 >= $1 }
        return increasing || decreasing
    }
}
