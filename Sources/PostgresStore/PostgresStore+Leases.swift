import Foundation
import Logging
import PostgresNIO
import WorkflowEngine
import WorkflowStore

/// Ownership leases (``InstanceLease``), shared by every process on the database.
///
/// A claim reads the lease, decides on the new one (``StoredLease/claim(_:instance:owner:now:expiresAt:)``, the
/// same rule as every store), then writes it in one statement that compares and swaps: it locks the lease row
/// `FOR UPDATE SKIP LOCKED` only while the row still holds what was read, and raises the epoch. Of several
/// processes claiming one instance at once, one swaps; the others find the row changed or locked and are refused
/// with `leaseHeld` (a first claim inserts the row: the others find it there). A fenced append locks the same row
/// `FOR KEY SHARE` with the epoch it expects (``FencedAppendStatement``), so a claim and a write never interleave:
/// a claim skips the row an append holds (refused), and an append waiting for a claim finds the new epoch.
extension PostgresStore {
    public func claim(
        instance id: String, owner: String, now: Date, expiresAt: Date
    ) async throws(StoreError) -> InstanceLease {
        let logger = self.logger
        let (found, current) = try await read("reading the lease of \(id)") { connection, logger in
            var found = false
            var current: StoredLease?
            for try await (owner, epoch, expires, released, takeovers) in try await connection.query(
                """
                SELECT l.owner, l.epoch, l.expires_at, l.released, l.takeovers
                FROM instances i LEFT JOIN leases l ON l.instance_id = i.id WHERE i.id = \(id)
                """, logger: logger
            ).decode((String?, Int?, Double?, Bool?, Int?).self) {
                found = true
                if let owner, let epoch, let expires, let released, let takeovers {
                    current = StoredLease(
                        owner: owner, epoch: epoch, expiresAt: Date(timeIntervalSinceReferenceDate: expires),
                        released: released, takeovers: takeovers)
                }
            }
            return (found, current)
        }
        guard found else { throw StoreError(.notFound, "no instance \(id)") }
        let claimed = try StoredLease.claim(current, instance: id, owner: owner, now: now, expiresAt: expiresAt)
        let swap = Self.swap(id, from: current, to: claimed)
        try await write("claiming instance \(id)", singleStatement: true) { connection in
            guard try await Self.first(Int.self, swap, on: connection, logger) != nil else {
                throw StoreError(.leaseHeld, "instance \(id) is being claimed or written by another process")
            }
        }
        return claimed.lease(of: id)
    }

    /// The statement that writes `new` only while the lease row still holds `old` (none: the row must not exist)
    /// and no one holds it; a row of the new epoch when it did.
    private static func swap(_ id: String, from old: StoredLease?, to new: StoredLease) -> PostgresQuery {
        let expires = new.expiresAt.timeIntervalSinceReferenceDate
        guard let old else {
            return """
                INSERT INTO leases (instance_id, owner, epoch, expires_at, released, takeovers)
                VALUES (\(id), \(new.owner), \(new.epoch), \(expires), FALSE, \(new.takeovers))
                ON CONFLICT (instance_id) DO NOTHING RETURNING epoch
                """
        }
        return """
            WITH locked AS (
                SELECT instance_id FROM leases
                WHERE instance_id = \(id) AND owner = \(old.owner) AND epoch = \(old.epoch)
                    AND expires_at = \(old.expiresAt.timeIntervalSinceReferenceDate) AND released = \(old.released)
                FOR UPDATE SKIP LOCKED
            )
            UPDATE leases l SET owner = \(new.owner), epoch = \(new.epoch), expires_at = \(expires), released = FALSE,
                takeovers = \(new.takeovers)
            FROM locked WHERE l.instance_id = locked.instance_id RETURNING l.epoch
            """
    }

    public func renewLeases(owner: String, expiresAt: Date) async throws(StoreError) -> Set<String> {
        try await read("renewing the leases of \(owner)") { connection, logger in
            var held: Set<String> = []
            for try await id in try await connection.query(
                """
                UPDATE leases SET expires_at = \(expiresAt.timeIntervalSinceReferenceDate)
                WHERE owner = \(owner) AND NOT released RETURNING instance_id
                """, logger: logger
            ).decode(String.self) {
                held.insert(id)
            }
            return held
        }
    }

    public func release(_ lease: InstanceLease) async throws(StoreError) {
        try await read("releasing instance \(lease.instanceId)") { connection, logger in
            try await Self.run(
                """
                UPDATE leases SET released = TRUE, takeovers = 0
                WHERE instance_id = \(lease.instanceId) AND epoch = \(lease.epoch) AND owner = \(lease.owner)
                """, on: connection, logger)
        }
    }

    public func lease(instance id: String) async throws(StoreError) -> InstanceLease? {
        try await read("reading the lease of \(id)") { connection, logger in
            try await Self.storedLease(id, on: connection, logger)?.lease(of: id)
        }
    }

    static func storedLease(
        _ id: String, on connection: PostgresConnection, _ logger: Logger
    ) async throws
        -> StoredLease?
    {
        try await lease(
            "SELECT owner, epoch, expires_at, released, takeovers FROM leases WHERE instance_id = \(id)",
            on: connection, logger)
    }

    /// The lease row `query` selects (`owner, epoch, expires_at, released, takeovers`), or `nil`.
    private static func lease(
        _ query: PostgresQuery, on connection: PostgresConnection, _ logger: Logger
    )
        async throws -> StoredLease?
    {
        var found: StoredLease?
        for try await (owner, epoch, expiresAt, released, takeovers) in try await connection.query(
            query, logger: logger
        ).decode((String, Int, Double, Bool, Int).self) {
            found = StoredLease(
                owner: owner, epoch: epoch, expiresAt: Date(timeIntervalSinceReferenceDate: expiresAt),
                released: released, takeovers: takeovers)
        }
        return found
    }

    /// Throws `leaseLost` unless `fence` is the instance's current lease.
    static func checkFence(_ fence: InstanceLease, on connection: PostgresConnection, _ logger: Logger) async throws {
        let current = try await storedLease(fence.instanceId, on: connection, logger)
        guard let current, current.epoch == fence.epoch, current.owner == fence.owner else {
            throw StoreError(
                .leaseLost, "instance \(fence.instanceId) was claimed by another process; its write was refused")
        }
    }
}

extension PostgresStore {
    public func claimable(now: Date, limit: Int) async throws(StoreError) -> [InstanceSummary] {
        guard limit > 0 else { return [] }
        return try await read("listing claimable instances") { connection, logger in
            try await Self.summaries(
                """
                SELECT i.seq, i.summary, i.summary_through FROM instances i
                LEFT JOIN leases l ON l.instance_id = i.id
                WHERE i.status = \(InstanceStatus.inProgress.rawValue)
                AND (l.instance_id IS NULL OR l.released OR l.expires_at <= \(now.timeIntervalSinceReferenceDate))
                ORDER BY i.seq LIMIT \(limit)
                """, on: connection, logger)
        }
    }
}
