/// Checks shared by the chart builders.
enum ChartInput {
    static func checkFinite(_ values: [Double], series: String) throws(PlotError) {
        for (i, v) in values.enumerated() where !v.isFinite {
            throw .nonFiniteValue(series: series, index: i, value: v)
        }
    }

    static func checkRange(_ range: ClosedRange<Double>?, axis: String) throws(PlotError) {
        guard let range else { return }
        guard range.lowerBound.isFinite, range.upperBound.isFinite, range.lowerBound < range.upperBound else {
            throw .invalidRange(axis: axis, lower: range.lowerBound, upper: range.upperBound)
        }
    }

    static func checkCount(_ count: Int) throws(PlotError) {
        if count > GlyphAssignment.maximumSeries {
            throw .tooManySeries(count: count, maximum: GlyphAssignment.maximumSeries)
        }
    }

    static func checkHeight(_ height: Int) throws(PlotError) {
        if height < 3 || height > 200 {
            throw .invalidParameter(name: "height", value: "\(height)", allowed: "between 3 and 200 rows")
        }
    }

    /// Smallest and largest value over several arrays; nil when all are empty.
    static func extent(_ arrays: [[Double]]) -> ClosedRange<Double>? {
        var lo = Double.infinity, hi = -Double.infinity
        for array in arrays {
            for v in array {
                if v < lo { lo = v }
                if v > hi { hi = v }
            }
        }
        return lo <= hi ? lo...hi : nil
    }

    /// A data extent widened to nice tick bounds (a fixed range wins when given).
    static func axisRange(fixed: ClosedRange<Double>?, data: ClosedRange<Double>?) -> ClosedRange<Double> {
        if let fixed { return fixed }
        guard let data else { return 0...1 }
        let scale = NiceScale.expanded(lower: data.lowerBound, upper: data.upperBound, maximumCount: 6)
        return scale.lower...scale.upper
    }
}
