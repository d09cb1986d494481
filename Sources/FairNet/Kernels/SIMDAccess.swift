/// 16-lane (and 4-lane) Float32 vector loads and stores through raw pointers (unaligned), used by the
/// element-wise kernels so they vectorise regardless of what the optimiser can prove about aliasing.
/// FairMTL builds for the baseline x86-64 target (SSE, 4 lanes per register): a 16-lane vector is four
/// registers, which suits streaming kernels with few live values; kernels with many live constants
/// (Adam) use 4-lane vectors so that nothing spills.
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

@inline(__always)
func loadVector4(_ p: UnsafePointer<Float>) -> SIMD4<Float> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Float>.self)
}

@inline(__always)
func loadVector4(_ p: UnsafeMutablePointer<Float>) -> SIMD4<Float> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Float>.self)
}

@inline(__always)
func storeVector4(_ v: SIMD4<Float>, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD4<Float>.self)
}
