import Synchronization

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
        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private let current = Mutex(Instant(offset: .zero))

    public init() {}

    public var now: Instant { current.withLock { $0 } }

    public var minimumResolution: Duration { .zero }

    /// How much virtual time has passed.
    public var elapsed: Duration { now.offset }

    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        try Task.checkCancellation()
        current.withLock { now in
            if now < deadline { now = deadline }
        }
        await Task.yield()
        try Task.checkCancellation()
    }
}
