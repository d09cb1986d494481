import FairSupport

/// Features plus one label column per task, matched to the network's tasks **by name**.
///
/// A missing label is `NaN` (the usual encoding of "no value" in a numeric column): it contributes
/// nothing to the loss, its gradient or any metric. A row may miss the label of one task and still
/// train the others (the paper's folktables setting removes regression labels only).
///
/// ## Mathematical properties
/// - Regression labels: any finite value, or NaN for missing. Infinite values are rejected.
/// - Binary labels: exactly 0 or 1, or NaN for missing. Anything else is rejected (naming the row).
/// - Labels are stored in Double; training converts them to Float32.
public struct TrainingData: Sendable, Equatable {
    /// The inputs.
    public let features: FeatureMatrix
    /// One column of `features.rows` labels per task name; NaN marks a missing label.
    public let labels: [String: [Double]]

    /// - Throws: `FairNetError.shapeMismatch` when a label column has another length than the
    ///   number of feature rows (the message names the task).
    public init(features: FeatureMatrix, labels: [String: [Double]]) throws(FairNetError) {
        for name in labels.keys.sorted() {
            let column = labels[name]!
            guard column.count == features.rows else {
                throw .shapeMismatch(what: "labels of task \"\(name)\" (one per feature row)", expected: features.rows, actual: column.count)
            }
        }
        self.features = features
        self.labels = labels
    }

    /// Number of rows.
    public var rows: Int { features.rows }

    /// The rows at `indices`, in that order (features and every label column).
    public func selecting(rows indices: [Int]) -> TrainingData {
        var picked: [String: [Double]] = [:]
        for (name, column) in labels { picked[name] = indices.map { column[$0] } }
        return TrainingData(unchecked: features.selecting(rows: indices), picked)
    }

    /// A seeded random split into a training part and a validation part.
    ///
    /// The rows are permuted with a `SeededGenerator(seed: seed, purpose: "validation split")`
    /// (Fisher–Yates); the first `round(fraction · rows)` rows of the permutation form the validation
    /// part, the rest the training part; both keep the original row order within themselves.
    /// - Throws: `FairNetError.invalidOption` unless `0 < fraction < 1` and both parts are non-empty.
    public func split(validationFraction fraction: Double, seed: UInt64) throws(FairNetError) -> (training: TrainingData, validation: TrainingData) {
        guard fraction > 0, fraction < 1 else {
            throw .invalidOption(name: "validationFraction", value: "\(fraction)", allowed: "use a fraction strictly between 0 and 1")
        }
        let nValidation = Int((fraction * Double(rows)).rounded())
        guard nValidation >= 1, nValidation < rows else {
            throw .invalidOption(name: "validationFraction", value: "\(fraction)",
                                 allowed: "with \(rows) rows it leaves an empty part; use more rows or another fraction")
        }
        var generator = SeededGenerator(seed: seed, purpose: "validation split")
        var order = Array(0..<rows)
        for i in stride(from: rows - 1, to: 0, by: -1) {
            order.swapAt(i, generator.nextInt(below: i + 1))
        }
        let validation = order[..<nValidation].sorted()
        let training = order[nValidation...].sorted()
        return (selecting(rows: training), selecting(rows: validation))
    }

    init(unchecked features: FeatureMatrix, _ labels: [String: [Double]]) {
        self.features = features
        self.labels = labels
    }
}
