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

    public init() {
        (stream, continuation) = AsyncStream<Request>.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Asks the instance to cancel; later calls do nothing.
    public func cancel() {
        continuation.yield(.cancel)
        continuation.finish()
    }

    /// Asks the instance to stop where it is, leaving it unfinished in the store; later calls do nothing.
    public func suspend() {
        continuation.yield(.suspend)
        continuation.finish()
    }

    /// Waits until a request arrives, or returns `nil` when the waiting task is cancelled.
    func wait() async -> Request? {
        for await request in stream { return request }
        return nil
    }
}
