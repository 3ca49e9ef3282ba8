import DequeModule
import Synchronization

/// A counting semaphore that bounds how many actions run at once across every instance of an executor.
///
/// Waiters are served first come, first served; a waiting task that is cancelled leaves the queue and gets
/// `false`. Inline actions (noop, echo, if, …) never take a slot: they finish at once.
public final class ActionSlots: Sendable {
    private struct State {
        var available: Int
        var waiters: Deque<(id: UInt64, continuation: CheckedContinuation<Bool, Never>)> = []
        var nextID: UInt64 = 0
    }

    private let state: Mutex<State>

    /// A semaphore with `limit` slots.
    public init(limit: Int) {
        state = Mutex(State(available: max(limit, 1)))
    }

    /// Takes a slot, waiting for one when none is free. Returns `false` when the task was cancelled while waiting
    /// (it then holds no slot).
    public func acquire() async -> Bool {
        let ticket: UInt64? = state.withLock { state in
            if state.available > 0 {
                state.available -= 1
                return nil
            }
            state.nextID += 1
            return state.nextID
        }
        guard let ticket else { return true }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let resumeNow: Bool? = state.withLock { state in
                    if Task.isCancelled { return false }
                    if state.available > 0 {
                        state.available -= 1
                        return true
                    }
                    state.waiters.append((ticket, continuation))
                    return nil
                }
                if let resumeNow { continuation.resume(returning: resumeNow) }
            }
        } onCancel: {
            let continuation: CheckedContinuation<Bool, Never>? = state.withLock { state in
                guard let index = state.waiters.firstIndex(where: { $0.id == ticket }) else { return nil }
                return state.waiters.remove(at: index).continuation
            }
            continuation?.resume(returning: false)
        }
    }

    /// Gives a slot back, handing it to the longest waiter if there is one.
    public func release() {
        let next: CheckedContinuation<Bool, Never>? = state.withLock { state in
            if let waiter = state.waiters.popFirst() { return waiter.continuation }
            state.available += 1
            return nil
        }
        next?.resume(returning: true)
    }
}
