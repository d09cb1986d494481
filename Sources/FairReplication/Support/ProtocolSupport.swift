import FairCore
import FairData
import FairNet
import Foundation

/// Small pieces every protocol shares.
enum ProtocolSupport {
    /// A seed for one purpose of one run (weights and training streams of a model, the repair's
    /// jitter, a bootstrap), so that no two streams of a run coincide. `family` names the protocol
    /// (`compas-protocol`, `scarcity`): the COMPAS streams are those of fair-bench's original
    /// implementation, so its numbers did not move when the protocol became a library.
    static func derivedSeed(_ seed: UInt64, _ family: String, _ purpose: String) -> UInt64 {
        var generator = SeededGenerator(seed: seed, purpose: family + " " + purpose)
        return generator.next()
    }

    static func matrix(_ features: EncodedFeatures) throws -> FeatureMatrix {
        try FeatureMatrix(rows: features.rows, columns: features.columns, values: features.values)
    }

    /// The mean KS to expect on the test rows after a repair calibrated on groups of sizes `c_s`,
    /// for two groups: `0.87 · sqrt(1/n_1 + 1/n_2 + 1/c_1 + 1/c_2)` ([Inference], FairMTL's
    /// derivation, asymptotic). The repaired score of group s is `H(F̂_s(x))` with one nondecreasing
    /// `H = Σ_b π_b Q̂_b` shared by all groups, and KS is invariant under a common monotone map; so
    /// the between-group discrepancy is the test rows' sampling bridge (variance `1/n_1 + 1/n_2`)
    /// plus each group's calibration ECDF error `F̂_s − F_s` (variance `1/c_s`), all independent.
    /// With `c → ∞` it is the test noise floor.
    static func calibratedFloor(test: [Int], calibration: [Int]) -> Double {
        guard test.count == 2, calibration.count == 2, (test + calibration).allSatisfy({ $0 > 0 }) else { return .nan }
        let variance = (test + calibration).reduce(0) { $0 + 1 / Double($1) }
        return KolmogorovSmirnov.meanOfKolmogorov * variance.squareRoot()
    }

    /// Seconds on the monotonic clock (for the run records; the reports leave them out when asked).
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    static func median(_ values: [Double]) -> Double {
        let s = values.sorted()
        if s.isEmpty { return .nan }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// A JSON text with sorted keys (one line, or pretty-printed).
    static func json(_ object: Any, pretty: Bool = false) -> String {
        var options: JSONSerialization.WritingOptions = [.sortedKeys]
        if pretty { options.insert(.prettyPrinted) }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: options) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// A JSON number (NaN and infinities, which JSON lacks, become null).
    static func number(_ x: Double) -> Any { x.isFinite ? x : NSNull() }

    /// One CSV field (quoted when it holds a comma, quote or newline).
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A CSV number: shortest round-trip text, empty for NaN.
    static func csvNumber(_ x: Double) -> String { x.isNaN ? "" : "\(x)" }
}
