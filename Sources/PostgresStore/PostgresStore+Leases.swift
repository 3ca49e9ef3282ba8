import Foundation
import Logging
import PostgresNIO
import Synchronization
import WorkflowEngine
import WorkflowStore

/// Ownership leases (``InstanceLease``), shared by every process on the database.
///
/// A claim locks the instance row with `FOR UPDATE SKIP LOCKED`: of several processes claiming one instance at
/// once, one gets the row and decides on the lease (``StoredLease/claim(_:instance:owner:now:expiresAt:)``, the
/// same rule as every store); the others find it locked and are refused at once with `leaseHeld`. The claim then
/// locks the lease row `FOR UPDATE` (skipping it, and refused, while an append holds it) before raising the epoch;
/// a fenced append locks the same row `FOR KEY SHARE` with the epoch it expects (``FencedAppendStatement``), so a
/// claim and a write never interleave.
extension PostgresStore {
    public func claim(
        instance id: String, owner: String, now: Date, expiresAt: Date
    ) async throws(StoreError) -> InstanceLease {
        let logger = self.logger
        let result = Mutex<InstanceLease?>(nil)
        try await write("claiming instance \(id)") { connection in
            let locked = try await Self.first(
                Int.self, "SELECT seq FROM instances WHERE id = \(id) FOR UPDATE SKIP LOCKED", on: connection, logger)
            if locked == nil {
                let exists = try await Self.first(
                    Int.self, "SELECT seq FROM instances WHERE id = \(id)", on: connection, logger)
                guard exists != nil else { throw StoreError(.notFound, "no instance \(id)") }
                throw StoreError(.leaseHeld, "instance \(id) is being claimed or written by another process")
            }
            let claimed = try StoredLease.claim(
                try await Self.lockedLease(id, on: connection, logger), instance: id, owner: owner, now: now,
                expiresAt: expiresAt)
            try await Self.run(
                """
                INSERT INTO leases (instance_id, owner, epoch, expires_at, released, takeovers)
                VALUES (\(id), \(owner), \(claimed.epoch), \(claimed.expiresAt.timeIntervalSinceReferenceDate), FALSE,
                    \(claimed.takeovers))
                ON CONFLICT (instance_id) DO UPDATE SET owner = excluded.owner, epoch = excluded.epoch,
                    expires_at = excluded.expires_at, released = FALSE, takeovers = excluded.takeovers
                """, on: connection, logger)
            result.withLock { $0 = claimed.lease(of: id) }
        }
        guard let lease = result.withLock({ $0 }) else { throw StoreError(.io, "the claim of \(id) was not recorded") }
        return lease
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

    /// The lease row of `id`, locked `FOR UPDATE` (the lock every fenced append's `FOR KEY SHARE` waits for or
    /// makes this wait), or `nil` when the instance has none yet.
    /// - Throws: `leaseHeld` when an append holds the row: its owner is writing right now.
    static func lockedLease(
        _ id: String, on connection: PostgresConnection, _ logger: Logger
    ) async throws
        -> StoredLease?
    {
        let found = try await lease(
            """
            SELECT owner, epoch, expires_at, released, takeovers FROM leases WHERE instance_id = \(id)
            FOR UPDATE SKIP LOCKED
            """, on: connection, logger)
        if found == nil,
            try await first(Int.self, "SELECT 1 FROM leases WHERE instance_id = \(id)", on: connection, logger) != nil
        {
            throw StoreError(.leaseHeld, "instance \(id) is being written by its owner")
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
