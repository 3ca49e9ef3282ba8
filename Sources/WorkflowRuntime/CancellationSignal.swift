import Synchronization

/// A one-shot signal to a running instance: cancel it, or suspend it (stop without writing anything more, so
/// it resumes from its journal when the engine starts again), or drain it first (start nothing new and suspend
/// once its running steps ended; a later cancel or suspend still comes through).
///
/// One lock and at most one waiter (the runner's watcher child): every instance gets a signal when it starts,
/// so it costs one allocation, not an `AsyncStream`'s storage and continuation. The same waiter also learns of
/// the process groups the instance's actions spawn (``report(_:)``), so a live instance has one watching task
/// for both instead of a task and a stream more.
public final class CancellationSignal: Sendable {
    /// What the signal asks for.
    enum Request: Sendable {
        case cancel
        case suspend
        case drain
    }

    /// A process group an action of the instance spawned, to be journaled.
    struct StartedProcess: Sendable {
        var step: String
        var group: Int32
        var startTime: UInt64
    }

    /// What wakes the watcher: a request, or a process group to journal.
    enum Wake: Sendable {
        case request(Request)
        case process(StartedProcess)
    }

    private struct State {
        /// The first request made; later ones change nothing.
        var request: Request?
        /// Process groups reported and not yet handed to the waiter, oldest first.
        var processes: [StartedProcess] = []
        /// The task waiting in ``next(after:)``, if one is.
        var waiter: CheckedContinuation<Wake?, Never>?
        /// Whether the waiter takes process groups too (``next(after:)``), not only requests (``wait(after:)``).
        var waiterTakesProcesses = false
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

    /// Whether a drain is the request in force (read directly, so a run learns of it before its watcher does).
    var isDraining: Bool { state.withLock { $0.request == .drain } }

    /// Whether the first request was a suspend: the instance stops without cancelling what it started.
    var isSuspended: Bool { state.withLock { $0.request == .suspend } }

    private func deliver(_ request: Request) {
        let waiter: CheckedContinuation<Wake?, Never>? = state.withLock { state in
            // Only a drain may be followed by another request.
            guard state.request == nil || (state.request == .drain && request != .drain) else { return nil }
            state.request = request
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: .request(request))
    }

    /// Hands the waiter a process group an action spawned (kept until a waiter takes it).
    func report(_ process: StartedProcess) {
        let waiter: CheckedContinuation<Wake?, Never>? = state.withLock { state in
            guard let waiter = state.waiter, state.waiterTakesProcesses else {
                state.processes.append(process)
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume(returning: .process(process))
    }

    /// Waits until a request other than `seen` arrives (returning at once when one already did), or returns `nil`
    /// when the waiting task is cancelled. One task waits at a time. Reported process groups stay for
    /// ``next(after:)``.
    func wait(after seen: Request? = nil) async -> Request? {
        await next(after: seen, processes: false).flatMap { wake in
            if case .request(let request) = wake { return request }
            return nil
        }
    }

    /// Waits until a request other than `seen` arrives or a process group is reported (returning at once when
    /// one already is: process groups first, oldest first), or returns `nil` when the waiting task is cancelled.
    /// One task waits at a time.
    func next(after seen: Request?) async -> Wake? {
        await next(after: seen, processes: true)
    }

    private func next(after seen: Request?, processes: Bool) async -> Wake? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Wake?, Never>) in
                let answer: Wake?? = state.withLock { state in
                    if processes, !state.processes.isEmpty { return .some(.process(state.processes.removeFirst())) }
                    if let request = state.request, request != seen { return .some(.request(request)) }
                    if Task.isCancelled { return .some(nil) }
                    state.waiter = continuation
                    state.waiterTakesProcesses = processes
                    return .none
                }
                if let answer { continuation.resume(returning: answer) }
            }
        } onCancel: {
            let waiter: CheckedContinuation<Wake?, Never>? = state.withLock { state in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(returning: nil)
        }
    }
}
