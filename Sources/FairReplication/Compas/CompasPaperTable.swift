/// Hu, Ratz & Charpentier (2023), Table 2, as quoted in EXPERIMENTS.md §2.5.
public enum CompasPaperTable {
    /// The eight columns, in the paper's order.
    public static let columns = ["MTL AUC", "MTL Unf.", "MTL pp AUC", "MTL pp Unf.", "STL AUC", "STL Unf.", "STL pp AUC", "STL pp Unf."]

    /// A published cell: mean ± spread (the paper does not define the spread; presumably the SD over 20 runs).
    public struct Cell: Sendable, Hashable {
        public let mean: Double
        public let spread: Double
        /// As printed in the paper (`0.742 ± 0.01`).
        public var text: String { "\(Fixed.format(mean, 3)) ± \(Fixed.format(spread, 2))" }
    }

    /// Per task, the eight cells in `columns` order.
    public static let cells: [String: [Cell]] = [
        "is_recid": [c(0.742, 0.01), c(0.289, 0.02), c(0.727, 0.01), c(0.052, 0.02), c(0.745, 0.01), c(0.291, 0.02), c(0.730, 0.01), c(0.055, 0.02)],
        "is_violent_recid": [c(0.686, 0.02), c(0.289, 0.04), c(0.649, 0.01), c(0.053, 0.02), c(0.671, 0.01), c(0.290, 0.03), c(0.638, 0.03), c(0.053, 0.02)],
    ]

    /// The paper's training rows per split (80% of 6,172), calibrating pp on them.
    public static let trainingRows = 4_937

    private static func c(_ mean: Double, _ spread: Double) -> Cell { Cell(mean: mean, spread: spread) }
}
