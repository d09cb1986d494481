import FairCore
import FairData
import FairPlot

extension WorkspaceKind {
    /// A train / pool / test split of a table, with its label masks.
    public static let split = WorkspaceKind(name: "split", plural: "splits", order: 20)
}

/// A split of a table (`split`, `mask`): the options that make it, so that training and
/// prediction rebuild exactly the same parts through `Dataset.prepare`, and the parts.
public struct SplitValue: WorkspaceValue, Equatable {
    public static let kind = WorkspaceKind.split
    /// The table it splits.
    public var tableName: String
    public var seed: UInt64
    public var testFraction: Double
    public var poolFraction: Double
    public var stratifiesByGroup: Bool
    public var usesOfficialSplit: Bool
    /// Per task, the probability that a training label is removed (`mask`).
    public var missingLabelFractions: [String: Double]
    public var unseenCategories: UnseenCategoryPolicy
    /// The parts (sorted table rows).
    public var split: DataSplit

    public var options: PreparationOptions {
        PreparationOptions(
            seed: seed, testFraction: testFraction, poolFraction: poolFraction, stratifiesByGroup: stratifiesByGroup,
            usesOfficialSplit: usesOfficialSplit, missingLabelFractions: missingLabelFractions, unseenCategories: unseenCategories)
    }

    public var summary: String {
        var text = "\(tableName): train \(NumberFormat.grouped(split.train.count)) · pool \(NumberFormat.grouped(split.pool.count)) · test \(NumberFormat.grouped(split.test.count)) (seed \(seed))"
        let masks = missingLabelFractions.keys.sorted().filter { missingLabelFractions[$0] ?? 0 > 0 }
        if !masks.isEmpty {
            text += "; masked " + masks.map { "\($0) \(NumberFormat.compact(100 * (missingLabelFractions[$0] ?? 0), digits: 3))%" }.joined(separator: ", ")
        }
        return text
    }

    public var namedNumbers: [(key: String, value: Double)] {
        [("train", Double(split.train.count)), ("pool", Double(split.pool.count)), ("test", Double(split.test.count))]
    }

    /// The dataset prepared with this split (encoder fitted on the training rows, masks applied).
    /// - Throws: when the table no longer gives the same parts (it was reloaded with other rows).
    func prepare(_ dataset: Dataset) throws -> PreparedData {
        let prepared = try dataset.prepare(options)
        guard prepared.split == split else {
            throw CommandError.failed(
                message: "table '\(tableName)' no longer matches this split (it was loaded again with other rows): run 'split' again")
        }
        return prepared
    }

    /// Which part each table row is in.
    func parts(rowCount: Int) -> [PredictionPart] {
        var parts = [PredictionPart](repeating: .unassigned, count: rowCount)
        for row in split.train where row < rowCount { parts[row] = .train }
        for row in split.pool where row < rowCount { parts[row] = .pool }
        for row in split.test where row < rowCount { parts[row] = .test }
        return parts
    }
}
