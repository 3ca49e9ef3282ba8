import Foundation
import GRDB
import Synchronization
import WorkflowEngine

/// Ownership leases (``InstanceLease``): one row per instance ever claimed, read and written inside the group
/// commit's write transaction, so a claim and a fenced append never interleave.
extension SQLiteStore {
    public func claim(
        instance id: String, owner: String, now: Date, expiresAt: Date
    ) async throws(StoreError) -> InstanceLease {
        let result = Mutex<InstanceLease?>(nil)
        try await write { db in
            guard
                try Bool.fetchOne(
                    db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM instances WHERE id = ?)"), arguments: [id])
                    ?? false
            else { throw StoreError(.notFound, "no instance \(id)") }
            let lease = try Self.recordClaim(db, id, owner: owner, now: now, expiresAt: expiresAt)
            result.withLock { $0 = lease }
        }
        guard let lease = result.withLock({ $0 }) else { throw StoreError(.io, "the claim of \(id) was not recorded") }
        // Claimed before (by another process, perhaps): the cached fold may miss what others appended since.
        if lease.epoch > 1 { live.drop(id) }
        return lease
    }

    /// Claims instance `id` (which exists) in `db`'s transaction.
    static func recordClaim(
        _ db: Database, _ id: String, owner: String, now: Date, expiresAt: Date
    ) throws -> InstanceLease {
        let claimed = try StoredLease.claim(
            Self.storedLease(db, id), instance: id, owner: owner, now: now, expiresAt: expiresAt)
        try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO leases (instance_id, owner, epoch, expires_at, released, takeovers)
                VALUES (?, ?, ?, ?, 0, ?)
                """
        ).execute(arguments: [
            id, owner, claimed.epoch, claimed.expiresAt.timeIntervalSinceReferenceDate, claimed.takeovers,
        ])
        return claimed.lease(of: id)
    }

    public func renewLeases(owner: String, expiresAt: Date) async throws(StoreError) -> Set<String> {
        try await write { db in
            try db.cachedStatement(sql: "UPDATE leases SET expires_at = ? WHERE owner = ? AND released = 0")
                .execute(arguments: [expiresAt.timeIntervalSinceReferenceDate, owner])
        }
        return try await read { db in
            Set(
                try String.fetchAll(
                    db.cachedStatement(sql: "SELECT instance_id FROM leases WHERE owner = ? AND released = 0"),
                    arguments: [owner]))
        }
    }

    public func release(_ lease: InstanceLease) async throws(StoreError) {
        try await write { db in try Self.recordRelease(db, lease) }
    }

    /// Releases `lease` in `db`'s transaction (nothing when it is no longer the instance's lease).
    static func recordRelease(_ db: Database, _ lease: InstanceLease) throws {
        try db.cachedStatement(
            sql: "UPDATE leases SET released = 1, takeovers = 0 WHERE instance_id = ? AND epoch = ? AND owner = ?"
        ).execute(arguments: [lease.instanceId, lease.epoch, lease.owner])
    }

    public func lease(instance id: String) async throws(StoreError) -> InstanceLease? {
        try await read { db in try Self.storedLease(db, id)?.lease(of: id) }
    }

    static func storedLease(_ db: Database, _ id: String) throws -> StoredLease? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: "SELECT owner, epoch, expires_at, released, takeovers FROM leases WHERE instance_id = ?"),
                arguments: [id])
        else { return nil }
        return StoredLease(
            owner: try row.decode(String.self, atIndex: 0), epoch: try row.decode(Int.self, atIndex: 1),
            expiresAt: Date(timeIntervalSinceReferenceDate: try row.decode(Double.self, atIndex: 2)),
            released: try row.decode(Bool.self, atIndex: 3), takeovers: try row.decode(Int.self, atIndex: 4))
    }

    /// Throws `leaseLost` unless `fence` is the instance's current lease.
    static func checkFence(_ db: Database, _ fence: InstanceLease) throws {
        let current = try storedLease(db, fence.instanceId)
        guard let current, current.epoch == fence.epoch, current.owner == fence.owner else {
            throw StoreError(
                .leaseLost, "instance \(fence.instanceId) was claimed by another process; its write was refused")
        }
    }
}

extension SQLiteStore {
    public func claimable(now: Date, limit: Int) async throws(StoreError) -> [InstanceSummary] {
        guard limit > 0 else { return [] }
        return try await read { db in
            try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT i.seq, i.summary, i.summary_through FROM instances i
                        LEFT JOIN leases l ON l.instance_id = i.id
                        WHERE i.status = ? AND (l.instance_id IS NULL OR l.released = 1 OR l.expires_at <= ?)
                        ORDER BY i.seq LIMIT ?
                        """),
                arguments: [InstanceStatus.inProgress.rawValue, now.timeIntervalSinceReferenceDate, limit]
            ).map { row in try Self.summary(db, Self.SummaryRow(row)) }
        }
    }
}
