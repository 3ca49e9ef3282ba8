import Logging
import PostgresNIO
import WorkflowStore

/// Fenced journal appends, coalesced: the appends that queue while statements are in flight go together into the
/// next ``FencedAppendStatement`` (one round trip and one commit for all of them), a few statements at once, each on
/// a pooled connection of its own. A lone append goes out at once: nothing waits for a batch to fill.
///
/// Each append learns its own outcome: written, its instance unknown, or its lease lost (that instance wrote
/// nothing; the others of the batch are written). A statement the server refuses is tried again append by append,
/// so only the faulty one fails; a lost connection or a timeout fails the batch.
final class PostgresAppendBatcher: Sendable {
    /// What became of one append.
    enum Outcome: Sendable, Equatable {
        /// The rows are written; `snapshotStored` tells whether the summary row was rewritten too.
        case written(snapshotStored: Bool)
        case notFound
        case leaseLost
    }

    private struct Request: Sendable {
        var append: FencedAppendStatement.Append
        var continuation: CheckedContinuation<Outcome, any Error>
    }

    /// The most appends one statement carries.
    static let maximumBatch = 512

    private let queue: BatchQueue<Request>

    init(client: PostgresClient, logger: Logger, timeout: Duration, parallelBatches: Int) {
        queue = BatchQueue(
            parallelBatches: parallelBatches, take: Self.takeBatch(from:),
            send: { batch in await Self.send(batch, client: client, logger: logger, timeout: timeout) })
    }

    /// Writes `append` with the appends queued meanwhile; returns once its statement committed.
    /// - Throws: the database's error (nothing of this append is known to be written).
    func append(_ append: FencedAppendStatement.Append) async throws -> Outcome {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Outcome, any Error>) in
            queue.submit(Request(append: append, continuation: continuation))
        }
    }

    /// The next batch: at most ``maximumBatch`` appends, each instance once (a second append of an instance waits
    /// for the next batch, so its rows follow the first's).
    private static func takeBatch(from pending: inout [Request]) -> [Request] {
        var batch: [Request] = []
        var kept: [Request] = []
        var instances: Set<String> = []
        for request in pending {
            if batch.count < maximumBatch, instances.insert(request.append.instance).inserted {
                batch.append(request)
            } else {
                kept.append(request)
            }
        }
        pending = kept
        return batch
    }

    private static func send(_ batch: [Request], client: PostgresClient, logger: Logger, timeout: Duration) async {
        let statement = FencedAppendStatement(appends: batch.map(\.append))
        let result: Result<[String: Outcome], any Error>
        do {
            result = .success(
                try await Deadline.run(timeout) {
                    try await client.withConnection { connection in
                        var outcomes: [String: Outcome] = [:]
                        for try await (id, exists, fenced, snapshotStored) in try await connection.execute(
                            statement, logger: logger)
                        {
                            outcomes[id] =
                                fenced ? .written(snapshotStored: snapshotStored) : exists ? .leaseLost : .notFound
                        }
                        return outcomes
                    }
                })
        } catch {
            result = .failure(error)
        }
        switch result {
        case .success(let outcomes):
            for request in batch {
                if let outcome = outcomes[request.append.instance] {
                    request.continuation.resume(returning: outcome)
                } else {
                    request.continuation.resume(
                        throwing: StoreError(.io, "the append to \(request.append.instance) got no answer"))
                }
            }
        case .failure(let error) where batch.count == 1 || !PostgresFailure.isRefusal(error):
            for request in batch { request.continuation.resume(throwing: error) }
        case .failure:
            for request in batch { await send([request], client: client, logger: logger, timeout: timeout) }
        }
    }
}
