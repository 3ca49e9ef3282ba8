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
    /// A summary being folded in memory while its instance runs.
    struct LiveInstance: Sendable {
        var summary: InstanceSummary
        /// The last journal sequence folded into the stored snapshot.
        var snapshotThrough: Int
        /// The last journal sequence folded into `summary`.
        var through: Int
    }

    /// Journal events folded in memory before the summary snapshot row is rewritten (it always is when the
    /// instance ends); reads fold the few events after the snapshot.
    static let snapshotInterval = 64

    let pool: DatabasePool
    let batcher: WriteBatcher
    let live = Mutex<[String: LiveInstance]>([:])
    /// Where the file is.
    public let path: String

    /// Opens (or creates) the database at `path` and brings its schema up to date.
    /// - Throws: ``StoreError`` `io` when the file cannot be opened or migrated, `corrupt` when it was written
    ///   by a newer version of the schema.
    public init(path: String) throws(StoreError) {
        self.path = path
        var configuration = Configuration()
        configuration.label = "stepwise"
        // Another stepwise process may hold the write lock for a moment (a server and a CLI on one file).
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            db.add(collation: Self.nameCollation)
            db.add(function: Self.nameContainsFunction)
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StoreError(.io, "could not open \(path): \(error)")
        }
        batcher = WriteBatcher(writer: pool)
        try Self.migrate(pool)
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
        if let error = error as? DatabaseError, error.resultCode == .SQLITE_CONSTRAINT {
            return StoreError(.duplicate, "\(error)")
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
