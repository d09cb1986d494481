/// The order of the categories of a categorical column, which fixes its codes and the order of
/// its one-hot columns.
///
/// - When every category is a decimal number (e.g. ACS codes `1`, `2`, `10`), categories are
///   ordered by numeric value (`2` before `10`), ties (such as `1` and `1.0`) by text.
/// - Otherwise they are ordered by Swift's `String` comparison (Unicode scalar order of the
///   canonical form, which for ASCII is byte order, as in Python's `sorted`).
public enum CategoryOrder {
    /// Returns `categories` in category order.
    public static func sorted(_ categories: [String]) -> [String] {
        let numbers = categories.map { DecimalParser.parse($0) }
        if !categories.isEmpty, numbers.allSatisfy({ $0 != nil }) {
            let keyed = zip(categories, numbers.map { $0! })
            return keyed.sorted { a, b in a.1 != b.1 ? a.1 < b.1 : a.0 < b.0 }.map(\.0)
        }
        return categories.sorted()
    }
}
