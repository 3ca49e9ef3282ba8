import Logging
import PostgresNIO
import WorkflowStore

/// Group commit for PostgreSQL: writes queued by many tasks while transactions are in flight go together into
/// the next one, each batch on a pooled connection of its own (a few batches at once).
///
/// A write checks before it writes (it throws a ``StoreError`` only before its first row), so one refused write
/// leaves the others of its batch to commit. A statement the server refuses aborts the whole transaction: then each
/// write of the batch is tried again alone, so only the faulty one fails. A lost connection or a timeout fails the
/// whole batch.
final class PostgresWriteBatcher: Sendable {
    typealias Work = @Sendable (PostgresConnection) async throws -> Void

    private struct Request: Sendable {
        var work: Work
        var continuation: CheckedContinuation<Void, any Error>
    }

    private let client: PostgresClient
    private let logger: Logger
    private let grouped: Bool
    private let timeout: Duration
    /// Queued writes; `parallelBatches` batches commit at once: a batch's statements wait for the network one
    /// after the other, so several connections keep the server busy while the writes still share commits.
    private let queue: BatchQueue<Request>

    init(client: PostgresClient, logger: Logger, grouped: Bool, timeout: Duration, parallelBatches: Int) {
        self.client = client
        self.logger = logger
        self.grouped = grouped
        self.timeout = timeout
        queue = BatchQueue(
            parallelBatches: parallelBatches,
            take: { pending in
                defer { pending.removeAll(keepingCapacity: true) }
                return pending
            },
            send: { batch in await Self.commit(batch, client: client, logger: logger, timeout: timeout) })
    }

    /// Runs `work` in a transaction (shared with the writes queued meanwhile, when grouped) and returns once it
    /// committed. A `singleStatement` work runs without a transaction of its own when not grouped.
    /// - Throws: the ``StoreError`` `work` threw, or the database's error.
    func write(singleStatement: Bool = false, _ work: @escaping Work) async throws {
        if singleStatement, !grouped {
            // One statement is a transaction of its own: no BEGIN and COMMIT round trips.
            let client = self.client
            try await Deadline.run(timeout) { try await client.withConnection { try await work($0) } }
            return
        }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let request = Request(work: work, continuation: continuation)
            guard grouped else {
                let (client, logger, timeout) = (self.client, self.logger, self.timeout)
                Task { await Self.commit([request], client: client, logger: logger, timeout: timeout) }
                return
            }
            queue.submit(request)
        }
    }

    private static func commit(_ batch: [Request], client: PostgresClient, logger: Logger, timeout: Duration) async {
        let outcome: Result<[Int: StoreError], any Error>
        do {
            outcome = .success(
                try await Deadline.run(timeout) {
                    try await client.withConnection { connection in
                        try await Self.transaction(batch, on: connection, logger: logger)
                    }
                })
        } catch {
            outcome = .failure(error)
        }
        switch outcome {
        case .success(let refused):
            for (index, request) in batch.enumerated() {
                if let error = refused[index] {
                    request.continuation.resume(throwing: error)
                } else {
                    request.continuation.resume()
                }
            }
        case .failure(let error) where batch.count == 1 || !PostgresFailure.isRefusal(error):
            // The connection failed or timed out: trying each write alone would only wait as long again.
            for request in batch { request.continuation.resume(throwing: error) }
        case .failure:
            for request in batch { await commit([request], client: client, logger: logger, timeout: timeout) }
        }
    }

    /// Runs `batch` in one transaction.
    /// - Returns: the writes that refused themselves (they wrote nothing).
    /// - Throws: a database error; the transaction was rolled back (or the connection is gone).
    private static func transaction(
        _ batch: [Request], on connection: PostgresConnection, logger: Logger
    ) async throws -> [Int: StoreError] {
        try await connection.query("BEGIN", logger: logger)
        var refused: [Int: StoreError] = [:]
        do {
            for (index, request) in batch.enumerated() {
                do {
                    try await request.work(connection)
                } catch let error as StoreError {
                    refused[index] = error
                }
            }
            try await connection.query("COMMIT", logger: logger)
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
        return refused
    }
}
