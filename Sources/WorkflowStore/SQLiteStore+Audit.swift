import Foundation
import GRDB

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
}
