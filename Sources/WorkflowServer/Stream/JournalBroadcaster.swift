import Foundation
import Synchronization
import WorkflowEngine
import WorkflowStore

/// Fans each committed journal turn out to the clients streaming that instance (`…/instances/{id}/stream`).
///
/// The executor's observer calls ``publish(_:instance:)`` synchronously after each group commit; publishing
/// never waits: every subscriber has its own buffer of at most ``capacity`` items. A client that falls that
/// far behind is dropped (its stream ends with ``Subscription/overflowed`` set), so a slow reader can neither
/// block the engine nor make the server hold an unbounded backlog; it may reconnect and read the journal again.
public final class JournalBroadcaster: Sendable {
    /// What a subscription delivers.
    public enum Item: Sendable, Equatable {
        /// A committed journal entry.
        case entry(JournalEntry)
        /// Nothing happened for a while: the endpoint writes a comment, so a client that went away is noticed.
        case keepAlive
    }

    /// One client's view of one instance's journal.
    public final class Subscription: Sendable {
        /// The live entries committed after the subscription, in order; ends when the client is dropped.
        public let items: AsyncStream<Item>
        let continuation: AsyncStream<Item>.Continuation
        let id: Int
        let instance: String
        private let state = Mutex(false)

        init(id: Int, instance: String, capacity: Int) {
            (items, continuation) = AsyncStream<Item>.makeStream(bufferingPolicy: .bufferingOldest(capacity))
            self.id = id
            self.instance = instance
        }

        /// Whether the stream ended because the client fell more than ``JournalBroadcaster/capacity`` items
        /// behind.
        public var overflowed: Bool { state.withLock { $0 } }

        /// Queues a ``Item/keepAlive`` (dropping the client if its buffer is full).
        public func keepAlive() {
            _ = deliver(.keepAlive)
        }

        /// false when the client was dropped (now or before).
        func deliver(_ item: Item) -> Bool {
            switch continuation.yield(item) {
            case .enqueued: return true
            case .terminated: return false
            case .dropped:
                state.withLock { $0 = true }
                continuation.finish()
                return false
            @unknown default: return false
            }
        }
    }

    private struct State {
        var nextId = 0
        var subscribers: [String: [Int: Subscription]] = [:]
    }

    /// How many items one client may have waiting before it is dropped.
    public let capacity: Int
    private let state = Mutex(State())

    /// A broadcaster with `capacity` buffered items per client.
    public init(capacity: Int = 4096) {
        self.capacity = max(1, capacity)
    }

    /// Starts receiving `instance`'s entries; call ``unsubscribe(_:)`` when done (ending the stream is enough
    /// too: its termination unsubscribes).
    public func subscribe(_ instance: String) -> Subscription {
        let subscription = state.withLock { state in
            let id = state.nextId
            state.nextId += 1
            let subscription = Subscription(id: id, instance: instance, capacity: capacity)
            state.subscribers[instance, default: [:]][id] = subscription
            return subscription
        }
        let id = subscription.id
        subscription.continuation.onTermination = { [weak self] _ in self?.remove(id, of: instance) }
        return subscription
    }

    /// Stops `subscription`'s stream.
    public func unsubscribe(_ subscription: Subscription) {
        remove(subscription.id, of: subscription.instance)
        subscription.continuation.finish()
    }

    /// Hands `entries` of `instance` to each of its subscribers; drops those whose buffer is full.
    public func publish(_ entries: [JournalEntry], instance: String) {
        let subscribers = state.withLock { $0.subscribers[instance].map { Array($0.values) } }
        guard let subscribers else { return }
        for subscriber in subscribers {
            for entry in entries where !subscriber.deliver(.entry(entry)) { break }
        }
    }

    /// How many clients follow `instance` now.
    public func subscriberCount(_ instance: String) -> Int {
        state.withLock { $0.subscribers[instance]?.count ?? 0 }
    }

    private func remove(_ id: Int, of instance: String) {
        state.withLock { state in
            state.subscribers[instance]?.removeValue(forKey: id)
            if state.subscribers[instance]?.isEmpty == true { state.subscribers[instance] = nil }
        }
    }
}
