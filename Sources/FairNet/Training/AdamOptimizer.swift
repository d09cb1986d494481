/// Adam (Kingma & Ba, 2015) with optional decoupled weight decay (AdamW, Loshchilov & Hutter, 2019),
/// as one fused loop over the flat parameter buffer.
///
/// ## Mathematical properties
/// At step k ≥ 1, with gradient g: m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g²,
/// θ ← θ − η·(m / (1 − β₁ᵏ)) / (√(v / (1 − β₂ᵏ)) + ε), the bias-corrected update of the paper
/// (PyTorch's `Adam` and optax's `adam` use the same formula). With weight decay λ_wd > 0, weights
/// (not biases) are first shrunk: θ ← θ·(1 − η·λ_wd) (PyTorch's `AdamW` order). A zero gradient
/// leaves m = v = 0 and θ unchanged, bit for bit.
///
/// The square root √(v/(1 − β₂ᵏ)) is computed as x·r with r from three Newton–Raphson steps on
/// 1/√x (starting from the usual bit-level estimate), in 4-lane vectors: within 2 ulp of the IEEE
/// square root for normal x, exactly 0 for x = 0, and less accurate only for subnormal x < 2⁻¹²⁶,
/// where ε dominates the denominator. (Swift's `squareRoot()` keeps C's errno semantics on Linux and
/// does not vectorise; the exact root made Adam 13 % of a training step.)
///
/// `update(parameters:gradients:range:)` for disjoint ranges of one step may run on different threads
/// (they touch disjoint entries of θ, m and v); `beginStep()` must not overlap them. Hence
/// `@unchecked Sendable`.
final class AdamOptimizer: @unchecked Sendable {
    let count: Int
    let decayedCount: Int
    let learningRate: Float
    let beta1: Float
    let beta2: Float
    let epsilon: Float
    let weightDecay: Float
    private(set) var step = 0
    private let m: UnsafeMutablePointer<Float>
    private let v: UnsafeMutablePointer<Float>

    init(count: Int, decayedCount: Int, learningRate: Double, beta1: Double, beta2: Double, epsilon: Double, weightDecay: Double) {
        self.count = count
        self.decayedCount = decayedCount
        self.learningRate = Float(learningRate)
        self.beta1 = Float(beta1)
        self.beta2 = Float(beta2)
        self.epsilon = Float(epsilon)
        self.weightDecay = Float(weightDecay)
        m = .zeroed(count)
        v = .zeroed(count)
    }

    deinit {
        m.deallocate()
        v.deallocate()
    }

    /// Applies one update to `parameters` from `gradients` (both `count` values).
    func update(parameters: UnsafeMutablePointer<Float>, gradients: UnsafePointer<Float>) {
        beginStep()
        update(parameters: parameters, gradients: gradients, range: 0..<count)
    }

    /// Advances the step counter k (call once per step, before `update(parameters:gradients:range:)`).
    func beginStep() { step += 1 }

    /// Updates the parameters in `range` (ranges of one step may run on different threads).
    /// - Parameter addend: a second gradient buffer; the gradient is then `gradients[i] + addend[i]`
    ///   (one Float addition, the same value a separate summing pass would give), and that sum is also
    ///   written back into `gradients` (which must then be mutable; see `update(parameters:summing:plus:range:)`).
    func update(parameters: UnsafeMutablePointer<Float>, gradients: UnsafePointer<Float>, range: Range<Int>) {
        update(parameters: parameters, gradients: UnsafeMutablePointer(mutating: gradients), addend: nil, range: range)
    }

    /// Like `update(parameters:gradients:range:)` with the gradient `gradients[i] + addend[i]`, which is
    /// stored back into `gradients[i]` (a shard reduction fused with the update).
    func update(parameters: UnsafeMutablePointer<Float>, summing gradients: UnsafeMutablePointer<Float>,
                plus addend: UnsafePointer<Float>, range: Range<Int>) {
        update(parameters: parameters, gradients: gradients, addend: addend, range: range)
    }

