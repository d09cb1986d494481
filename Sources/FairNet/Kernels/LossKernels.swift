import Foundation

/// The multi-task loss of a mini-batch and its gradient with respect to the head outputs.
///
/// ## Mathematical properties
/// For task t with outputs o_{i,t}, labels y_{i,t} (NaN = missing) and per-row weights λ_{i,t}, let
/// P_t be the rows whose label is present and n_t = |P_t|. The batch objective is
///
///     J = Σ_t (1/n_t) Σ_{i ∈ P_t} λ_{i,t} ℓ_t(o_{i,t}, y_{i,t}),
///
/// i.e. each task's λ-weighted losses averaged over the rows where that task has a label (a task with
/// n_t = 0 in the batch contributes 0). With one λ for every row this is Σ_t λ_t · mean_{P_t} ℓ_t, the
/// paper's Σ λ_t L_t with one mean reduction for every task (not the reference code's sum/mean mix).
/// With YOTO, λ_{i,t} is drawn per row, so J is the per-task mean of λ-weighted row losses.
///
/// - Squared error: ℓ = (o − y)², ∂ℓ/∂o = 2(o − y).
/// - Binary cross-entropy on the logit: ℓ = max(o, 0) − o·y + log(1 + e^{−|o|}) (never overflows),
///   ∂ℓ/∂o = sigmoid(o) − y, with sigmoid evaluated on the side that cannot overflow.
///
/// Losses are evaluated in Double from the Float32 outputs; gradients are rounded to Float32.
enum LossKernels {
    /// Adds each task's loss sum, λ-weighted loss sum and present-label count into `lossSums`,
    /// `weightedSums`, `counts` (length T), writes ∂J/∂o into `gradient` when given, and returns J.
    /// - Parameter batchCounts: n_t of the whole batch when these rows are one shard of it (so the
    ///   shards' gradients and objectives add up to the batch's); nil to count these rows.
    static func evaluate(outputs: UnsafePointer<Float>, labels: UnsafePointer<Float>, weights: UnsafePointer<Float>,
                         rows: Int, tasks: Int, binary: UnsafePointer<Bool>,
                         gradient: UnsafeMutablePointer<Float>?,
                         lossSums: UnsafeMutablePointer<Double>, weightedSums: UnsafeMutablePointer<Double>,
                         counts: UnsafeMutablePointer<Int>, batchCounts: UnsafePointer<Int>? = nil) -> Double {
        var objective = 0.0
        for t in 0..<tasks {
            var n = 0
            for i in 0..<rows where !labels[i * tasks + t].isNaN { n += 1 }
            let normalizer = batchCounts?[t] ?? n
            let inverse = normalizer > 0 ? 1.0 / Double(normalizer) : 0
            var weighted = 0.0, plain = 0.0
            let isBinary = binary[t]
            for i in 0..<rows {
                let k = i * tasks + t
                let yf = labels[k]
                if yf.isNaN {
                    gradient?[k] = 0
                    continue
                }
                let o = Double(outputs[k]), y = Double(yf), lambda = Double(weights[k])
                let loss: Double, slope: Double
                if isBinary {
                    loss = max(o, 0) - o * y + Foundation.log1p(Foundation.exp(-abs(o)))
                    slope = sigmoid(o) - y
                } else {
                    let r = o - y
                    loss = r * r
                    slope = 2 * r
                }
                plain += loss
                weighted += lambda * loss
                gradient?[k] = Float(lambda * slope * inverse)
            }
            lossSums[t] += plain
            weightedSums[t] += weighted
            counts[t] += n
            objective += weighted * inverse
        }
        return objective
    }

    /// sigmoid(x) = 1/(1 + e^{−x}), computed without overflow for any finite x.
    @inline(__always)
    static func sigmoid(_ x: Double) -> Double {
        if x >= 0 { return 1 / (1 + Foundation.exp(-x)) }
        let e = Foundation.exp(x)
        return e / (1 + e)
    }
}
