/// A closed interval the repaired outputs of a task are clipped to, e.g. [0, 1] for
/// probabilities. It is a property of the task, fixed at fit time, never inferred from a batch.
///
/// ## Mathematical properties
/// `clip(x) = min(max(x, lower), upper)`; monotone, so it keeps within-group rank order (it can
/// only create ties).
public struct OutputRange: Sendable, Hashable, Codable {
    /// The smallest allowed output.
    public let lower: Double
    /// The largest allowed output.
    public let upper: Double

    /// - Throws: `FairCoreError.invalidParameter` unless both bounds are finite and
    ///   `lower <= upper`.
    public init(lower: Double, upper: Double) throws(FairCoreError) {
        guard lower.isFinite, upper.isFinite, lower <= upper else {
            throw .invalidParameter(
                name: "output range", value: "[\(lower), \(upper)]",
                allowed: "finite bounds with lower <= upper, e.g. [0, 1] for probabilities")
        }
        self.lower = lower + 0.0
        self.upper = upper + 0.0
    }

    /// [0, 1], for probability scores.
    public static let unitInterval = OutputRange(uncheckedLower: 0, upper: 1)

    private init(uncheckedLower lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// `min(max(x, lower), upper)`.
    @inlinable
    public func clip(_ x: Double) -> Double { min(max(x, lower), upper) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let lower = try container.decode(Double.self, forKey: .lower)
        let upper = try container.decode(Double.self, forKey: .upper)
        do {
            try self.init(lower: lower, upper: upper)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .upper, in: container, debugDescription: error.description)
        }
    }

    private enum CodingKeys: String, CodingKey { case lower, upper }
}
