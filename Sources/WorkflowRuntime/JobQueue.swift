import Synchronization

/// The executor's queue of instances to run: starters push from any task, and the run loop takes everything
/// queued at once (one lock per batch, not an `AsyncStream` element at a time).
final class JobQueue: Sendable {
    /// One instance to run, with the signal that cancels or suspends it.
    struct Job: Sendable {
        var runner: InstanceRunner
        var signal: CancellationSignal
    }

    private struct State {
        var pending: [Job] = []
        var finished = false
        /// The run loop, when it waits for work.
        var waiter: CheckedContinuation<[Job], Never>?
    }

    private let state = Mutex(State())

    /// Queues `job`; returns `false` (and drops it) once the queue is finished.
    @discardableResult
    func push(_ job: Job) -> Bool {
        let (accepted, waiter) = state.withLock { state -> (Bool, CheckedContinuation<[Job], Never>?) in
            if state.finished { return (false, nil) }
            guard let waiter = state.waiter else {
                state.pending.append(job)
                return (true, nil)
            }
            state.waiter = nil
            return (true, waiter)
        }
        waiter?.resume(returning: [job])
        return accepted
    }

    /// Takes no more jobs; the run loop gets what is queued, then an empty batch.
    func finish() {
        let waiter = state.withLock { state in
            state.finished = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: [])
    }

    /// Every job queued, waiting for one when none is; an empty batch once the queue is finished and drained,
    /// or when the waiting task is cancelled. One task takes at a time.
    func take() async -> [Job] {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<[Job], Never>) in
                let batch: [Job]? = state.withLock { state in
                    if !state.pending.isEmpty {
                        defer { state.pending = [] }
                        return state.pending
                    }
                    if state.finished || Task.isCancelled { return [] }
                    state.waiter = continuation
                    return nil
                }
                if let batch { continuation.resume(returning: batch) }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(returning: [])
        }
    }
}
