import FairSupport
import Foundation
import Testing
@testable import FairNet

@Suite("LossKernels: masked, λ-weighted MSE and BCE-with-logits")
struct LossKernelsTests {
    struct Result {
        let objective: Double
        let gradient: [Float]
        let sums: [Double]
        let weighted: [Double]
        let counts: [Int]
    }

    static func evaluate(outputs: [Float], labels: [Float], weights: [Float], rows: Int, binary: [Bool]) -> Result {
        let t = binary.count
        var gradient = [Float](repeating: .nan, count: rows * t)
        var sums = [Double](repeating: 0, count: t)
        var weighted = [Double](repeating: 0, count: t)
        var counts = [Int](repeating: 0, count: t)
        let objective = binary.withUnsafeBufferPointer { b in
            LossKernels.evaluate(outputs: outputs, labels: labels, weights: weights, rows: rows, tasks: t,
                                 binary: UnsafeMutablePointer(mutating: b.baseAddress!), gradient: &gradient,
                                 lossSums: &sums, weightedSums: &weighted, counts: &counts)
        }
        return Result(objective: objective, gradient: gradient, sums: sums, weighted: weighted, counts: counts)
    }

    static let rows = 6
    static let binary = [false, true]
    static let outputs: [Float] = [0.3, -1.2, 1.1, 2.5, -0.4, 0.7, 0.9, -3.0, -2.2, 0.1, 1.7, 4.0]
    static let labels: [Float] = [0.5, 1, .nan, 0, -0.3, .nan, 1.4, 1, 0.0, 0, .nan, 1]
    static let weights: [Float] = [1.5, 0.5, 2, 1, 0.25, 3, 1, 1, 4, 0.5, 2, 2]

    @Test("the objective is Σ_t (1/n_t) Σ_present λ ℓ, by brute force")
    func objectiveDefinition() {
        let r = Self.evaluate(outputs: Self.outputs, labels: Self.labels, weights: Self.weights, rows: Self.rows, binary: Self.binary)
        var expected = 0.0
        for t in 0..<2 {
            var n = 0.0, s = 0.0
            for i in 0..<Self.rows where !Self.labels[i * 2 + t].isNaN {
                let o = Double(Self.outputs[i * 2 + t]), y = Double(Self.labels[i * 2 + t])
                let loss = t == 0 ? (o - y) * (o - y) : -(y * log(1 / (1 + exp(-o))) + (1 - y) * log(1 - 1 / (1 + exp(-o))))
                s += Double(Self.weights[i * 2 + t]) * loss
                n += 1
            }
            expected += s / n
        }
        #expect(abs(r.objective - expected) < 1e-12)
        #expect(r.counts == [4, 5])
    }

    @Test("the gradient equals finite differences of the objective, and is 0 at missing labels")
    func gradientCheck() {
        let r = Self.evaluate(outputs: Self.outputs, labels: Self.labels, weights: Self.weights, rows: Self.rows, binary: Self.binary)
        let h: Float = 1.0 / 1024
        for k in 0..<Self.outputs.count {
            var up = Self.outputs, down = Self.outputs
            up[k] += h
            down[k] -= h
            let fd = (Self.evaluate(outputs: up, labels: Self.labels, weights: Self.weights, rows: Self.rows, binary: Self.binary).objective
                      - Self.evaluate(outputs: down, labels: Self.labels, weights: Self.weights, rows: Self.rows, binary: Self.binary).objective) / (2 * Double(h))
            #expect(abs(fd - Double(r.gradient[k])) < 1e-5 * max(1, abs(fd)), "output \(k)")
            if Self.labels[k].isNaN { #expect(r.gradient[k] == 0) }
        }
    }

    @Test("the output at a missing label has no effect on the objective")
    func missingOutputsIgnored() {
        var changed = Self.outputs
        for k in changed.indices where Self.labels[k].isNaN { changed[k] = 1e30 }
        let a = Self.evaluate(outputs: Self.outputs, labels: Self.labels, weights: Self.weights, rows: Self.rows, binary: Self.binary)
        let b = Self.evaluate(outputs: changed, labels: Self.labels, weights: Self.weights, rows: Self.rows, binary: Self.binary)
        #expect(a.objective == b.objective)
        #expect(a.gradient == b.gradient)
    }

    @Test("BCE on logits is finite and exact at extreme logits", arguments: [Float(-200), -40, 40, 200])
    func stableCrossEntropy(logit: Float) {
        for y: Float in [0, 1] {
            let r = Self.evaluate(outputs: [logit], labels: [y], weights: [1], rows: 1, binary: [true])
            // Exact: ℓ = log(1 + e^{-z}) for y = 1, log(1 + e^{z}) for y = 0, i.e. softplus(∓z).
            let z = Double(logit) * (y == 1 ? -1 : 1)
            let expected = max(z, 0) + log1p(exp(-abs(z)))
            #expect(r.objective.isFinite)
            #expect(abs(r.objective - expected) <= 1e-12 * max(1, expected))
            let slope = Double(r.gradient[0])
            #expect(slope.isFinite && abs(slope - (LossKernels.sigmoid(Double(logit)) - Double(y))) < 1e-7)
        }
    }

    @Test("a task with no label in the batch contributes nothing")
    func emptyTask() {
        let r = Self.evaluate(outputs: [1, 2, 3, 4], labels: [0.5, .nan, 0.5, .nan], weights: [1, 1, 1, 1], rows: 2, binary: [false, true])
        #expect(r.counts == [2, 0])
        #expect(r.gradient[1] == 0 && r.gradient[3] == 0)
        #expect(abs(r.objective - (0.25 + 6.25) / 2) < 1e-12)
    }
}
