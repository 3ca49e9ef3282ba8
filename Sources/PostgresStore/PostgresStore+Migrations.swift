import Foundation
import PostgresNIO
import WorkflowStore

extension PostgresStore {
    /// One step of the schema's history. Never edit a shipped migration: add the next one.
    struct Migration: Sendable {
        var version: Int
        var name: String
        var sql: [String]
    }

    /// The schema's history, in order; `schema_migrations` records each one applied. The columns mean what the
    /// SQLite store's do: JSON text from the same encoders, times as seconds since 2001-01-01 UTC.
    static let migrations: [Migration] = [
        Migration(
            version: 1, name: "instances, journal, workflows, cancel requests and leases",
            sql: [
                """
                CREATE TABLE instances (
                    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,  -- creation order
                    id TEXT NOT NULL UNIQUE,
                    workflow_id TEXT NOT NULL,
                    workflow_version BIGINT,
                    status TEXT NOT NULL,
                    started_at DOUBLE PRECISION NOT NULL,
                    ended_at DOUBLE PRECISION,
                    summary TEXT NOT NULL,                -- InstanceSummary JSON snapshot
                    summary_through BIGINT NOT NULL       -- last journal sequence folded into it (-1: none)
                )
                """,
                "CREATE INDEX instances_by_workflow ON instances (workflow_id, seq)",
                "CREATE INDEX instances_by_status ON instances (status, seq)",
                """
                CREATE TABLE journal (
                    instance_seq BIGINT NOT NULL REFERENCES instances (seq),
                    sequence BIGINT NOT NULL,
                    time DOUBLE PRECISION NOT NULL,
                    event TEXT NOT NULL,                  -- InstanceEvent JSON
                    PRIMARY KEY (instance_seq, sequence)
                )
                """,
                """
                CREATE TABLE workflows (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    name_key TEXT NOT NULL,               -- the name lowercased: sorting and filtering
                    description TEXT NOT NULL,
                    published BOOLEAN NOT NULL,
                    tags TEXT NOT NULL,                   -- JSON array of strings
                    webhook_secret TEXT,
                    version BIGINT NOT NULL,              -- current spec version
                    created_at DOUBLE PRECISION NOT NULL,
                    updated_at DOUBLE PRECISION NOT NULL
                )
                """,
                """
                CREATE TABLE workflow_versions (          -- kept after a delete: instances pin versions
                    workflow_id TEXT NOT NULL,
                    version BIGINT NOT NULL,
                    spec TEXT NOT NULL,                   -- the typed WorkflowSpec, JSON
                    submitted_spec TEXT NOT NULL,         -- the spec as submitted, JSON
                    created_at DOUBLE PRECISION NOT NULL,
                    PRIMARY KEY (workflow_id, version)
                )
                """,
                """
                CREATE TABLE cancel_requests (
                    instance_id TEXT PRIMARY KEY,
                    requested_at DOUBLE PRECISION NOT NULL
                )
                """,
                """
                CREATE TABLE leases (
                    instance_id TEXT PRIMARY KEY,
                    owner TEXT NOT NULL,
                    epoch BIGINT NOT NULL,                -- raised by every claim; fences journal writes
                    expires_at DOUBLE PRECISION NOT NULL,
                    released BOOLEAN NOT NULL,
                    takeovers BIGINT NOT NULL             -- claims from an owner that died holding the lease
                )
                """,
                "CREATE INDEX leases_by_owner ON leases (owner)",
            ]),
        auditMigration,
    ]

    /// The lock several processes opening a new database at once take (with the schema's hash), so one of them
    /// migrates it.
    private static let migrationLock: Int32 = 0x5354_5750  // "STWP"

    /// Applies the migrations the database has not seen, in one transaction under an advisory lock.
    /// - Throws: ``StoreError`` `io` when the server is not reached within `patience` or a migration fails,
    ///   `corrupt` when the database is newer than this code.
    func migrate(within patience: Duration) async throws(StoreError) {
        let work: @Sendable () async throws -> Void = { [self] in
            try await client.withConnection { connection in
                try await connection.withTransaction(logger: logger) { connection in
                    try await self.applyMigrations(connection)
                }
            }
        }
        do {
            try await Deadline.run(patience, work)
        } catch {
            throw storeError(error, "while opening the store and migrating its schema")
        }
    }

    private func applyMigrations(_ connection: PostgresConnection) async throws {
        // One lock per schema: stores of different schemas migrate at the same time.
        try await connection.query(
            "SELECT pg_advisory_xact_lock(\(Self.migrationLock), hashtext(\(url.schema ?? "public")))", logger: logger)
        if let schema = url.schema {
            try await connection.query(
                PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(schema)"), logger: logger)
        }
        try await connection.query(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at DOUBLE PRECISION NOT NULL)
            """, logger: logger)
        var current = 0
        for try await version in try await connection.query(
            "SELECT coalesce(max(version), 0) FROM schema_migrations", logger: logger
        ).decode(Int.self) {
            current = version
        }
        let latest = Self.migrations.last?.version ?? 0
        guard current <= latest else {
            throw StoreError(.corrupt, "schema version \(current) is newer than this build's \(latest)")
        }
        for migration in Self.migrations where migration.version > current {
            for statement in migration.sql {
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            }
            let now = Date().timeIntervalSinceReferenceDate
            try await connection.query(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (\(migration.version), \(migration.name), \(now))",
                logger: logger)
        }
    }

    /// The migrations recorded in the database, oldest first: `(version, name)`.
    public func appliedMigrations() async throws(StoreError) -> [(version: Int, name: String)] {
        do {
            var applied: [(version: Int, name: String)] = []
            for try await (version, name) in try await client.query(
                "SELECT version, name FROM schema_migrations ORDER BY version", logger: logger
            ).decode((Int, String).self) {
                applied.append((version, name))
            }
            return applied
        } catch {
            throw storeError(error, "reading the schema's migrations")
        }
    }

    /// Records a schema version newer than this build knows, to test how such a database is refused.
    public func setSchemaVersionForTesting(_ version: Int) async throws(StoreError) {
        do {
            try await client.query(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (\(version), 'test', 0)",
                logger: logger)
        } catch {
            throw storeError(error, "recording a schema version")
        }
    }
}

extension PostgresStore {
    /// Drops the store's own schema (``PostgresURL/schema``) with everything in it, then closes the store: for
    /// throwaway stores (tests, benchmarks).
    /// - Throws: ``StoreError`` `io` when the store has no schema of its own (it never drops `public`) or the
    ///   drop fails; the store is closed either way.
    public func dropSchemaAndClose() async throws(StoreError) {
        var failure: StoreError?
        if let schema = url.schema {
            do {
                try await client.query(
                    PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \(schema) CASCADE"), logger: logger)
            } catch {
                failure = storeError(error, "dropping schema \(schema)")
            }
        } else {
            failure = StoreError(.io, "\(url.redacted) names no schema of its own: nothing is dropped")
        }
        await close()
        if let failure { throw failure }
    }
}
