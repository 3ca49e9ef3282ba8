import Synchronization

/// A one-shot signal to a running instance: cancel it, or suspend it (stop without writing anything more, so
/// it resumes from its journal when the engine starts again), or drain it first (start nothing new and suspend
/// once its running steps ended; a later cancel or suspend still comes through).
///
/// One lock and at most one waiter (the runner's watcher child): every instance gets a signal when it starts,
/// so it costs one allocation, not an `AsyncStream`'s storage and continuation.
public final class CancellationSignal: Sendable {
    /// What the signal asks for.
    enum Request: Sendable {
        case cancel
        case suspend
        case drain
    }

    private struct State {
        /// The first request made; later ones change nothing.
        var request: Request?
        /// The task waiting in ``wait()``, if one is.
        var waiter: CheckedContinuation<Request?, Never>?
    }

    private let state = Mutex(State())

    public init() {}

    /// Asks the instance to cancel; later calls do nothing.
    public func cancel() { deliver(.cancel) }

    /// Asks the instance to stop where it is, leaving it unfinished in the store; later calls do nothing.
    public func suspend() { deliver(.suspend) }

    /// Asks the instance to start no new step and to suspend once its running steps ended (a worker shutting
    /// down); a later ``cancel()`` or ``suspend()`` still applies.
    public func drain() { deliver(.drain) }

    /// Whether any request came.
    var hasRequest: Bool { state.withLock { $0.request != nil } }

    /// Whether the first request was a suspend: the instance stops without cancelling what it started.
    var isSuspended: Bool { state.withLock { $0.request == .suspend } }

    private func deliver(_ request: Request) {
        let waiter: CheckedContinuation<Request?, Never>? = state.withLock { state in
            // Only a drain may be followed by another request.
            guard state.request == nil || (state.request == .drain && request != .drain) else { return nil }
            state.request = request
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: request)
    }

    /// Waits until a request other than `seen` arrives (returning at once when one already did), or returns `nil`
    /// when the waiting task is cancelled. One task waits at a time.
    func wait(after seen: Request? = nil) async -> Request? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Request?, Never>) in
                let answer: Request?? = state.withLock { state in
                    if let request = state.request, request != seen { return .some(request) }
                    if Task.isCancelled { return .some(nil) }
                    state.waiter = continuation
                    return .none
                }
                if let answer { continuation.resume(returning: answer) }
            }
        } onCancel: {
            let waiter: CheckedContinuation<Request?, Never>? = state.withLock { state in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(returning: nil)
        }
    }
}
