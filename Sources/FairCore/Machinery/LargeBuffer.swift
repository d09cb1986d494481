#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Allocation of the large working buffers of the hot paths (sorted samples, scratch, outputs).
///
/// A fresh buffer is mapped in by the kernel one page at a time on first touch, and every page
/// is zeroed then: with 4 KiB pages that is 20,000 page faults for 80 MB, which cost more than
/// the work done on the data at 10^7 rows (timings in Sources/fair-bench/README.md). Two
/// measures:
///
/// - On Linux, buffers of at least 4 MiB are allocated on 2 MiB boundaries in whole 2 MiB pages
///   and advised to use transparent huge pages (`madvise(MADV_HUGEPAGE)`, as NumPy does for its
///   large arrays): one fault per 2 MiB.
/// - Buffers released with `deallocate(_:capacity:)` are kept for reuse (at most
///   `retainedBytesLimit` bytes in all, none larger than `retainedBufferLimit`), so that
///   repeated fits and applies of medium size (around 10^6 rows) work in memory that is
///   already mapped in instead of paying for the zeroing of fresh pages each call. This is
///   what `malloc` does for smaller blocks; buffers larger than the limit go back to the
///   system at once, so the peak memory of large jobs is unchanged.
///
/// Contents of a buffer are undefined (a reused buffer holds old data), as with `allocate`.
/// Memory cost: at most 2 MiB of rounding per buffer, plus the retained buffers.
enum LargeBuffer {
    /// Buffers from this size (bytes) on get the huge-page advice and may be retained.
    static let adviceThreshold = 1 << 22
    /// The most bytes retained for reuse, in all.
    static let retainedBytesLimit = 64 << 20
    /// The largest buffer (bytes) that is retained.
    static let retainedBufferLimit = 32 << 20
    /// The most buffers retained.
    static let retainedCountLimit = 6

    private struct Retained {
        /// Addresses (as integers, so that the state is `Sendable`) and sizes in bytes.
        var buffers: [(address: UInt, bytes: Int)] = []
        var bytes: Int { buffers.reduce(0) { $0 + $1.bytes } }
    }

    private static let retained = Mutex(Retained())

    /// The rounded size in bytes of a buffer of `capacity` elements of `T`.
    static func roundedBytes<T>(_: T.Type, capacity: Int) -> Int {
        let bytes = max(1, capacity) * MemoryLayout<T>.stride
        #if os(Linux)
        if bytes >= adviceThreshold {
            let huge = 1 << 21
            return (bytes + huge - 1) & ~(huge - 1)
        }
        #endif
        return bytes
    }

    /// `UnsafeMutablePointer<T>.allocate(capacity:)` with the huge-page advice, or a retained
    /// buffer of the same rounded size; release it with `deallocate(_:capacity:)` (same
    /// capacity) so that it can be reused, or with the pointer's own `deallocate()`.
    static func allocate<T>(_: T.Type, capacity: Int) -> UnsafeMutablePointer<T> {
        #if os(Linux)
        let bytes = roundedBytes(T.self, capacity: capacity)
        if bytes >= adviceThreshold {
            if let reused = takeRetained(bytes: bytes) {
                return reused.bindMemory(to: T.self, capacity: capacity)
            }
            // Aligned to 2 MiB and a whole number of 2 MiB pages, so that every page of the
            // buffer can be a huge page; freed by `free` like any allocation.
            var raw: UnsafeMutableRawPointer? = nil
            if posix_memalign(&raw, 1 << 21, bytes) == 0, let raw {
                adviseHugePages(raw, byteCount: bytes)
                return raw.bindMemory(to: T.self, capacity: capacity)
            }
            // Still the rounded size: `deallocate(_:capacity:)` may retain it as one.
            return UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: max(16, MemoryLayout<T>.alignment))
                .bindMemory(to: T.self, capacity: capacity)
        }
        #endif
        return UnsafeMutablePointer<T>.allocate(capacity: capacity)
    }

    /// Releases a buffer from `allocate(_:capacity:)` (the same `capacity`): retained for reuse
    /// if the limits allow, otherwise freed.
    static func deallocate<T>(_ pointer: UnsafeMutablePointer<T>, capacity: Int) {
        #if os(Linux)
        let bytes = roundedBytes(T.self, capacity: capacity)
        if bytes >= adviceThreshold, bytes <= retainedBufferLimit {
            let address = UInt(bitPattern: pointer)
            let kept = retained.withLock { state -> Bool in
                guard state.buffers.count < retainedCountLimit, state.bytes + bytes <= retainedBytesLimit else { return false }
                state.buffers.append((address, bytes))
                return true
            }
            if kept { return }
        }
        #endif
        pointer.deallocate()
    }

    /// `allocate(_:capacity:)` as a buffer pointer; release it with `deallocate(_:)`.
    static func allocateBuffer<T>(_: T.Type, capacity: Int) -> UnsafeMutableBufferPointer<T> {
        UnsafeMutableBufferPointer(start: allocate(T.self, capacity: capacity), count: capacity)
    }

    /// Releases a buffer from `allocateBuffer(_:capacity:)`.
    static func deallocate<T>(_ buffer: UnsafeMutableBufferPointer<T>) {
        if let base = buffer.baseAddress { deallocate(base, capacity: buffer.count) }
    }

    /// A retained buffer of exactly `bytes` (rounded) bytes, if there is one.
    private static func takeRetained(bytes: Int) -> UnsafeMutableRawPointer? {
        let address = retained.withLock { state -> UInt? in
            guard let i = state.buffers.firstIndex(where: { $0.bytes == bytes }) else { return nil }
            return state.buffers.remove(at: i).address
        }
        return address.flatMap { UnsafeMutableRawPointer(bitPattern: $0) }
    }

    /// The number of bytes retained for reuse now (for tests and diagnostics).
    static var retainedBytes: Int { retained.withLock { $0.bytes } }

    /// Frees every retained buffer.
    static func releaseRetained() {
        let buffers = retained.withLock { state in
            defer { state.buffers.removeAll() }
            return state.buffers
        }
        for buffer in buffers { UnsafeMutableRawPointer(bitPattern: buffer.address)?.deallocate() }
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
