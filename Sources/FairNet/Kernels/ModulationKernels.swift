/// The fused element-wise part of a hidden layer: bias, ReLU, dropout and FiLM modulation, and its
/// backward pass. Operates on row-major `rows × width` blocks through raw pointers (no allocation),
/// 16 lanes at a time.
///
/// Forward, per element: `a = max(z + b, 0) · keep` and `h = γ·a + β`, where `keep` is 0 or
/// 1/(1 − p) (dropout; 1 without it) and γ, β are per unit (`perUnit`) or one pair per row (scalar).
/// Backward, given `dh = ∂L/∂h`: `∂L/∂γ = dh·a` (summed over the row's units when scalar),
/// `∂L/∂β = dh` (likewise), and `∂L/∂z = (dh·γ)·s` where `a > 0`, else 0 (`s` = 1/(1 − p) with dropout,
/// 1 without). `a > 0` exactly when the unit was kept and `z + b > 0`, so the dropout mask need not
/// be stored: a dropped unit and an inactive ReLU both pass no gradient (the ReLU subgradient at 0
/// is taken as 0).
enum ModulationKernels {
    /// FiLM coefficients of one layer: row `i` reads γ at `base + i·rowStride` (β follows γ: after
    /// `width` values when per-unit, after 1 when scalar). `rowStride = 0` shares one λ for all rows.
    struct FiLM {
        let base: UnsafePointer<Float>
        let rowStride: Int
        let perUnit: Bool
    }

    /// In place on `z` (which becomes `a`); writes `h` when `film` is given (`h` may be `z` itself: each
    /// element of `h` is written after its `a` is computed, from that `a` only).
    static func forward(z: UnsafeMutablePointer<Float>, h: UnsafeMutablePointer<Float>?, rows: Int, width w: Int,
                        bias: UnsafePointer<Float>, keep: UnsafePointer<Float>?, film: FiLM?) {
        let vectorEnd = w & ~15
        for i in 0..<rows {
            let zr = z + i * w
            if let keep {
                let kr = keep + i * w
                var j = 0
                while j < vectorEnd {
                    storeVector(relu(loadVector(zr + j) + loadVector(bias + j)) * loadVector(kr + j), zr + j)
                    j += 16
                }
                while j < w { zr[j] = relu(zr[j] + bias[j]) * kr[j]; j += 1 }
            } else {
                var j = 0
                while j < vectorEnd {
                    storeVector(relu(loadVector(zr + j) + loadVector(bias + j)), zr + j)
                    j += 16
                }
                while j < w { zr[j] = relu(zr[j] + bias[j]); j += 1 }
            }
            guard let film, let h else { continue }
            let hr = h + i * w
            let g = film.base + i * film.rowStride
            if film.perUnit {
                let b = g + w
                var j = 0
                while j < vectorEnd {
                    storeVector(loadVector(g + j) * loadVector(zr + j) + loadVector(b + j), hr + j)
                    j += 16
                }
                while j < w { hr[j] = g[j] * zr[j] + b[j]; j += 1 }
            } else {
                let gs = g[0], bs = g[1]
                let gv = FloatVector(repeating: gs), bv = FloatVector(repeating: bs)
                var j = 0
                while j < vectorEnd {
                    storeVector(gv * loadVector(zr + j) + bv, hr + j)
                    j += 16
                }
                while j < w { hr[j] = gs * zr[j] + bs; j += 1 }
            }
        }
    }

