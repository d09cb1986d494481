import FairSupport
import Testing
@testable import FairNet

@Suite("ModulationKernels: bias, ReLU, dropout and FiLM, forward and backward")
struct ModulationKernelsTests {
    enum Film: String, CaseIterable { case none, perUnit, scalar }

    /// Rows and width chosen so rows use the 16-lane body and the scalar tail.
    static let rows = 3, width = 21

    struct Inputs {
        var z: [Float]      // rows × width, before the bias
        var bias: [Float]   // width
        var film: [Float]   // rows × (2·width or 2)
        var keep: [Float]?  // rows × width
    }

    static func inputs(film: Film, dropout: Bool, seed: UInt64) -> Inputs {
        var g = SeededGenerator(seed: seed)
        let n = rows * width
        let bias = (0..<width).map { _ in Float(0.3 * g.nextNormal()) }
        // z + b = ±(0.05 + |N|): at least 0.05 away from the ReLU kink.
        let z = (0..<n).map { k -> Float in
            let magnitude = 0.05 + abs(g.nextNormal())
            return Float((g.nextDouble() < 0.5 ? -magnitude : magnitude)) - bias[k % width]
        }
        let filmWidth = film == .perUnit ? 2 * width : 2
        let coefficients = (0..<(rows * filmWidth)).map { _ in Float(g.nextNormal()) }
        let keep: [Float]? = dropout ? (0..<n).map { _ in g.nextDouble() < 0.3 ? 0 : Float(1 / 0.7) } : nil
        return Inputs(z: z, bias: bias, film: coefficients, keep: keep)
    }

    /// Forward; returns `h` (or `a` without FiLM).
    static func forward(_ input: Inputs, film: Film) -> [Float] {
        var a = input.z
        var h = [Float](repeating: 0, count: a.count)
        let stride = film == .perUnit ? 2 * width : 2
        input.film.withUnsafeBufferPointer { f in
            input.bias.withUnsafeBufferPointer { b in
                a.withUnsafeMutableBufferPointer { ap in
                    h.withUnsafeMutableBufferPointer { hp in
                        let spec: ModulationKernels.FiLM? = film == .none ? nil : .init(base: f.baseAddress!, rowStride: stride, perUnit: film == .perUnit)
                        if let keep = input.keep {
                            keep.withUnsafeBufferPointer { k in
                                ModulationKernels.forward(z: ap.baseAddress!, h: spec == nil ? nil : hp.baseAddress!, rows: rows, width: width,
                                                          bias: b.baseAddress!, keep: k.baseAddress!, film: spec)
                            }
                        } else {
                            ModulationKernels.forward(z: ap.baseAddress!, h: spec == nil ? nil : hp.baseAddress!, rows: rows, width: width,
                                                      bias: b.baseAddress!, keep: nil, film: spec)
                        }
                    }
                }
            }
        }
        return film == .none ? a : h
    }

    @Test("forward computes γ·(max(z + b, 0)·keep) + β", arguments: Film.allCases, [false, true])
    func forwardDefinition(film: Film, dropout: Bool) {
        let input = Self.inputs(film: film, dropout: dropout, seed: 1)
        let out = Self.forward(input, film: film)
        for i in 0..<Self.rows {
            for j in 0..<Self.width {
                let k = i * Self.width + j
                var a = max(input.z[k] + input.bias[j], 0)
                if let keep = input.keep { a *= keep[k] }
                let expected: Float
                switch film {
                case .none: expected = a
                case .perUnit: expected = input.film[i * 2 * Self.width + j] * a + input.film[i * 2 * Self.width + Self.width + j]
                case .scalar: expected = input.film[i * 2] * a + input.film[i * 2 + 1]
                }
                #expect(out[k] == expected)
            }
        }
    }

    @Test("backward equals finite differences of Σ r·h in z, bias, γ and β (dropout with a fixed mask)",
          arguments: Film.allCases, [false, true])
    func gradientCheck(film: Film, dropout: Bool) {
        let input = Self.inputs(film: film, dropout: dropout, seed: 2)
        var g = SeededGenerator(seed: 3)
        let r = (0..<(Self.rows * Self.width)).map { _ in Float(g.nextNormal()) }
        func objective(_ x: Inputs) -> Double {
            zip(Self.forward(x, film: film), r).reduce(0) { $0 + Double($1.0) * Double($1.1) }
        }
        // Analytic: the backward pass turns dh = r into ∂/∂z in place.
        let activations = Self.activations(input)
        var dh = r
        var dBias = [Float](repeating: 0, count: Self.width)
        let stride = film == .perUnit ? 2 * Self.width : 2
        var dFilm = [Float](repeating: 0, count: Self.rows * stride)
        let scale: Float = dropout ? Float(1 / 0.7) : 1
        input.film.withUnsafeBufferPointer { f in
            activations.withUnsafeBufferPointer { ap in
                dh.withUnsafeMutableBufferPointer { d in
                    dFilm.withUnsafeMutableBufferPointer { df in
                        dBias.withUnsafeMutableBufferPointer { db in
                            let spec: ModulationKernels.FiLM? = film == .none ? nil : .init(base: f.baseAddress!, rowStride: stride, perUnit: film == .perUnit)
                            ModulationKernels.backward(dh: d.baseAddress!, a: ap.baseAddress!, rows: Self.rows, width: Self.width, scale: scale,
                                                       film: spec, dFilm: spec == nil ? nil : df.baseAddress!, dFilmStride: stride, dBias: db.baseAddress!)
                        }
                    }
                }
            }
        }
        let a = dh
        let h: Float = 1.0 / 512
        func derivative(_ change: (inout Inputs, Float) -> Void) -> Double {
            var up = input, down = input
            change(&up, h)
            change(&down, -h)
            return (objective(up) - objective(down)) / (2 * Double(h))
        }
        for k in 0..<(Self.rows * Self.width) {
            let fd = derivative { $0.z[k] += $1 }
            #expect(abs(fd - Double(a[k])) < 1e-3 * max(1, abs(fd)), "z[\(k)]")
        }
        for j in 0..<Self.width {
            let fd = derivative { $0.bias[j] += $1 }
            #expect(abs(fd - Double(dBias[j])) < 1e-3 * max(1, abs(fd)), "bias[\(j)]")
        }
        if film != .none {
            for k in 0..<input.film.count {
                let fd = derivative { $0.film[k] += $1 }
                #expect(abs(fd - Double(dFilm[k])) < 1e-3 * max(1, abs(fd)), "film[\(k)]")
            }
        }
        #expect(a.contains(0) && a.contains { $0 != 0 }, "both active and inactive units are exercised")
    }

    /// `a = max(z + b, 0)·keep` (what the forward pass leaves in `z`).
    static func activations(_ input: Inputs) -> [Float] {
        (0..<input.z.count).map { k in max(input.z[k] + input.bias[k % width], 0) * (input.keep?[k] ?? 1) }
    }
}
