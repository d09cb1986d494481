import Synchronization

/// Asks a running command to stop. The front end's SIGINT handler calls `cancel()` (a single
/// lock-free atomic store, safe in a signal handler); long commands poll `isCancelled` at safe
/// points (per epoch, per batch, per bootstrap replicate) through
/// `CommandContext.checkCancellation(_:)`. The interpreter then discards the command's copy
/// of the workspace, so an interrupted command changes nothing.
public final class CancellationToken: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    /// A token that is never cancelled.
    public static let never = CancellationToken()

    /// Requests cancellation (async-signal-safe).
    public func cancel() { if self !== Self.never { flag.store(true, ordering: .relaxed) } }

    /// Whether cancellation was requested.
    public var isCancelled: Bool { flag.load(ordering: .relaxed) }

    /// Clears the request (the front end does this before each command).
    public func reset() { flag.store(false, ordering: .relaxed) }
}
