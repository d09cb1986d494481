import FairSupport
import Testing
@testable import FairNet

/// Shared builders for FairNet tests: small seeded data sets and architectures.
enum Fixtures {
    /// `n × d` standard normal features (Float32) from a seeded generator.
    static func gaussianFeatures(rows n: Int, columns d: Int, seed: UInt64) -> FeatureMatrix {
        var g = SeededGenerator(seed: seed, purpose: "test features")
        let values = (0..<(n * d)).map { _ in Float(g.nextNormal()) }
        return try! FeatureMatrix(rows: n, columns: d, values: values)
    }

    /// Column `j` of a feature matrix as Double.
    static func column(_ x: FeatureMatrix, _ j: Int) -> [Double] {
        (0..<x.rows).map { Double(x.values[$0 * x.columns + j]) }
    }

    /// A linear regression target `y = 2x0 − x1 + 0.5x2 + 0.3`.
    static func linearTarget(_ x: FeatureMatrix) -> [Double] {
        let (a, b, c) = (column(x, 0), column(x, 1), column(x, 2))
        return (0..<x.rows).map { 2 * a[$0] - b[$0] + 0.5 * c[$0] + 0.3 }
    }

    /// A separable class `1{x0 + x1 > 0}`.
    static func separableClass(_ x: FeatureMatrix) -> [Double] {
        (0..<x.rows).map { i in x.values[i * x.columns] + x.values[i * x.columns + 1] > 0 ? 1 : 0 }
    }

    /// Random parameters (normal, standard deviation `scale`) for gradient checks: unlike the
    /// initialisation, the FiLM output layer is not zero, so every path carries gradient.
    static func randomParameters(_ a: NetworkArchitecture, seed: UInt64, scale: Double = 0.5) -> [Float] {
        var g = SeededGenerator(seed: seed, purpose: "test parameters")
        return (0..<ParameterLayout(a).count).map { _ in Float(scale * g.nextNormal()) }
    }

    static func architecture(inputs: Int = 3, hidden: [Int] = [4, 5], tasks: [TaskSpec] = [.regression("r"), .binary("b")],
                             dropout: Double = 0, mode: Conditioning.Mode? = nil, hiddenUnits: Int = 3,
                             ranges: [LambdaRange]? = nil) -> NetworkArchitecture {
        let conditioning = mode.map { Conditioning(mode: $0, hiddenUnits: hiddenUnits, ranges: ranges ?? tasks.map { _ in LambdaRange(0.5, 2) }) }
        return try! NetworkArchitecture(inputs: inputs, hidden: hidden, tasks: tasks, dropout: dropout, conditioning: conditioning)
    }
}

/// The `FairNetError` thrown by `body`, or nil when it returns (any other error is recorded as an issue).
func caughtError<T>(_ body: () throws -> T) -> FairNetError? {
    do {
        _ = try body()
        return nil
    } catch let error as FairNetError {
        return error
    } catch {
        Issue.record("unexpected error type: \(error)")
        return nil
    }
}