    /// In place on `dh` (which becomes `∂L/∂z`); adds `∂L/∂b` (column sums of `∂L/∂z`) into `dBias`;
    /// writes `∂L/∂γ, ∂L/∂β` of each row to `dFilm + i·dFilmStride` (same layout as the coefficients).
    static func backward(dh: UnsafeMutablePointer<Float>, a: UnsafePointer<Float>, rows: Int, width w: Int,
                         scale s: Float, film: FiLM?, dFilm: UnsafeMutablePointer<Float>?, dFilmStride: Int,
                         dBias: UnsafeMutablePointer<Float>) {
        let zero = FloatVector(repeating: 0)
        let sv = FloatVector(repeating: s)
        let vectorEnd = w & ~15
        for i in 0..<rows {
            let gr = dh + i * w
            let ar = a + i * w
            if let film, let dFilm {
                let g = film.base + i * film.rowStride
                let dg = dFilm + i * dFilmStride
                if film.perUnit {
                    let db = dg + w
                    var j = 0
                    while j < vectorEnd {
                        let d = loadVector(gr + j), av = loadVector(ar + j)
                        storeVector(d * av, dg + j)
                        storeVector(d, db + j)
                        let dz = (d * loadVector(g + j) * sv).replacing(with: zero, where: .!(av .> zero))
                        storeVector(dz, gr + j)
                        storeVector(loadVector(dBias + j) + dz, dBias + j)
                        j += 16
                    }
                    while j < w {
                        let d = gr[j], av = ar[j]
                        dg[j] = d * av
                        db[j] = d
                        let dz = av > 0 ? d * g[j] * s : 0
                        gr[j] = dz
                        dBias[j] += dz
                        j += 1
                    }
                } else {
                    var sgv = zero, sbv = zero
                    let gsv = FloatVector(repeating: g[0])
                    var j = 0
                    while j < vectorEnd {
                        let d = loadVector(gr + j), av = loadVector(ar + j)
                        sgv += d * av
                        sbv += d
                        let dz = (d * gsv * sv).replacing(with: zero, where: .!(av .> zero))
                        storeVector(dz, gr + j)
                        storeVector(loadVector(dBias + j) + dz, dBias + j)
                        j += 16
                    }
                    var sg = sgv.sum(), sb = sbv.sum()
                    let gs = g[0]
                    while j < w {
                        let d = gr[j], av = ar[j]
                        sg += d * av
                        sb += d
                        let dz = av > 0 ? d * gs * s : 0
                        gr[j] = dz
                        dBias[j] += dz
                        j += 1
                    }
                    dg[0] = sg
                    dg[1] = sb
                }
            } else {
                var j = 0
                while j < vectorEnd {
                    let av = loadVector(ar + j)
                    let dz = (loadVector(gr + j) * sv).replacing(with: zero, where: .!(av .> zero))
                    storeVector(dz, gr + j)
                    storeVector(loadVector(dBias + j) + dz, dBias + j)
                    j += 16
                }
                while j < w {
                    let dz = ar[j] > 0 ? gr[j] * s : 0
                    gr[j] = dz
                    dBias[j] += dz
                    j += 1
                }
            }
        }
    }

    /// max(x, 0), with NaN mapped to 0 like `x > 0 ? x : 0`.
    @inline(__always)
    static func relu(_ x: Float) -> Float { x > 0 ? x : 0 }

    @inline(__always)
    static func relu(_ x: FloatVector) -> FloatVector {
        x.replacing(with: FloatVector(repeating: 0), where: .!(x .> FloatVector(repeating: 0)))
    }

    /// `out[i, j] += bias[j]` for a `rows × width` block.
    static func addBias(_ out: UnsafeMutablePointer<Float>, rows: Int, width w: Int, bias: UnsafePointer<Float>) {
        for i in 0..<rows { add(bias, into: out + i * w, count: w) }
    }

    /// `sums[j] += Σ_i block[i, j]` (in row order) for a `rows × width` block.
    static func addColumnSums(_ block: UnsafePointer<Float>, rows: Int, width w: Int, into sums: UnsafeMutablePointer<Float>) {
        for i in 0..<rows { add(block + i * w, into: sums, count: w) }
    }

    /// `target[j] += source[j]` for `j < count`, 16 lanes at a time (addition commutes exactly,
    /// so which side is the bias or the sum does not change a bit).
    @inline(__always)
    static func add(_ source: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>,
                    count w: Int) {
        let vectorEnd = w & ~15
        var j = 0
        while j < vectorEnd {
            storeVector(loadVector(target + j) + loadVector(source + j), target + j)
            j += 16
        }
        while j < w { target[j] += source[j]; j += 1 }
    }
}
