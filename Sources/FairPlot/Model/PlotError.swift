/// Errors from building a chart out of the caller's numbers. Each message names the series
/// and the position and says what to do.
public enum PlotError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A NaN or infinite value at a 0-based index of a series.
    case nonFiniteValue(series: String, index: Int, value: Double)
    /// Two arrays that must be parallel have different lengths.
    case lengthMismatch(series: String, xCount: Int, yCount: Int)
    /// An axis range that is empty, reversed or not finite.
    case invalidRange(axis: String, lower: Double, upper: Double)
    /// More series than glyphs can tell apart.
    case tooManySeries(count: Int, maximum: Int)
    /// A chart parameter outside its allowed values.
    case invalidParameter(name: String, value: String, allowed: String)

    public var description: String {
        switch self {
        case let .nonFiniteValue(series, index, value):
            return "series \"\(series)\" has a non-finite value (\(value)) at index \(index). Remove or impute it before plotting."
        case let .lengthMismatch(series, xCount, yCount):
            return "series \"\(series)\" has \(xCount) x values but \(yCount) y values. Give one y per x."
        case let .invalidRange(axis, lower, upper):
            return "the \(axis) axis range [\(lower), \(upper)] is not valid. Give finite bounds with lower < upper."
        case let .tooManySeries(count, maximum):
            return "\(count) series are too many to tell apart (at most \(maximum)). Plot fewer groups or merge small ones."
        case let .invalidParameter(name, value, allowed):
            return "\(name) = \(value) is not allowed: \(allowed)."
        }
    }
}
