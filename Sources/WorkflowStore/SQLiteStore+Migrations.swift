import Foundation
import GRDB
import WorkflowEngine

extension SQLiteStore {
    /// One step of the schema's history. Never edit a shipped migration: add the next one.
    struct Migration: Sendable {
        var version: Int
        var name: String
        var sql: String
    }

    /// The schema's history, in order; `PRAGMA user_version` is the last version applied, and
    /// `schema_migrations` records when each one ran.
    static let migrations: [Migration] = [
        Migration(
            version: 1, name: "instances and journal",
            sql: """
                CREATE TABLE instances (
                    seq INTEGER PRIMARY KEY,              -- creation order: newest first is seq DESC
                    id TEXT NOT NULL UNIQUE,
                    workflow_id TEXT NOT NULL,
                    workflow_version INTEGER,
                    status TEXT NOT NULL,
                    started_at REAL NOT NULL,             -- seconds since 2001-01-01 UTC (exact Date round trip)
                    ended_at REAL,
                    summary TEXT NOT NULL,                -- InstanceSummary JSON snapshot
                    summary_through INTEGER NOT NULL      -- last journal sequence folded into it (-1: none)
                );
                CREATE INDEX instances_by_workflow ON instances (workflow_id, seq);
                CREATE INDEX instances_by_workflow_status ON instances (workflow_id, status);
                CREATE INDEX instances_by_status ON instances (status, seq);
                CREATE TABLE journal (
                    instance_seq INTEGER NOT NULL REFERENCES instances (seq),
                    sequence INTEGER NOT NULL,
                    time REAL NOT NULL,
                    event TEXT NOT NULL,                  -- InstanceEvent JSON
                    PRIMARY KEY (instance_seq, sequence)
                ) WITHOUT ROWID;
                """),
        Migration(
            version: 2, name: "workflow definitions and spec versions",
            sql: """
                CREATE TABLE workflows (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    description TEXT NOT NULL,
                    published INTEGER NOT NULL,
                    tags TEXT NOT NULL,                   -- JSON array of strings
                    webhook_secret TEXT,
                    version INTEGER NOT NULL,             -- current spec version
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX workflows_by_created ON workflows (created_at, id);
                CREATE INDEX workflows_by_updated ON workflows (updated_at, id);
                CREATE INDEX workflows_by_name ON workflows (name COLLATE stepwise_name, id);
                CREATE TABLE workflow_versions (         -- kept after a delete: instances pin versions
                    workflow_id TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    spec TEXT NOT NULL,                   -- the typed WorkflowSpec, JSON
                    submitted_spec TEXT NOT NULL,         -- the spec as submitted, JSON
                    created_at REAL NOT NULL,
                    PRIMARY KEY (workflow_id, version)
                ) WITHOUT ROWID;
                """),
        Migration(
            version: 3, name: "cancel requests from other processes",
            sql: """
                CREATE TABLE cancel_requests (
                    instance_id TEXT PRIMARY KEY,
                    requested_at REAL NOT NULL
                ) WITHOUT ROWID;
                """),
        Migration(
            version: 4, name: "instance ownership leases",
            sql: """
                CREATE TABLE leases (
                    instance_id TEXT PRIMARY KEY,
                    owner TEXT NOT NULL,
                    epoch INTEGER NOT NULL,               -- raised by every claim; fences journal writes
                    expires_at REAL NOT NULL,             -- seconds since 2001-01-01 UTC
                    released INTEGER NOT NULL,
                    takeovers INTEGER NOT NULL            -- claims from an owner that died holding the lease
                ) WITHOUT ROWID;
                CREATE INDEX leases_by_owner ON leases (owner);
                """),
        Migration(
            version: 5, name: "audit trail of API changes",
            sql: """
                CREATE TABLE audit_log (
                    seq INTEGER PRIMARY KEY,              -- recording order: newest first is seq DESC
                    time REAL NOT NULL,                   -- seconds since 2001-01-01 UTC
                    key_name TEXT,                        -- the key's name (never its value); NULL without keys
                    method TEXT NOT NULL,
                    route TEXT NOT NULL,
                    target TEXT,                          -- the workflow or instance acted on
                    status INTEGER NOT NULL
                );
                """),
    ]

    /// Applies the migrations the file has not seen, each in its own transaction.
    /// - Throws: ``StoreError`` `corrupt` when the file is newer than this code, `io` when a migration fails.
    static func migrate(_ pool: DatabasePool) throws(StoreError) {
        do {
            try pool.barrierWriteWithoutTransaction { db in
                try db.execute(
                    sql: """
                        CREATE TABLE IF NOT EXISTS schema_migrations (
                            version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at REAL NOT NULL)
                        """)
                let current = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                let latest = migrations.last?.version ?? 0
                guard current <= latest else {
                    throw StoreError(.corrupt, "schema version \(current) is newer than this build's \(latest)")
                }
                for migration in migrations where migration.version > current {
                    try db.inTransaction(.immediate) {
                        // Another process opening a new file at the same time may have applied it since `current`
                        // was read: the immediate transaction holds the write lock, so this reading is final.
                        guard try (Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0) < migration.version else {
                            return .commit
                        }
                        try db.execute(sql: migration.sql)
                        try db.execute(
                            sql: "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                            arguments: [migration.version, migration.name, Date().timeIntervalSinceReferenceDate])
                        try db.execute(sql: "PRAGMA user_version = \(migration.version)")
                        return .commit
                    }
                }
            }
        } catch {
            throw storeError(error)
        }
    }

    /// The migrations recorded in the file, oldest first: `(version, name)`.
    public func appliedMigrations() async throws(StoreError) -> [(version: Int, name: String)] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT version, name FROM schema_migrations ORDER BY version").map {
                row -> (version: Int, name: String) in
                (try row.decode(Int.self, atIndex: 0), try row.decode(String.self, atIndex: 1))
            }
        }
    }
}

extension SQLiteStore {
    /// Sets `PRAGMA user_version`, to test how a file from another schema version is handled.
    public func setSchemaVersionForTesting(_ version: Int) async throws(StoreError) {
        try await write { db in try db.execute(sql: "PRAGMA user_version = \(version)") }
    }
}
