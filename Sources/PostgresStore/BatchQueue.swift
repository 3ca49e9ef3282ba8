import Synchronization

/// Requests queued while batches are in flight, sent together as the next batch, a few batches at once (each
/// drained by a task of its own): what both PostgreSQL batchers share.
final class BatchQueue<Request: Sendable>: Sendable {
    private struct State {
        var pending: [Request] = []
        /// How many drain tasks run (each sends one batch at a time).
        var draining = 0
    }

    private let parallelBatches: Int
    /// Takes the next batch out of the queued requests (leaving those that must wait for a later one).
    private let take: @Sendable (inout [Request]) -> [Request]
    private let send: @Sendable ([Request]) async -> Void
    private let state = Mutex(State())

    init(
        parallelBatches: Int, take: @escaping @Sendable (inout [Request]) -> [Request],
        send: @escaping @Sendable ([Request]) async -> Void
    ) {
        self.parallelBatches = max(parallelBatches, 1)
        self.take = take
        self.send = send
    }

    /// Queues `request`; starts a drain task unless enough already run.
    func submit(_ request: Request) {
        let parallelBatches = self.parallelBatches
        let startDrain = state.withLock { state in
            state.pending.append(request)
            if state.draining >= parallelBatches { return false }
            state.draining += 1
            return true
        }
        if startDrain { Task { await self.drain() } }
    }

    /// Sends batches until nothing is queued.
    private func drain() async {
        while true {
            let batch = state.withLock { state in
                let batch = take(&state.pending)
                if batch.isEmpty { state.draining -= 1 }
                return batch
            }
            if batch.isEmpty { return }
            await send(batch)
        }
    }
}
