import Synchronization

/// A clock that moves only when a test calls ``advance(by:)``: "3600s" waits test in microseconds, no sleeping.
///
/// Sleepers whose deadline is reached are resumed in deadline order (ties in the order they went to sleep).
/// Cancelling a sleeping task resumes it at once with `CancellationError`, whether the cancellation comes
/// before, during or after it registers. ``waitForSleepers(_:)`` lets a test wait, without polling, until the
/// code under test is asleep.
public final class ManualClock: Clock, Sendable {
    /// A point on a manual clock: the time elapsed since the clock was made.
    public struct Instant: InstantProtocol, Sendable, Hashable, Comparable {
        /// Time since the clock's start.
        public var offset: Duration

        /// Creates an instant `offset` after the clock's start.
        public init(offset: Duration) { self.offset = offset }

        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private enum Entry {
        /// Registered, not yet suspended.
        case pending
        /// Suspended until `deadline`.
        case waiting(deadline: Instant, continuation: CheckedContinuation<Void, any Error>)
        /// Cancelled before it suspended.
        case cancelled
    }

    private struct State {
        var now = Instant(offset: .zero)
        var nextID: UInt64 = 0
        var entries: [UInt64: Entry] = [:]
        var sleeperWaiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []

        var sleeperCount: Int {
            entries.values.reduce(0) { count, entry in
                if case .waiting = entry { return count + 1 }
                return count
            }
        }

        /// Removes and returns the waiters satisfied by the current number of sleepers.
        mutating func satisfiedWaiters() -> [CheckedContinuation<Void, Never>] {
            let count = sleeperCount
            var ready: [CheckedContinuation<Void, Never>] = []
            sleeperWaiters.removeAll { waiter in
                guard waiter.count <= count else { return false }
                ready.append(waiter.continuation)
                return true
            }
            return ready
        }
    }

    private let state = Mutex(State())

    /// Creates a clock at offset zero.
    public init() {}

    public var now: Instant { state.withLock { $0.now } }

    public var minimumResolution: Duration { .zero }

    /// The time elapsed since the clock was made.
    public var elapsed: Duration { now.offset }

    /// How many tasks are asleep on this clock.
    public var sleeperCount: Int { state.withLock { $0.sleeperCount } }

    /// The earliest deadline of a sleeping task, if any.
    public var nextDeadline: Instant? {
        state.withLock { state in
            state.entries.values.compactMap { entry -> Instant? in
                if case .waiting(let deadline, _) = entry { return deadline }
                return nil
            }.min()
        }
    }

    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        let id = state.withLock { state in
            state.nextID += 1
            state.entries[state.nextID] = .pending
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                enum Outcome {
                    case resume
                    case cancel
                    case wait([CheckedContinuation<Void, Never>])
                }
                let outcome: Outcome = state.withLock { state in
                    if case .cancelled? = state.entries[id] {
                        state.entries[id] = nil
                        return .cancel
                    }
                    if deadline <= state.now {
                        state.entries[id] = nil
                        return .resume
                    }
                    state.entries[id] = .waiting(deadline: deadline, continuation: continuation)
                    return .wait(state.satisfiedWaiters())
                }
                switch outcome {
                case .resume: continuation.resume()
                case .cancel: continuation.resume(throwing: CancellationError())
                case .wait(let waiters): for waiter in waiters { waiter.resume() }
                }
            }
        } onCancel: {
            let continuation: CheckedContinuation<Void, any Error>? = state.withLock { state in
                switch state.entries[id] {
                case .pending?:
                    state.entries[id] = .cancelled
                    return nil
                case .waiting(_, let continuation)?:
                    state.entries[id] = nil
                    return continuation
                case .cancelled?, nil:
                    return nil
                }
            }
            continuation?.resume(throwing: CancellationError())
        }
    }

    /// Moves the clock forward by `duration`, waking every sleeper whose deadline is reached, earliest first.
    public func advance(by duration: Duration) {
        advance(to: now.advanced(by: duration))
    }

    /// Moves the clock to `instant` (never backwards), waking every sleeper whose deadline is reached, earliest
    /// first.
    public func advance(to instant: Instant) {
        let due: [CheckedContinuation<Void, any Error>] = state.withLock { state in
            if instant > state.now { state.now = instant }
            var ready: [(deadline: Instant, id: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []
            for (id, entry) in state.entries {
                if case .waiting(let deadline, let continuation) = entry, deadline <= state.now {
                    ready.append((deadline, id, continuation))
                }
            }
            for item in ready { state.entries[item.id] = nil }
            ready.sort { ($0.deadline, $0.id) < ($1.deadline, $1.id) }
            return ready.map(\.continuation)
        }
        for continuation in due { continuation.resume() }
    }

    /// Suspends until at least `count` tasks are asleep on this clock (returns at once if they already are).
    public func waitForSleepers(_ count: Int = 1) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready = state.withLock { state -> Bool in
                if state.sleeperCount >= count { return true }
                state.sleeperWaiters.append((count, continuation))
                return false
            }
            if ready { continuation.resume() }
        }
    }
}
