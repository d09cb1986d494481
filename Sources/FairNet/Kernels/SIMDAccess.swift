/// 16-lane Float32 vector loads and stores through raw pointers (unaligned), used by the
/// element-wise kernels so they vectorise regardless of what the optimiser can prove about aliasing.
/// Lane-wise arithmetic is the same IEEE operation as the scalar code (no reassociation, no fused
/// multiply-add), so vector bodies and scalar tails give identical results.
typealias FloatVector = SIMD16<Float>

@inline(__always)
func loadVector(_ p: UnsafePointer<Float>) -> FloatVector {
    UnsafeRawPointer(p).loadUnaligned(as: FloatVector.self)
}

@inline(__always)
func loadVector(_ p: UnsafeMutablePointer<Float>) -> FloatVector {
    UnsafeRawPointer(p).loadUnaligned(as: FloatVector.self)
}

@inline(__always)
func storeVector(_ v: FloatVector, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: FloatVector.self)
}
