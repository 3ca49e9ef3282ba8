import Synchronization

/// A latch many tasks can wait on, again and again, until it is set once; a cancelled wait just returns.
///
/// (An `AsyncStream` cannot serve here: cancelling a task that awaits its iterator finishes the whole stream.)
final class StopSignal: Sendable {
    private struct State {
        var isSet = false
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var nextID: UInt64 = 0
    }

    private let state = Mutex(State())

    /// Whether ``set()`` was called.
    var isSet: Bool { state.withLock { $0.isSet } }

    /// Sets the latch and wakes every waiter; later calls do nothing.
    func set() {
        let waiters: [CheckedContinuation<Void, Never>] = state.withLock { state in
            state.isSet = true
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once the latch is set, or at once when the waiting task is cancelled.
    func wait() async {
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.isSet || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.resume()
        }
    }
}
