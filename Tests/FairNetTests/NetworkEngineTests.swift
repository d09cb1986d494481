import FairSupport
import Testing
@testable import FairNet

/// A batch prepared for an engine: features, label matrix (NaN = missing), per-row λ.
private struct Batch {
    let x: [[Double]]
    let labels: [[Double]]
    let lambdas: [[Double]]
    let lambdaInputs: [[Double]]
}

@Suite("NetworkEngine: forward and backward passes against a Double reference")
struct NetworkEngineTests {
    static let configurations: [(Conditioning.Mode?, Double)] = [
        (nil, 0), (nil, 0.3), (.perUnit, 0), (.perUnit, 0.3), (.scalar, 0), (.scalar, 0.3),
    ]

    /// Runs forward, loss and backward on `rows` rows; returns the engine and the batch it saw.
    private func run(_ a: NetworkArchitecture, parameters: [Float], rows: Int, seed: UInt64,
                     missing: Set<Int> = [], labelsOverride: [[Double]]? = nil,
                     features: FeatureMatrix? = nil, lambdaSeed: UInt64 = 5) -> (NetworkEngine, Batch) {
        let t = a.tasks.count
        let x = features ?? Fixtures.gaussianFeatures(rows: rows, columns: a.inputs, seed: seed)
        var g = SeededGenerator(seed: seed, purpose: "labels")
        var labels: [[Double]] = labelsOverride ?? (0..<rows).map { _ in
            a.tasks.map { $0.kind == .regression ? g.nextNormal() : (g.nextDouble() < 0.5 ? 0 : 1) }
        }
        for k in missing { labels[k / t][k % t] = .nan }
        let engine = NetworkEngine(architecture: a, capacity: rows, training: true)
        engine.loadParameters(parameters)
        let labelMatrix = labels.flatMap { $0.map(Float.init) }
        let indices = (0..<rows).map { Int32($0) }
        x.values.withUnsafeBufferPointer { xp in
            labelMatrix.withUnsafeBufferPointer { yp in
                indices.withUnsafeBufferPointer { ip in
                    engine.gather(features: xp.baseAddress!, labelMatrix: yp.baseAddress!, indices: ip.baseAddress!, rows: rows)
                }
            }
        }
        var lambdaGenerator = SeededGenerator(seed: lambdaSeed, purpose: "lambda")
        if let ranges = a.conditioning?.ranges {
            engine.sampleLambdas(rows: rows, ranges: ranges, generator: &lambdaGenerator)
        } else {
            engine.setLambdas((0..<t).map { 0.5 + Double($0) }, rows: rows)
        }
        engine.dropoutGenerator = SeededGenerator(seed: 9, purpose: "dropout")
        engine.forward(input: engine.inputBatch, rows: rows, training: true, sharedLambda: false)
        _ = engine.loss(rows: rows, withGradient: true)
        engine.backward(input: engine.inputBatch, rows: rows, training: true)
        let batch = Batch(
            x: (0..<rows).map { i in (0..<a.inputs).map { Double(engine.inputBatch[i * a.inputs + $0]) } },
            labels: labels,
            lambdas: (0..<rows).map { i in (0..<t).map { Double(engine.lambdas[i * t + $0]) } },
            lambdaInputs: (0..<rows).map { i in (0..<t).map { Double(engine.lambdaInputs[i * t + $0]) } })
        return (engine, batch)
    }

    /// The dropout factors the engine used, per layer, row, unit (nil without dropout).
    private func keepFactors(_ engine: NetworkEngine, rows: Int) -> [[[Double]]]? {
        guard engine.dropout > 0 else { return nil }
        return engine.layout.widths.enumerated().map { l, w in
            (0..<rows).map { i in (0..<w).map { Double(engine.keep[engine.keepOffsets[l] + i * w + $0]) } }
        }
    }

