import Foundation
@testable import FairNet

/// An independent Double-precision implementation of a network's batch objective, written from the
/// definitions (plain loops, no BLAS, no fused kernels), used as the oracle of gradient checks.
struct ReferenceNetwork {
    let architecture: NetworkArchitecture
    let layout: ParameterLayout

    init(_ a: NetworkArchitecture) {
        architecture = a
        layout = ParameterLayout(a)
    }

    /// Head outputs for each row.
    /// - Parameters:
    ///   - lambdaInputs: per row, the conditioning inputs (ignored when unconditioned).
    ///   - keep: per layer, per row, per unit dropout factors (nil: no dropout).
    func outputs(_ p: [Double], x: [[Double]], lambdaInputs: [[Double]], keep: [[[Double]]]?) -> [[Double]] {
        let l = layout
        let t = l.taskCount
        return x.indices.map { i in
            var film: [Double] = []
            if l.conditioned {
                let c = l.conditioningUnits
                var u = [Double](repeating: 0, count: c)
                for k in 0..<c {
                    var s = p[l.conditionBiases + k]
                    for j in 0..<t { s += lambdaInputs[i][j] * p[l.conditionWeights + j * c + k] }
                    u[k] = max(s, 0)
                }
                film = (0..<l.filmWidth).map { k in
                    var s = p[l.filmBiases + k]
                    for j in 0..<c { s += u[j] * p[l.filmWeights + j * l.filmWidth + k] }
                    return s
                }
            }
            var h = x[i]
            for (layer, w) in l.widths.enumerated() {
                let fanIn = h.count
                var next = [Double](repeating: 0, count: w)
                for k in 0..<w {
                    var z = p[l.trunkBiases[layer] + k]
                    for j in 0..<fanIn { z += h[j] * p[l.trunkWeights[layer] + j * w + k] }
                    var a = max(z, 0)
                    if let keep { a *= keep[layer][i][k] }
                    if l.conditioned {
                        let o = l.filmOffsets[layer]
                        let (gamma, beta) = l.perUnit ? (film[o + k], film[o + w + k]) : (film[o], film[o + 1])
                        a = gamma * a + beta
                    }
                    next[k] = a
                }
                h = next
            }
            return (0..<t).map { task in
                var s = p[l.headBiases + task]
                for j in 0..<h.count { s += h[j] * p[l.headWeights + j * t + task] }
                return s
            }
        }
    }

    /// J = Σ_t (1/n_t) Σ_{i: y_it present} λ_it ℓ_t(o_it, y_it).
    func objective(_ p: [Double], x: [[Double]], labels: [[Double]], lambdas: [[Double]], lambdaInputs: [[Double]], keep: [[[Double]]]?) -> Double {
        let o = outputs(p, x: x, lambdaInputs: lambdaInputs, keep: keep)
        var total = 0.0
        for (t, task) in architecture.tasks.enumerated() {
            var n = 0
            var s = 0.0
            for i in x.indices where !labels[i][t].isNaN {
                n += 1
                let y = labels[i][t], z = o[i][t]
                let loss = task.kind == .regression ? (z - y) * (z - y) : -(y * log(1 / (1 + exp(-z))) + (1 - y) * log(1 - 1 / (1 + exp(-z))))
                s += lambdas[i][t] * loss
            }
            if n > 0 { total += s / Double(n) }
        }
        return total
    }

    /// Central finite differences of `objective` with step `h` in every parameter.
    func numericalGradient(_ p: [Double], h: Double = 1e-6, _ f: ([Double]) -> Double) -> [Double] {
        var q = p
        return p.indices.map { i in
            q[i] = p[i] + h
            let up = f(q)
            q[i] = p[i] - h
            let down = f(q)
            q[i] = p[i]
            return (up - down) / (2 * h)
        }
    }
}
