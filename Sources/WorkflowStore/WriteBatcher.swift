import GRDB
import Synchronization

/// Group commit: writes queued by many tasks are committed together, in one transaction on the writer
/// connection, each in its own savepoint so one failing write does not undo the others.
///
/// The writer runs on GRDB's serial writer queue (a dispatch queue), never on Swift's cooperative pool; callers
/// wait on a continuation.
final class WriteBatcher: Sendable {
    typealias Work = @Sendable (Database) throws -> Void

    private struct Request: Sendable {
        var work: Work
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var pending: [Request] = []
        /// Whether a drain is queued or running on the writer.
        var draining = false
    }

    private let writer: DatabasePool
    private let state = Mutex(State())

    init(writer: DatabasePool) {
        self.writer = writer
    }

    /// Queues `work` and returns once the transaction holding it committed.
    /// - Throws: the error `work` threw (its savepoint was rolled back), or the commit's error.
    func write(_ work: @escaping Work) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let startDrain = state.withLock { state in
                state.pending.append(Request(work: work, continuation: continuation))
                if state.draining { return false }
                state.draining = true
                return true
            }
            if startDrain {
                writer.asyncWriteWithoutTransaction { db in self.drain(db) }
            }
        }
    }

    /// Commits batches until nothing is queued.
    private func drain(_ db: Database) {
        while true {
            let batch = state.withLock { state in
                let batch = state.pending
                state.pending.removeAll(keepingCapacity: true)
                if batch.isEmpty { state.draining = false }
                return batch
            }
            if batch.isEmpty { return }
            commit(batch, db)
        }
    }

    private func commit(_ batch: [Request], _ db: Database) {
        var failures: [Int: any Error] = [:]
        do {
            try db.inTransaction(.immediate) {
                for (index, request) in batch.enumerated() {
                    do {
                        try db.inSavepoint {
                            try request.work(db)
                            return .commit
                        }
                    } catch {
                        failures[index] = error
                    }
                }
                return .commit
            }
        } catch {
            for index in batch.indices where failures[index] == nil { failures[index] = error }
        }
        for (index, request) in batch.enumerated() {
            if let error = failures[index] {
                request.continuation.resume(throwing: error)
            } else {
                request.continuation.resume()
            }
        }
    }
}