    @Test("every dense layer (trunk, heads, conditioning network): analytic gradient equals central finite differences of the reference objective", arguments: configurations)
    func gradientCheck(mode: Conditioning.Mode?, dropout: Double) {
        let a = Fixtures.architecture(dropout: dropout, mode: mode)
        let parameters = Fixtures.randomParameters(a, seed: 3)
        let rows = 7
        let (engine, batch) = run(a, parameters: parameters, rows: rows, seed: 11, missing: [2, 7, 10])
        let keep = keepFactors(engine, rows: rows)
        if dropout > 0 {
            let factors = keep!.flatMap { $0.flatMap { $0 } }
            #expect(factors.contains(0), "the fixed mask must drop some units")
            #expect(factors.contains { abs($0 - 1 / (1 - dropout)) < 1e-6 }, "kept units are scaled by 1/(1-p)")
        }
        let reference = ReferenceNetwork(a)
        let p = parameters.map(Double.init)
        let outputs = reference.outputs(p, x: batch.x, lambdaInputs: batch.lambdaInputs, keep: keep)
        for i in 0..<rows {
            for t in 0..<a.tasks.count {
                #expect(abs(Double(engine.outputs[i * a.tasks.count + t]) - outputs[i][t]) < 1e-4 * max(1, abs(outputs[i][t])))
            }
        }
        let numerical = reference.numericalGradient(p) {
            reference.objective($0, x: batch.x, labels: batch.labels, lambdas: batch.lambdas, lambdaInputs: batch.lambdaInputs, keep: keep)
        }
        let analytic = (0..<parameters.count).map { Double(engine.gradients[$0]) }
        var worst = 0.0
        for i in parameters.indices {
            worst = max(worst, abs(analytic[i] - numerical[i]) / (1e-3 + abs(numerical[i])))
        }
        #expect(worst < 2e-3, "largest relative gradient error \(worst)")
        #expect(numerical.contains { abs($0) > 1e-3 }, "the check must exercise non-zero gradients")
        if mode != nil {
            let l = engine.layout
            let filmGradient = (l.filmWeights..<(l.filmWeights + l.conditioningUnits * l.filmWidth)).map { analytic[$0] }
            #expect(filmGradient.contains { abs($0) > 1e-4 }, "the conditioning network receives gradient")
        }
    }

    @Test("a masked label has no effect: the gradient splits into per-task parts without that row", arguments: [Conditioning.Mode?.none, .perUnit])
    func maskedLabelsHaveNoEffect(mode: Conditioning.Mode?) {
        let a = Fixtures.architecture(mode: mode)
        let parameters = Fixtures.randomParameters(a, seed: 4)
        let rows = 6
        let x = Fixtures.gaussianFeatures(rows: rows, columns: a.inputs, seed: 21)
        var g = SeededGenerator(seed: 8)
        let labels: [[Double]] = (0..<rows).map { _ in [g.nextNormal(), g.nextDouble() < 0.5 ? 0 : 1] }
        // Full batch, row 2's regression label masked.
        var masked = labels
        masked[2][0] = .nan
        let full = run(a, parameters: parameters, rows: rows, seed: 21, labelsOverride: masked, features: x).0
        // Regression part: the batch without row 2, classification labels all masked.
        let keepRows = [0, 1, 3, 4, 5]
        let regressionOnly = keepRows.map { [labels[$0][0], Double.nan] }
        let xWithout = x.selecting(rows: keepRows)
        // The same per-row λ for the kept rows: draw λ for all rows, then use the kept rows' values.
        let partA = runWithLambdas(a, parameters: parameters, x: xWithout, labels: regressionOnly, from: full, rows: keepRows)
        // Classification part: all rows, regression labels all masked.
        let classificationOnly = labels.map { [Double.nan, $0[1]] }
        let partB = runWithLambdas(a, parameters: parameters, x: x, labels: classificationOnly, from: full, rows: Array(0..<rows))
        for i in 0..<engineCount(full) {
            let sum = Double(partA.gradients[i]) + Double(partB.gradients[i])
            #expect(abs(Double(full.gradients[i]) - sum) <= 1e-5 * max(1, abs(sum)), "parameter \(i)")
        }
    }

    private func engineCount(_ e: NetworkEngine) -> Int { e.layout.count }

    /// Forward/backward on `x` with the per-row λ of `from` at `rows`.
    private func runWithLambdas(_ a: NetworkArchitecture, parameters: [Float], x: FeatureMatrix, labels: [[Double]],
                                from: NetworkEngine, rows: [Int]) -> NetworkEngine {
        let t = a.tasks.count
        let engine = NetworkEngine(architecture: a, capacity: x.rows, training: true)
        engine.loadParameters(parameters)
        for (r, source) in rows.enumerated() {
            for k in 0..<t {
                engine.lambdas[r * t + k] = from.lambdas[source * t + k]
                engine.lambdaInputs[r * t + k] = from.lambdaInputs[source * t + k]
                engine.labels[r * t + k] = Float(labels[r][k])
            }
            for j in 0..<a.inputs { engine.inputBatch[r * a.inputs + j] = x.values[r * a.inputs + j] }
        }
        engine.forward(input: engine.inputBatch, rows: x.rows, training: false, sharedLambda: false)
        _ = engine.loss(rows: x.rows, withGradient: true)
        engine.backward(input: engine.inputBatch, rows: x.rows, training: false)
        return engine
    }

