import FairCore

/// One part of a prepared dataset (train, pool or test), ready for a network and a repair:
/// encoded features, labels per task, and the sensitive groups.
public struct ModelData: Sendable, Equatable {
    /// The dataset table's rows in this part (sorted), parallel to every array below.
    public let rows: [Int]
    /// Encoded features (Float32, row-major) with column names.
    public let features: EncodedFeatures
    /// Labels per task, in the dataset's task order (NaN = missing).
    public let labels: [TaskLabels]
    /// The sensitive group of each row. The names are all of the dataset's groups in every part,
    /// so codes agree between train, pool and test.
    public let groups: GroupColumn

    /// The labels of the task named `name`.
    /// - Throws: `FairDataError.unknownColumn` listing the tasks.
    public func labels(of name: String) throws -> TaskLabels {
        guard let labels = labels.first(where: { $0.name == name }) else {
            throw FairDataError.unknownColumn(name: name, available: self.labels.map(\.name))
        }
        return labels
    }
}
