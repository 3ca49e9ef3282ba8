import ArgumentParser
import PostgresStore
import WorkflowEngine
import WorkflowStore

/// `--db PATH|URL`: where workflows and instances are kept: a SQLite file (created on first use) or, with a
/// `postgres://` URL, a PostgreSQL database shared by several Stepwise processes (docs/scale-out.md).
struct StoreOptions: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: ArgumentHelp(
            "The SQLite database file (created on first use), or a PostgreSQL database as "
                + "postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE (shared by several processes); "
                + ":memory: keeps everything in this process only (for benchmarks).",
            valueName: "path-or-url"))
    var path: String = "stepwise.db"

    /// `--db` as messages show it: a URL's password is left out.
    var shown: String {
        PostgresURL.isPostgres(path) ? ((try? PostgresURL(path))?.redacted ?? PostgresURL.redact(path)) : path
    }

    /// The `--db` that keeps workflows and instances in memory, gone when the process ends.
    static let inMemory = ":memory:"

    /// The store both protocols are served by.
    typealias Store = any InstanceStore & DefinitionStore

    /// Opens the store `--db` names, creating the file or the schema when needed.
    func open() async throws(StoreError) -> Store {
        try await Self.open(path)
    }

    /// Opens the SQLite file or PostgreSQL database `location` names.
    static func open(_ location: String) async throws(StoreError) -> Store {
        if location == Self.inMemory { return MemoryStores() }
        if PostgresURL.isPostgres(location) {
            return try await PostgresStore.open(location)
        }
        return try SQLiteStore(path: location)
    }
}