    @Test("a shared λ gives the same outputs as the same λ on every row")
    func sharedLambdaEqualsPerRow() {
        let a = Fixtures.architecture(mode: .perUnit)
        let parameters = Fixtures.randomParameters(a, seed: 6)
        let x = Fixtures.gaussianFeatures(rows: 5, columns: a.inputs, seed: 2)
        let shared = NetworkEngine(architecture: a, capacity: 5, training: false)
        let perRow = NetworkEngine(architecture: a, capacity: 5, training: false)
        shared.loadParameters(parameters)
        perRow.loadParameters(parameters)
        shared.setLambdas([1.5, 0.75], rows: 1)
        perRow.setLambdas([1.5, 0.75], rows: 5)
        x.values.withUnsafeBufferPointer { xp in
            shared.forward(input: xp.baseAddress!, rows: 5, training: false, sharedLambda: true)
            perRow.forward(input: xp.baseAddress!, rows: 5, training: false, sharedLambda: false)
        }
        for k in 0..<10 { #expect(shared.outputs[k] == perRow.outputs[k]) }
    }

    @Test("dropout drops about a fraction p of units, drawn from the seed")
    func dropoutRate() {
        let a = Fixtures.architecture(hidden: [64, 64], dropout: 0.25)
        let engine = NetworkEngine(architecture: a, capacity: 200, training: true)
        engine.loadParameters(Fixtures.randomParameters(a, seed: 1))
        let x = Fixtures.gaussianFeatures(rows: 200, columns: a.inputs, seed: 1)
        engine.dropoutGenerator = SeededGenerator(seed: 3, purpose: "dropout")
        x.values.withUnsafeBufferPointer { engine.forward(input: $0.baseAddress!, rows: 200, training: true, sharedLambda: false) }
        let n = 200 * 128
        let dropped = (0..<n).filter { engine.keep[$0 < 200 * 64 ? $0 : engine.keepOffsets[1] + $0 - 200 * 64] == 0 }.count
        let rate = Double(dropped) / Double(n)
        #expect(abs(rate - 0.25) < 4 * (0.25 * 0.75 / Double(n)).squareRoot())
    }
}

@Suite("BLAS: row-major products")
struct BLASTests {
    @Test("gemm equals the naive triple loop for every transposition, with padded strides",
          arguments: [(false, false), (true, false), (false, true), (true, true)])
    func gemmMatchesNaive(transA: Bool, transB: Bool) {
        let m = 5, n = 7, k = 4
        var g = SeededGenerator(seed: 12)
        // Stored shapes: A is m×k (or k×m), B is k×n (or n×k); strides padded by 2.
        let (aRows, aCols) = transA ? (k, m) : (m, k)
        let (bRows, bCols) = transB ? (n, k) : (k, n)
        let lda = aCols + 2, ldb = bCols + 2, ldc = n + 2
        let a = (0..<(aRows * lda)).map { _ in Float(g.nextNormal()) }
        let b = (0..<(bRows * ldb)).map { _ in Float(g.nextNormal()) }
        var c = [Float](repeating: 1, count: m * ldc)
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                c.withUnsafeMutableBufferPointer { cp in
                    BLAS.gemm(transA: transA, transB: transB, m: m, n: n, k: k, a: ap.baseAddress!, lda: lda,
                              b: bp.baseAddress!, ldb: ldb, beta: 0.5, c: cp.baseAddress!, ldc: ldc)
                }
            }
        }
        for i in 0..<m {
            for j in 0..<n {
                var s = 0.5 // beta · C with C = 1
                for p in 0..<k {
                    let av = transA ? a[p * lda + i] : a[i * lda + p]
                    let bv = transB ? b[j * ldb + p] : b[p * ldb + j]
                    s += Double(av) * Double(bv)
                }
                #expect(abs(Double(c[i * ldc + j]) - s) < 1e-5)
            }
        }
    }
}
