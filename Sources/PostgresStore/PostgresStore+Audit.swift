import Foundation
import PostgresNIO
import WorkflowStore

/// The audit trail in the `audit_log` table (``auditMigration``), one row per entry, as the SQLite store keeps
/// it: times as seconds since 2001-01-01 UTC, the sequence given by the database.
extension PostgresStore: AuditLog {
    /// The migration that adds the audit trail's table.
    static let auditMigration = Migration(
        version: 2, name: "audit trail of API changes",
        sql: [
            """
            CREATE TABLE audit_log (
                seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                time DOUBLE PRECISION NOT NULL,
                key_name TEXT,                            -- the key's name; NULL when the server asks for none
                method TEXT NOT NULL,
                route TEXT NOT NULL,
                target TEXT,
                status BIGINT NOT NULL
            )
            """,
            "CREATE INDEX audit_log_by_time ON audit_log (time)",
        ])

    public func record(_ entry: AuditEntry) async throws(StoreError) {
        let time = entry.time.timeIntervalSinceReferenceDate
        try await read("recording an audit entry") { connection, logger in
            try await Self.run(
                """
                INSERT INTO audit_log (time, key_name, method, route, target, status)
                VALUES (\(time), \(entry.keyName), \(entry.method), \(entry.route), \(entry.target), \(entry.status))
                """, on: connection, logger)
        }
    }

    public func auditEntries(limit: Int) async throws(StoreError) -> [AuditEntry] {
        let limit = max(limit, 0)
        return try await read("reading the audit trail") { connection, logger in
            var entries: [AuditEntry] = []
            let rows = try await connection.query(
                """
                SELECT seq, time, key_name, method, route, target, status FROM audit_log
                ORDER BY seq DESC LIMIT \(limit)
                """, logger: logger)
            for try await (sequence, time, key, method, route, target, status) in rows.decode(
                (Int, Double, String?, String, String, String?, Int).self)
            {
                entries.append(
                    AuditEntry(
                        sequence: sequence, time: Date(timeIntervalSinceReferenceDate: time), keyName: key,
                        method: method, route: route, target: target, status: status))
            }
            return entries
        }
    }

    public func pruneAudit(before cutoff: Date?, keepingAtMost maximum: Int?) async throws(StoreError) -> Int {
        let time = cutoff?.timeIntervalSinceReferenceDate
        let keep = maximum.map { max($0, 0) }
        return try await read("pruning the audit trail") { connection, logger in
            var removed = 0
            if let time {
                let rows = try await connection.query(
                    "WITH gone AS (DELETE FROM audit_log WHERE time < \(time) RETURNING 1) SELECT count(*) FROM gone",
                    logger: logger)
                for try await count in rows.decode(Int.self) { removed += count }
            }
            if let keep {
                let rows = try await connection.query(
                    """
                    WITH gone AS (
                        DELETE FROM audit_log WHERE seq <= (
                            SELECT seq FROM audit_log ORDER BY seq DESC OFFSET \(keep) LIMIT 1)
                        RETURNING 1)
                    SELECT count(*) FROM gone
                    """, logger: logger)
                for try await count in rows.decode(Int.self) { removed += count }
            }
            return removed
        }
    }
}
