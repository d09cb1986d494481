#if canImport(Glibc)
import Glibc
#endif

/// Allocation of the large working buffers of the hot paths (sorted samples, scratch, outputs).
///
/// A fresh buffer is mapped in by the kernel one page at a time on first touch: with 4 KiB pages
/// that is 20,000 page faults for 80 MB (about 1-2 µs each on the project machine, more than the
/// work done on the data at 10^7 rows). On Linux, buffers of at least 4 MiB are therefore
/// advised to use transparent huge pages (`madvise(MADV_HUGEPAGE)`, as NumPy does for its large
/// arrays): one fault per 2 MiB. The advice changes nothing else (contents, lifetime, the system
/// may ignore it); on other systems this is a plain allocation.
enum LargeBuffer {
    /// Buffers from this size (bytes) on get the advice.
    static let adviceThreshold = 1 << 22

    /// `UnsafeMutablePointer<T>.allocate(capacity:)` with the huge-page advice; free it with
    /// `deallocate()` as usual.
    static func allocate<T>(_: T.Type, capacity: Int) -> UnsafeMutablePointer<T> {
        let pointer = UnsafeMutablePointer<T>.allocate(capacity: capacity)
        adviseHugePages(UnsafeMutableRawPointer(pointer), byteCount: capacity * MemoryLayout<T>.stride)
        return pointer
    }

    /// Advises huge pages for the whole 4 KiB pages inside `[start, start + byteCount)`, if the
    /// range is large enough; call it before the memory is first written.
    static func adviseHugePages(_ start: UnsafeMutableRawPointer, byteCount: Int) {
        #if os(Linux)
        guard byteCount >= adviceThreshold else { return }
        let page = 4096
        let first = (Int(bitPattern: start) + page - 1) & ~(page - 1)
        let last = (Int(bitPattern: start) + byteCount) & ~(page - 1)
        guard last > first, let aligned = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(aligned, last - first, MADV_HUGEPAGE)
        #endif
    }
}
