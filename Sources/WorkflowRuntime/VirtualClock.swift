import Synchronization
import WorkflowModel

/// A clock whose waits end at once: sleeping moves its time forward to the deadline instead.
///
/// Used for dry runs and tests (`stepwise run --virtual-time`): retry intervals, completion-gate intervals and
/// `core.sleep` cost nothing, while every wait still happens in order and is recorded with its duration.
/// Cancellation is honoured: a cancelled task's sleep throws `CancellationError`.
public final class VirtualClock: Clock, Sendable {
    /// A point in virtual time: the duration since the clock was made.
    public struct Instant: InstantProtocol, Sendable, Hashable, Comparable {
        public var offset: Duration
        public init(offset: Duration) { self.offset = offset }
        /// Saturates instead of trapping: a plan may carry any duration a spec can spell.
        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset.saturatingAdding(duration)) }
        public func duration(to other: Instant) -> Duration { other.offset.saturatingSubtracting(offset) }
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private let current = Mutex(Instant(offset: .zero))
    /// Set by ``halt()``: every sleep fails from then on.
    private let halted = Atomic(false)

    public init() {}

    public var now: Instant { current.withLock { $0 } }

    public var minimumResolution: Duration { .zero }

    /// How much virtual time has passed.
    public var elapsed: Duration { now.offset }

    /// Stops the clock's work at once (a dry run interrupted with Ctrl-C): every sleep, under way or later,
    /// throws `CancellationError`, so nothing that waits on virtual time can keep computing. Cannot be undone.
    public func halt() { halted.store(true, ordering: .releasing) }

    /// Whether ``halt()`` was called.
    public var isHalted: Bool { halted.load(ordering: .acquiring) }

    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        if isHalted { throw CancellationError() }
        try Task.checkCancellation()
        current.withLock { now in
            if now < deadline { now = deadline }
        }
        await Task.yield()
        if isHalted { throw CancellationError() }
        try Task.checkCancellation()
    }
}
