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
/// 1/√x (starting from the usual bit-level estimate), in 16-lane vectors: within 2 ulp of the IEEE
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
        m = .allocate(capacity: count)
        m.initialize(repeating: 0, count: count)
        v = .allocate(capacity: count)
        v.initialize(repeating: 0, count: count)
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
    func update(parameters: UnsafeMutablePointer<Float>, gradients: UnsafePointer<Float>, range: Range<Int>) {
        let k = Double(step)
        let c1 = Float(Double(learningRate) / (1 - pow(Double(beta1), k)))
        let c2 = Float(1 / (1 - pow(Double(beta2), k)))
        let b1 = beta1, b2 = beta2, a1 = 1 - beta1, a2 = 1 - beta2, eps = epsilon
        if weightDecay > 0 {
            let shrink = 1 - learningRate * weightDecay
            for i in range.clamped(to: 0..<decayedCount) { parameters[i] *= shrink }
        }
        let b1v = FloatVector(repeating: b1), b2v = FloatVector(repeating: b2)
        let a1v = FloatVector(repeating: a1), a2v = FloatVector(repeating: a2)
        let c1v = FloatVector(repeating: c1), c2v = FloatVector(repeating: c2), epsv = FloatVector(repeating: eps)
        let vectorEnd = range.lowerBound + ((range.upperBound - range.lowerBound) & ~15)
        var i = range.lowerBound
        while i < vectorEnd {
            let gi = loadVector(gradients + i)
            let mi = b1v * loadVector(m + i) + a1v * gi
            let vi = b2v * loadVector(v + i) + a2v * (gi * gi)
            storeVector(mi, m + i)
            storeVector(vi, v + i)
            storeVector(loadVector(parameters + i) - c1v * mi / (Self.squareRoot(vi * c2v) + epsv), parameters + i)
            i += 16
        }
        while i < range.upperBound {
            let gi = gradients[i]
            let mi = b1 * m[i] + a1 * gi
            let vi = b2 * v[i] + a2 * (gi * gi)
            m[i] = mi
            v[i] = vi
            parameters[i] -= c1 * mi / (Self.squareRoot(vi * c2) + eps)
            i += 1
        }
    }

    /// √x for x ≥ 0 by Newton–Raphson on 1/√x (see the type's documentation), 16 lanes.
    @inline(__always)
    static func squareRoot(_ x: FloatVector) -> FloatVector {
        let bits = unsafeBitCast(x, to: SIMD16<UInt32>.self)
        var r = unsafeBitCast(SIMD16<UInt32>(repeating: 0x5F37_59DF) &- (bits &>> SIMD16<UInt32>(repeating: 1)), to: FloatVector.self)
        let half = x * FloatVector(repeating: 0.5)
        let threeHalves = FloatVector(repeating: 1.5)
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
