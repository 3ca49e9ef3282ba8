import Logging
import PostgresNIO
import Synchronization

/// Hands cancel requests announced with `NOTIFY` to every subscriber of this process, from one connection that
/// `LISTEN`s while anyone subscribes. A dropped connection (the server restarted) is listened on again after a
/// short pause; what was announced meanwhile is found by the executor's poll.
final class CancelNotices: Sendable {
    /// The channel of one database (and schema).
    let channel: String
    private let client: PostgresClient
    private let logger: Logger

    private struct State {
        var subscribers: [UInt64: AsyncStream<String>.Continuation] = [:]
        var nextID: UInt64 = 0
        var listener: Task<Void, Never>?
        var stopped = false
    }

    private let state = Mutex(State())

    init(client: PostgresClient, logger: Logger, schema: String?) {
        self.client = client
        self.logger = logger
        channel = "stepwise_cancel" + (schema.map { "_" + $0 } ?? "")
    }

    /// The instance ids of cancel requests from now on, until the stream is dropped or the store closed.
    func subscribe() -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(1_024))
        let (id, start) = state.withLock { state -> (UInt64, Bool) in
            state.nextID += 1
            guard !state.stopped else { return (state.nextID, false) }
            state.subscribers[state.nextID] = continuation
            return (state.nextID, state.listener == nil)
        }
        if state.withLock({ $0.stopped }) { continuation.finish() }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.subscribers.removeValue(forKey: id) }
        }
        if start {
            let listener = Task { await self.listen() }
            state.withLock { $0.listener = listener }
        }
        return stream
    }

    /// Ends every subscription and stops listening.
    func stop() {
        let (listener, subscribers) = state.withLock { state in
            state.stopped = true
            defer {
                state.subscribers.removeAll()
                state.listener = nil
            }
            return (state.listener, Array(state.subscribers.values))
        }
        listener?.cancel()
        for subscriber in subscribers { subscriber.finish() }
    }

    private func listen() async {
        let channel = self.channel
        while !Task.isCancelled {
            do {
                try await client.withConnection { connection in
                    try await connection.listen(on: channel) { notifications in
                        for try await notification in notifications { self.publish(notification.payload) }
                    }
                }
            } catch {
                logger.debug("listening for cancel requests failed: \(String(reflecting: error))")
            }
            try? await Task.sleep(for: .milliseconds(500))
        }
    }

    private func publish(_ instanceId: String) {
        let subscribers = state.withLock { Array($0.subscribers.values) }
        for subscriber in subscribers { subscriber.yield(instanceId) }
    }
}
