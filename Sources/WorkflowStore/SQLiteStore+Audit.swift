import Foundation
import GRDB
import Synchronization

/// The audit trail in the `audit_log` table (migration 5), one row per entry.
extension SQLiteStore: AuditLog {
    public func record(_ entry: AuditEntry) async throws(StoreError) {
        try await write { db in
            try db.cachedStatement(
                sql: """
                    INSERT INTO audit_log (time, key_name, method, route, target, status) VALUES (?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                entry.time.timeIntervalSinceReferenceDate, entry.keyName, entry.method, entry.route, entry.target,
                entry.status,
            ])
        }
    }

    public func auditEntries(limit: Int) async throws(StoreError) -> [AuditEntry] {
        try await read { db in
            try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT seq, time, key_name, method, route, target, status FROM audit_log
                        ORDER BY seq DESC LIMIT ?
                        """),
                arguments: [max(limit, 0)]
            ).map { row in
                AuditEntry(
                    sequence: try row.decode(Int.self, atIndex: 0),
                    time: Date(timeIntervalSinceReferenceDate: try row.decode(Double.self, atIndex: 1)),
                    keyName: try row.decode(String?.self, atIndex: 2), method: try row.decode(String.self, atIndex: 3),
                    route: try row.decode(String.self, atIndex: 4), target: try row.decode(String?.self, atIndex: 5),
                    status: try row.decode(Int.self, atIndex: 6))
            }
        }
    }

    public func pruneAudit(before cutoff: Date?, keepingAtMost maximum: Int?) async throws(StoreError) -> Int {
        let removed = Mutex(0)
        try await write { db in
            var count = 0
            if let cutoff {
                try db.execute(
                    sql: "DELETE FROM audit_log WHERE time < ?", arguments: [cutoff.timeIntervalSinceReferenceDate])
                count += db.changesCount
            }
            if let maximum {
                try db.execute(
                    sql: """
                        DELETE FROM audit_log WHERE seq <= (SELECT seq FROM audit_log ORDER BY seq DESC LIMIT 1 OFFSET ?)
                        """, arguments: [max(maximum, 0)])
                count += db.changesCount
            }
            removed.withLock { $0 = count }
        }
        return removed.withLock { $0 }
    }
}
