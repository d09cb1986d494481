import FairSupport
import Foundation
import Testing
@testable import FairNet

@Suite("AdamOptimizer")
struct AdamOptimizerTests {
    @Test("updates follow the bias-corrected Adam formula (Double reference), with decoupled decay on weights only",
          arguments: [0.0, 0.1])
    func matchesReference(weightDecay: Double) {
        let count = 37, decayed = 20 // crosses the 4-lane body and the tail
        let adam = AdamOptimizer(count: count, decayedCount: decayed, learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: weightDecay)
        var g = SeededGenerator(seed: 1)
        var parameters = (0..<count).map { _ in Float(g.nextNormal()) }
        var reference = parameters.map(Double.init)
        var m = [Double](repeating: 0, count: count), v = m
        for step in 1...5 {
            let gradient = (0..<count).map { _ in Float(g.nextNormal()) }
            parameters.withUnsafeMutableBufferPointer { p in
                gradient.withUnsafeBufferPointer { adam.update(parameters: p.baseAddress!, gradients: $0.baseAddress!) }
            }
            for i in 0..<count {
                if i < decayed { reference[i] *= 1 - 0.01 * weightDecay }
                let gi = Double(gradient[i])
                m[i] = 0.9 * m[i] + 0.1 * gi
                v[i] = 0.999 * v[i] + 0.001 * gi * gi
                let mHat = m[i] / (1 - pow(0.9, Double(step))), vHat = v[i] / (1 - pow(0.999, Double(step)))
                reference[i] -= 0.01 * mHat / (vHat.squareRoot() + 1e-8)
            }
        }
        for i in 0..<count { #expect(abs(Double(parameters[i]) - reference[i]) < 1e-5, "parameter \(i)") }
        #expect(adam.step == 5)
    }

    @Test("the vectorised square root is within 2 ulp of the IEEE root and 0 at 0; lanes equal the scalar form")
    func squareRoot() {
        var g = SeededGenerator(seed: 2)
        for exponent in -37...37 {
            let x = SIMD4<Float>((0..<4).map { _ in Float((1 + 3 * g.nextDouble()) * pow(10, Double(exponent))) })
            let root = AdamOptimizer.squareRoot(x)
            for lane in 0..<4 {
                let exact = x[lane].squareRoot()
                #expect(abs(root[lane] - exact) <= 2 * exact.ulp, "\(x[lane])")
                #expect(root[lane] == AdamOptimizer.squareRoot(x[lane]))
            }
        }
        #expect(AdamOptimizer.squareRoot(SIMD4<Float>(repeating: 0)) == SIMD4<Float>(repeating: 0))
        #expect(AdamOptimizer.squareRoot(Float(0)) == 0)
    }

    @Test("a zero gradient leaves parameters bit-identical")
    func zeroGradient() {
        let adam = AdamOptimizer(count: 20, decayedCount: 0, learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0)
        var parameters = (0..<20).map { Float($0) * 0.37 - 2 }
        let before = parameters
        let zero = [Float](repeating: 0, count: 20)
        for _ in 0..<3 {
            parameters.withUnsafeMutableBufferPointer { p in zero.withUnsafeBufferPointer { adam.update(parameters: p.baseAddress!, gradients: $0.baseAddress!) } }
        }
        #expect(parameters.map(\.bitPattern) == before.map(\.bitPattern))
    }
}

@Suite("Initialization")
struct InitializationTests {
    @Test("He and Xavier scales, zero FiLM output layer, γ biases 1, from the seed")
    func scales() throws {
        let a = try NetworkArchitecture(inputs: 200, hidden: [300, 100], tasks: [.regression("a"), .binary("b")],
                                        conditioning: Conditioning(mode: .perUnit, hiddenUnits: 10, ranges: [LambdaRange(0, 1), LambdaRange(0, 1)]))
        let l = ParameterLayout(a)
        let p = Initialization.parameters(for: a, seed: 5)
        func std(_ r: Range<Int>) -> Double {
            let xs = r.map { Double(p[$0]) }
            let mean = xs.reduce(0, +) / Double(xs.count)
            return (xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(xs.count)).squareRoot()
        }
        #expect(abs(std(l.trunkWeights[0]..<(l.trunkWeights[0] + 200 * 300)) / (2.0 / 200).squareRoot() - 1) < 0.02)
        #expect(abs(std(l.trunkWeights[1]..<(l.trunkWeights[1] + 300 * 100)) / (2.0 / 300).squareRoot() - 1) < 0.03)
        #expect(abs(std(l.headWeights..<(l.headWeights + 200)) / (2.0 / 101).squareRoot() - 1) < 0.2)
        #expect((l.filmWeights..<(l.filmWeights + 10 * l.filmWidth)).allSatisfy { p[$0] == 0 })
        #expect((l.trunkBiases[0]..<l.conditionBiases).allSatisfy { p[$0] == 0 })
        // γ biases are 1, β biases 0, layer by layer.
        #expect((0..<300).allSatisfy { p[l.filmBiases + $0] == 1 && p[l.filmBiases + 300 + $0] == 0 })
        #expect((0..<100).allSatisfy { p[l.filmBiases + 600 + $0] == 1 && p[l.filmBiases + 700 + $0] == 0 })
        #expect(Initialization.parameters(for: a, seed: 5) == p)
        #expect(Initialization.parameters(for: a, seed: 6) != p)
    }

    @Test("the fused shard sum (gradients + addend, written back) equals summing first, bit for bit, over split ranges")
    func fusedSum() {
        let count = 45
        var g = SeededGenerator(seed: 3)
        let start = (0..<count).map { _ in Float(g.nextNormal()) }
        let first = AdamOptimizer(count: count, decayedCount: 30, learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.1)
        let second = AdamOptimizer(count: count, decayedCount: 30, learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.1)
        var separate = start, fused = start
        for _ in 1...4 {
            let a = (0..<count).map { _ in Float(g.nextNormal()) }
            let b = (0..<count).map { _ in Float(g.nextNormal()) }
            let sum = zip(a, b).map { $0 + $1 }
            separate.withUnsafeMutableBufferPointer { p in sum.withUnsafeBufferPointer { first.update(parameters: p.baseAddress!, gradients: $0.baseAddress!) } }
            var summed = a
            second.beginStep()
            fused.withUnsafeMutableBufferPointer { p in
                summed.withUnsafeMutableBufferPointer { s in
                    b.withUnsafeBufferPointer { bp in
                        for range in [0..<13, 13..<32, 32..<count] {
                            second.update(parameters: p.baseAddress!, summing: s.baseAddress!, plus: bp.baseAddress!, range: range)
                        }
                    }
                }
            }
            #expect(summed.map(\.bitPattern) == sum.map(\.bitPattern))
            #expect(fused.map(\.bitPattern) == separate.map(\.bitPattern))
        }
    }
}
