import Foundation
import GRDB
import Synchronization
import WorkflowEngine

/// The durable store: instances and workflow definitions in one SQLite file (WAL, `synchronous=NORMAL`),
/// created with its schema on first use.
///
/// Writes are group-committed: every ``append(instance:_:)`` (one per scheduler turn) queues its rows, and one
/// writer connection commits whatever is queued in a single transaction, so 1,000 instances running at once
/// share commits instead of paying one each. Reads run on a pool of reader connections, concurrently with the
/// writer. SQLite calls never block Swift's cooperative pool: they run on GRDB's own dispatch queues.
///
/// One process writes a file at a time (the summaries of running instances are cached in memory); other
/// processes may read it.
public final class SQLiteStore: Sendable {
    let pool: DatabasePool
    let batcher: WriteBatcher
    let live = LiveSummaries()
    /// Where the file is.
    public let path: String

    /// How the file is opened.
    public struct Options: Sendable {
        /// How long a write waits for another process's lock before failing with ``StoreError/Code/busy``.
        public var busyTimeout: Duration
        /// A cap on the file's size in pages beyond what it holds when opened (`nil`: none) — what a full disk
        /// does, for tests.
        public var extraPages: Int?

        public init(busyTimeout: Duration = .seconds(10), extraPages: Int? = nil) {
            self.busyTimeout = busyTimeout
            self.extraPages = extraPages
        }
    }

    /// Opens (or creates) the database at `path` and brings its schema up to date.
    /// - Throws: ``StoreError`` `io` when the file cannot be opened or migrated, `corrupt` when it was written
    ///   by a newer version of the schema (or is not a database), `busy` when another process holds it locked.
    public init(path: String, options: Options = Options()) throws(StoreError) {
        self.path = path
        var configuration = Configuration()
        configuration.label = "stepwise"
        // Another stepwise process may hold the write lock for a moment (a server and a CLI on one file).
        let (seconds, attoseconds) = options.busyTimeout.components
        configuration.busyMode = .timeout(Double(seconds) + Double(attoseconds) / 1e18)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            db.add(collation: Self.nameCollation)
            db.add(function: Self.nameContainsFunction)
        }
        pool = try Self.open(path, configuration, patience: options.busyTimeout)
        batcher = WriteBatcher(writer: pool)
        try Self.migrate(pool)
        if let extraPages = options.extraPages {
            do {
                try pool.barrierWriteWithoutTransaction { db in
                    let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
                    _ = try Int.fetchOne(db, sql: "PRAGMA max_page_count = \(pages + max(extraPages, 1))")
                }
            } catch {
                throw Self.storeError(error)
            }
        }
    }

    /// Opens the pool. Switching a new file to WAL needs a lock SQLite does not wait for (no busy handler), so
    /// several processes creating one file at once may see `BUSY` here: it is retried for up to `patience`.
    private static func open(
        _ path: String, _ configuration: Configuration, patience: Duration
    ) throws(StoreError) -> DatabasePool {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: patience)
        while true {
            do {
                return try DatabasePool(path: path, configuration: configuration)
            } catch {
                let mapped = storeError(error)
                guard mapped.code == .busy, clock.now < deadline else {
                    throw StoreError(mapped.code, "could not open \(path): \(mapped.message)")
                }
                usleep(20_000)  // a blocking wait is fine here: opening a store is synchronous and rare
            }
        }
    }

    /// The schema version of the file (`PRAGMA user_version`).
    public func schemaVersion() async throws(StoreError) -> Int {
        try await read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
    }

    /// Runs `body` on a reader connection, inside a read transaction, off the cooperative pool.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return try await pool.read(body)
        } catch {
            throw Self.storeError(error)
        }
    }

    /// Runs `body` in the next group commit; returns once that transaction committed.
    func write(_ body: @escaping @Sendable (Database) throws -> Void) async throws(StoreError) {
        do {
            try await batcher.write(body)
        } catch {
            throw Self.storeError(error)
        }
    }

    static func storeError(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_CONSTRAINT:
                return StoreError(.duplicate, "\(error)")
            case .SQLITE_FULL:
                return StoreError(.full, "the database or the disk is full; nothing of this write was kept: \(error)")
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return StoreError(.busy, "the database is locked by another process; try again: \(error)")
            case .SQLITE_NOTADB, .SQLITE_CORRUPT:
                return StoreError(.corrupt, "not a Stepwise database, or a damaged one: \(error)")
            default:
                break
            }
        }
        return StoreError(.io, "\(error)")
    }

    /// Case-insensitive name order, the same as ``DefinitionSort/compareNames(_:_:)``.
    static let nameCollation = DatabaseCollation("stepwise_name", function: DefinitionSort.compareNames)

    /// `stepwise_name_contains(name, text)`: the name filter of ``DefinitionQuery/matches(name:)``.
    static let nameContainsFunction = DatabaseFunction("stepwise_name_contains", argumentCount: 2, pure: true) {
        values in
        guard let name = String.fromDatabaseValue(values[0]), let text = String.fromDatabaseValue(values[1]) else {
            return false
        }
        return DefinitionQuery(nameContains: text).matches(name: name)
    }
}
