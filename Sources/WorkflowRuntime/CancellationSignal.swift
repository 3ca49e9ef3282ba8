import Synchronization

/// A one-shot signal to a running instance: cancel it, or suspend it (stop without writing anything more, so
/// it resumes from its journal when the engine starts again).
public final class CancellationSignal: Sendable {
    /// What the signal asks for.
    enum Request: Sendable {
        case cancel
        case suspend
    }

    let stream: AsyncStream<Request>
    private let continuation: AsyncStream<Request>.Continuation
    private let first = Mutex<Request?>(nil)

    public init() {
        (stream, continuation) = AsyncStream<Request>.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Asks the instance to cancel; later calls do nothing.
    public func cancel() {
        first.withLock { $0 = $0 ?? .cancel }
        continuation.yield(.cancel)
        continuation.finish()
    }

    /// Asks the instance to stop where it is, leaving it unfinished in the store; later calls do nothing.
    public func suspend() {
        first.withLock { $0 = $0 ?? .suspend }
        continuation.yield(.suspend)
        continuation.finish()
    }

    /// Whether the first request was a suspend: the instance stops without cancelling what it started.
    var isSuspended: Bool { first.withLock { $0 == .suspend } }

    /// Waits until a request arrives, or returns `nil` when the waiting task is cancelled.
    func wait() async -> Request? {
        for await request in stream { return request }
        return nil
    }
}
