import Foundation
import Synchronization

/// What `stepwise bench --workers` reads from its workers' stderr: when the first instance was claimed and when
/// the last of the expected instances finished (`stepwise worker` prints a line for each).
final class WorkerLineTracker: Sendable {
    private struct State {
        var expected: Set<String>
        var firstClaim: ContinuousClock.Instant?
        var lastFinish: ContinuousClock.Instant?
        var openStreams: Int
        var waiter: CheckedContinuation<Duration, any Error>?
    }

    private let state: Mutex<State>

    /// Waits for `expected` to finish, reading the lines of `streams` workers.
    init(expected: Set<String>, streams: Int) {
        state = Mutex(State(expected: expected, openStreams: streams))
    }

    /// One stderr line of a worker (`… claimed ID (epoch N)` or `… finished ID STATUS`).
    func read(_ line: String) {
        let now = ContinuousClock.now
        let words = line.split(separator: " ")
        guard let verb = words.firstIndex(where: { $0 == "claimed" || $0 == "finished" }), verb + 1 < words.count
        else { return }
        let id = String(words[verb + 1])
        let claimed = words[verb] == "claimed"
        let done = state.withLock { state -> (CheckedContinuation<Duration, any Error>, Duration)? in
            if claimed {
                if state.firstClaim == nil { state.firstClaim = now }
                return nil
            }
            guard state.expected.remove(id) != nil else { return nil }
            state.lastFinish = now
            guard state.expected.isEmpty, let first = state.firstClaim, let waiter = state.waiter else { return nil }
            state.waiter = nil
            return (waiter, first.duration(to: now))
        }
        if let (waiter, window) = done { waiter.resume(returning: window) }
    }

    /// A worker's stderr ended: when every worker's did before the instances finished, the run failed.
    func closed() {
        let failed = state.withLock { state -> CheckedContinuation<Duration, any Error>? in
            state.openStreams -= 1
            guard state.openStreams <= 0, !state.expected.isEmpty else { return nil }
            defer { state.waiter = nil }
            return state.waiter
        }
        failed?.resume(throwing: BenchWorkers.Failure(description: "every worker exited before the instances finished"))
    }

    /// The time from the first claim to the last finish, once every expected instance finished.
    /// - Throws: ``BenchWorkers/Failure`` when every worker exited first.
    func finished() async throws -> Duration {
        try await withCheckedThrowingContinuation { continuation in
            let ready = state.withLock { state -> Result<Duration, any Error>? in
                if state.expected.isEmpty, let first = state.firstClaim, let last = state.lastFinish {
                    return .success(first.duration(to: last))
                }
                if state.openStreams <= 0 {
                    return .failure(
                        BenchWorkers.Failure(description: "every worker exited before the instances finished"))
                }
                state.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(with: ready) }
        }
    }
}
