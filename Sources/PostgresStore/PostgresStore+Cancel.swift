import Foundation
import PostgresNIO
import WorkflowStore

/// Cancel requests: a row per instance, and a `NOTIFY` on the store's channel in the same transaction, so the
/// process running the instance hears of it when the request commits.
extension PostgresStore {
    public func requestCancel(instance id: String) async throws(StoreError) {
        let now = Date().timeIntervalSinceReferenceDate
        let logger = self.logger
        let channel = notices.channel
        try await write("asking to cancel instance \(id)") { connection in
            guard
                try await Self.first(Int.self, "SELECT seq FROM instances WHERE id = \(id)", on: connection, logger)
                    != nil
            else { throw StoreError(.notFound, "no instance \(id)") }
            try await Self.run(
                """
                INSERT INTO cancel_requests (instance_id, requested_at) VALUES (\(id), \(now))
                ON CONFLICT (instance_id) DO UPDATE SET requested_at = excluded.requested_at
                """, on: connection, logger)
            try await Self.run("SELECT pg_notify(\(channel), \(id))", on: connection, logger)
        }
    }

    public func cancelRequests() async throws(StoreError) -> Set<String> {
        try await read("reading cancel requests") { connection, logger in
            var ids: Set<String> = []
            for try await id in try await connection.query("SELECT instance_id FROM cancel_requests", logger: logger)
                .decode(String.self)
            {
                ids.insert(id)
            }
            return ids
        }
    }

    public func takeCancelRequest(instance id: String) async throws(StoreError) {
        try await read("removing the cancel request of \(id)") { connection, logger in
            try await Self.run("DELETE FROM cancel_requests WHERE instance_id = \(id)", on: connection, logger)
        }
    }

    /// Cancel requests as any process makes them (`LISTEN`), for the executor to act on at once; its poll of
    /// ``cancelRequests()`` stays the fallback for what is announced while the connection is down.
    public func cancelRequestNotices() -> AsyncStream<String>? {
        notices.subscribe()
    }
}
