import FairSupport
import Foundation
import Testing
@testable import FairNet

@Suite("MultiTaskNetwork: prediction")
struct MultiTaskNetworkTests {
    static let yoto = Fixtures.architecture(inputs: 3, hidden: [8, 4], tasks: [.regression("r"), .binary("b")], mode: .perUnit)

    @Test("predictions are bit-identical for any thread count and equal a single-row prediction of each row")
    func threadInvariance() throws {
        let model = try MultiTaskNetwork(architecture: Self.yoto, parameters: Fixtures.randomParameters(Self.yoto, seed: 2))
        let n = 2 * MultiTaskNetwork.chunkRows + 37
        let x = Fixtures.gaussianFeatures(rows: n, columns: 3, seed: 1)
        let lambda = ["r": 1.0, "b": 0.7]
        let one = try model.predict(x, lambda: lambda, threads: 1)
        for threads in [2, 3, 8] {
            #expect(try model.predict(x, lambda: lambda, threads: threads) == one)
        }
        for row in [0, 1500, n - 1] {
            let single = try model.predict(x.selecting(rows: [row]), lambda: lambda, threads: 1)
            for t in 0..<2 {
                #expect(abs(single.values[t][0] - one.values[t][row]) <= 1e-6 * max(1, abs(one.values[t][row])))
            }
        }
        #expect(one.rows == n && one.lambda == [1.0, 0.7])
    }

    @Test("prediction reports the first non-finite feature in row-major order, wherever the chunks and threads put it",
          arguments: [1, 2, 3])
    func firstNonFiniteFeature(threads: Int) throws {
        let model = try MultiTaskNetwork(architecture: Self.yoto, parameters: Fixtures.randomParameters(Self.yoto, seed: 2))
        let n = 3 * MultiTaskNetwork.chunkRows + 5
        let clean = Fixtures.gaussianFeatures(rows: n, columns: 3, seed: 4)
        let lambda = ["r": 1.0, "b": 0.7]
        // Bad values in several chunks (the last chunk's is found first by whoever takes it); the first one wins.
        let cases: [[(Int, Float)]] = [
            [(n * 3 - 1, .nan)],
            [(2 * MultiTaskNetwork.chunkRows * 3 + 4, .infinity), (MultiTaskNetwork.chunkRows * 3 + 2, -.infinity), (n * 3 - 2, .nan)],
            [(7, .nan), (8, .infinity)],
        ]
        for bad in cases {
            var values = clean.values
            for (i, v) in bad { values[i] = v }
            let x = try FeatureMatrix(rows: n, columns: 3, values: values)
            let first = bad.map(\.0).min()!
            let error = caughtError { try model.predict(x, lambda: lambda, threads: threads) }
            #expect(error?.description == FairNetError.nonFiniteFeature(row: first / 3, column: first % 3, value: values[first]).description)
            #expect(caughtError { try x.validateFinite() }?.description == error?.description)
        }
    }

    @Test("binary predictions are the sigmoid of the logits; regression predictions are the outputs")
    func scores() throws {
        let model = try MultiTaskNetwork(architecture: Self.yoto, parameters: Fixtures.randomParameters(Self.yoto, seed: 3, scale: 2))
        let p = try model.predict(Fixtures.gaussianFeatures(rows: 50, columns: 3, seed: 2), lambda: ["r": 1, "b": 1])
        #expect(p.values[0] == p.logits[0])
        for i in 0..<50 {
            let z = p.logits[1][i]
            #expect(abs(p.values[1][i] - 1 / (1 + exp(-z))) < 1e-15)
        }
        #expect(try p.values(for: "b") == p.values[1])
        #expect(caughtError { try p.values(for: "zz") } == .unknownTask(name: "zz", known: ["r", "b"]))
        let empty = try model.predict(try FeatureMatrix(rows: 0, columns: 3, values: []), lambda: ["r": 1, "b": 1])
        #expect(empty.rows == 0)
    }

    @Test("prediction errors: λ required, λ not used, wrong width, non-finite features, bad parameter count")
    func errors() throws {
        let model = try MultiTaskNetwork(architecture: Self.yoto, seed: 1)
        let x = Fixtures.gaussianFeatures(rows: 4, columns: 3, seed: 1)
        let required = caughtError { try model.predict(x) }
        #expect(required == .lambdaRequired(tasks: ["r", "b"]))
        #expect(required?.description.contains("pass lambda with one weight per task") == true)
        let plain = try MultiTaskNetwork(architecture: try NetworkArchitecture(inputs: 3, hidden: [2], tasks: [.regression("r")]), seed: 1)
        #expect(caughtError { try plain.predict(x, lambda: ["r": 1]) } == .lambdaNotUsed)
        #expect(caughtError { try model.predict(Fixtures.gaussianFeatures(rows: 4, columns: 2, seed: 1), lambda: ["r": 1, "b": 1]) }
                == .shapeMismatch(what: "feature columns", expected: 3, actual: 2))
        var values = x.values
        values[5] = .nan
        let bad = try FeatureMatrix(rows: 4, columns: 3, values: values)
        #expect(caughtError { try model.predict(bad, lambda: ["r": 1, "b": 1]) }?.description.contains("row 1, column 2") == true)
        #expect(caughtError { try MultiTaskNetwork(architecture: Self.yoto, parameters: [1, 2]) }?.description.contains("parameter count") == true)
        var named = model
        #expect(caughtError { try named.setFeatureNames(["a"]) } == .shapeMismatch(what: "feature names (one per input)", expected: 3, actual: 1))
        try named.setFeatureNames(["a", "b", "c"])
        #expect(named.featureNames == ["a", "b", "c"])
    }
}
