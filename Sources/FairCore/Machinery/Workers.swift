import Dispatch

/// The one way FairCore's engines split a pass over worker threads: `run(workers) { w in … }`
/// calls the body for every worker index `w` in `0..<workers`, on the calling thread when there is
/// one worker and on Dispatch's worker threads otherwise, and returns when all are done. Each body
/// writes only its own part of the shared memory (its rows, slots, counters).
enum Workers {
    static func run(_ workers: Int, _ body: @Sendable (Int) -> Void) {
        if workers == 1 {
            body(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: workers) { w in body(w) }
        }
    }
}

/// A pointer handed to worker threads that write disjoint parts of its memory.
struct SharedPointer<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T>
    init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
}

extension UnsafeMutablePointer {
    /// A non-nil pointer that stands for "no buffer" where a loop is compiled for an optional
    /// buffer it never reads (a sort without payload, a census without ranges). Never dereferenced.
    static var noBuffer: UnsafeMutablePointer<Pointee> { UnsafeMutablePointer(bitPattern: 8)! }
}

extension UnsafePointer {
    /// See `UnsafeMutablePointer.noBuffer`.
    static var noBuffer: UnsafePointer<Pointee> { UnsafePointer(bitPattern: 8)! }
}