    private func update(parameters: UnsafeMutablePointer<Float>, gradients: UnsafeMutablePointer<Float>,
                        addend: UnsafePointer<Float>?, range: Range<Int>) {
        let k = Double(step)
        let c1 = Float(Double(learningRate) / (1 - pow(Double(beta1), k)))
        let c2 = Float(1 / (1 - pow(Double(beta2), k)))
        if weightDecay > 0 {
            let shrink = 1 - learningRate * weightDecay
            for i in range.clamped(to: 0..<decayedCount) { parameters[i] *= shrink }
        }
        // 4 lanes at a time: with the baseline x86-64 target (SSE) one vector is one register, so the
        // constants and temporaries stay in registers (16-lane vectors spilled them).
        let constants = Constants(b1: beta1, b2: beta2, c1: c1, c2: c2, eps: epsilon)
        let m = self.m, v = self.v
        let vectorEnd = range.lowerBound + ((range.upperBound - range.lowerBound) & ~3)
        var i = range.lowerBound
        if let addend {
            while i < vectorEnd {
                let gi = loadVector4(gradients + i) + loadVector4(addend + i)
                storeVector4(gi, gradients + i)
                Self.step4(i, gi, parameters, m, v, constants)
                i += 4
            }
        } else {
            while i < vectorEnd {
                Self.step4(i, loadVector4(gradients + i), parameters, m, v, constants)
                i += 4
            }
        }
        let b1 = beta1, b2 = beta2, a1 = 1 - beta1, a2 = 1 - beta2, eps = epsilon
        while i < range.upperBound {
            var gi = gradients[i]
            if let addend {
                gi += addend[i]
                gradients[i] = gi
            }
            let mi = b1 * m[i] + a1 * gi
            let vi = b2 * v[i] + a2 * (gi * gi)
            m[i] = mi
            v[i] = vi
            parameters[i] -= c1 * mi / (Self.squareRoot(vi * c2) + eps)
            i += 1
        }
    }

    /// The step's constants as 4-lane vectors.
    private struct Constants {
        let b1, b2, a1, a2, c1, c2, eps: SIMD4<Float>
        init(b1: Float, b2: Float, c1: Float, c2: Float, eps: Float) {
            self.b1 = .init(repeating: b1)
            self.b2 = .init(repeating: b2)
            a1 = .init(repeating: 1 - b1)
            a2 = .init(repeating: 1 - b2)
            self.c1 = .init(repeating: c1)
            self.c2 = .init(repeating: c2)
            self.eps = .init(repeating: eps)
        }
    }

    /// The update of values `i ..< i + 4` with gradient `gi` (the scalar tail's arithmetic, lane-wise).
    @inline(__always)
    private static func step4(_ i: Int, _ gi: SIMD4<Float>, _ parameters: UnsafeMutablePointer<Float>,
                              _ m: UnsafeMutablePointer<Float>, _ v: UnsafeMutablePointer<Float>, _ k: Constants) {
        let mi = k.b1 * loadVector4(m + i) + k.a1 * gi
        let vi = k.b2 * loadVector4(v + i) + k.a2 * (gi * gi)
        storeVector4(mi, m + i)
        storeVector4(vi, v + i)
        storeVector4(loadVector4(parameters + i) - k.c1 * mi / (squareRoot(vi * k.c2) + k.eps), parameters + i)
    }

    /// √x for x ≥ 0 by Newton–Raphson on 1/√x (see the type's documentation), 4 lanes.
    @inline(__always)
    static func squareRoot(_ x: SIMD4<Float>) -> SIMD4<Float> {
        let bits = unsafeBitCast(x, to: SIMD4<UInt32>.self)
        var r = unsafeBitCast(SIMD4<UInt32>(repeating: 0x5F37_59DF) &- (bits &>> SIMD4<UInt32>(repeating: 1)), to: SIMD4<Float>.self)
        let half = x * SIMD4<Float>(repeating: 0.5)
        let threeHalves = SIMD4<Float>(repeating: 1.5)
        r = r * (threeHalves - half * r * r)
        r = r * (threeHalves - half * r * r)
        r = r * (threeHalves - half * r * r)
        return x * r
    }

    /// The same arithmetic on one value (so every lane and every tail value agree).
    @inline(__always)
    static func squareRoot(_ x: Float) -> Float {
        var r = Float(bitPattern: 0x5F37_59DF &- (x.bitPattern >> 1))
        let half = x * 0.5
        r = r * (1.5 - half * r * r)
        r = r * (1.5 - half * r * r)
        r = r * (1.5 - half * r * r)
        return x * r
    }
}

import Foundation
