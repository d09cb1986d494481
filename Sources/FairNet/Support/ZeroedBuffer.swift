extension UnsafeMutablePointer where Pointee: Numeric {
    /// `count` elements, allocated and set to 0: the working buffers of the training kernels,
    /// which their owner deallocates.
    static func zeroed(_ count: Int) -> UnsafeMutablePointer<Pointee> {
        let buffer = allocate(capacity: count)
        buffer.initialize(repeating: 0, count: count)
        return buffer
    }
}
