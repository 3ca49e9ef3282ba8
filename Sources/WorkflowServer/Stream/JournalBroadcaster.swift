import Foundation
import Synchronization
import WorkflowStore

/// Fans each committed journal turn out to the clients streaming that instance (`…/instances/{id}/stream`).
///
/// The executor's observer calls ``publish(_:instance:)`` synchronously after each group commit; publishing
/// never waits: every subscriber has its own buffer of at most ``capacity`` entries. A client that falls that
/// far behind is dropped (its stream ends with ``Subscription/overflowed`` set), so a slow reader can neither
/// block the engine nor make the server hold an unbounded backlog; it may reconnect and read the journal again.
public final class JournalBroadcaster: Sendable {
    /// One client's view of one instance's journal.
    public final class Subscription: Sendable {
        /// The live entries committed after the subscription, in order; ends when the client is dropped.
        public let entries: AsyncStream<JournalEntry>
        let id: Int
        let instance: String
        let state = Mutex(false)

        init(entries: AsyncStream<JournalEntry>, id: Int, instance: String) {
            self.entries = entries
            self.id = id
            self.instance = instance
        }

        /// Whether the stream ended because the client fell more than ``JournalBroadcaster/capacity`` entries
        /// behind.
        public var overflowed: Bool { state.withLock { $0 } }
    }

    private struct Subscriber {
        let continuation: AsyncStream<JournalEntry>.Continuation
        let overflowed: @Sendable () -> Void
    }

    private struct State {
        var nextId = 0
        var subscribers: [String: [Int: Subscriber]] = [:]
    }

    /// How many entries one client may have waiting before it is dropped.
    public let capacity: Int
    private let state = Mutex(State())

    /// A broadcaster with `capacity` buffered entries per client.
    public init(capacity: Int = 4096) {
        self.capacity = max(1, capacity)
    }

    /// Starts receiving `instance`'s entries; call ``unsubscribe(_:)`` when done (ending the stream is enough
    /// too: its termination unsubscribes).
    public func subscribe(_ instance: String) -> Subscription {
        let (stream, continuation) = AsyncStream<JournalEntry>.makeStream(bufferingPolicy: .bufferingOldest(capacity))
        let subscription = state.withLock { state in
            let id = state.nextId
            state.nextId += 1
            let subscription = Subscription(entries: stream, id: id, instance: instance)
            state.subscribers[instance, default: [:]][id] = Subscriber(
                continuation: continuation, overflowed: { subscription.state.withLock { $0 = true } })
            return subscription
        }
        continuation.onTermination = { [weak self] _ in self?.remove(subscription.id, of: instance) }
        return subscription
    }

    /// Stops `subscription`'s stream.
    public func unsubscribe(_ subscription: Subscription) {
        let subscriber = remove(subscription.id, of: subscription.instance)
        subscriber?.continuation.finish()
    }

    /// Hands `entries` of `instance` to each of its subscribers; drops those whose buffer is full.
    public func publish(_ entries: [JournalEntry], instance: String) {
        let subscribers = state.withLock { Array(($0.subscribers[instance] ?? [:]).values) }
        guard !subscribers.isEmpty else { return }
        for subscriber in subscribers {
            for entry in entries {
                if case .dropped = subscriber.continuation.yield(entry) {
                    subscriber.overflowed()
                    subscriber.continuation.finish()
                    break
                }
            }
        }
    }

    /// How many clients follow `instance` now.
    public func subscriberCount(_ instance: String) -> Int {
        state.withLock { $0.subscribers[instance]?.count ?? 0 }
    }

    @discardableResult
    private func remove(_ id: Int, of instance: String) -> Subscriber? {
        state.withLock { state in
            let removed = state.subscribers[instance]?.removeValue(forKey: id)
            if state.subscribers[instance]?.isEmpty == true { state.subscribers[instance] = nil }
            return removed
        }
    }
}
