/// A one-shot signal that asks a running instance to cancel.
public final class CancellationSignal: Sendable {
    let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    public init() {
        (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Asks the instance to cancel; later calls do nothing.
    public func cancel() {
        continuation.yield()
        continuation.finish()
    }

    /// Waits until cancel is asked (`true`) or the waiting task is cancelled (`false`).
    func wait() async -> Bool {
        for await _ in stream { return true }
        return false
    }
}
