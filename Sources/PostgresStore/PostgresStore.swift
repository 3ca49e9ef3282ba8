import Foundation
import Logging
import PostgresNIO
import Synchronization
import WorkflowStore

/// The shared store: instances and workflow definitions in a PostgreSQL database, so that several Stepwise
/// processes on several machines run one set of instances, each instance by one process at a time (its lease).
///
/// Rows hold what the SQLite store's rows hold, in the same encodings (JSON text, dates as seconds since 2001),
/// under a schema of their own migrations (`schema_migrations`). Connections come from a pool that reconnects by
/// itself when the server restarts; an operation that fails meanwhile throws a ``StoreError``. A fenced append
/// (a running instance's turn) is one statement, and the turns of many instances that queue meanwhile share it
/// (``PostgresAppendBatcher``). Other instance writes can be group-committed (``Options/groupCommit``): writes
/// queued meanwhile share one transaction (``PostgresWriteBatcher``).
/// Cancel requests are also announced with `NOTIFY`, so the process running the instance hears of them at once
/// (``cancelRequestNotices()``).
///
/// Open it with ``open(_:options:)`` and ``close()`` it when done.
public final class PostgresStore: Sendable {
    /// How the store connects and writes.
    public struct Options: Sendable {
        /// The most connections the pool opens (one more is held while someone listens for cancel requests).
        public var maximumConnections: Int
        /// How long opening the store waits for the server.
        public var connectTimeout: Duration
        /// How long one store call waits for the server (a connection and its statements) before it fails with
        /// ``StoreError/Code/io``; a write that timed out may still commit afterwards.
        public var operationTimeout: Duration
        /// Whether creates, claims and cancel requests are group-committed (a running instance's turns always share
        /// statements: ``PostgresAppendBatcher``). Off by default: on loopback, connections each sending their own
        /// statements ran 1,000 10-step instances faster than batches (benchmarks/README.md).
        public var groupCommit: Bool

        public init(
            maximumConnections: Int = 16, connectTimeout: Duration = .seconds(10),
            operationTimeout: Duration = .seconds(10), groupCommit: Bool = false
        ) {
            self.maximumConnections = maximumConnections
            self.connectTimeout = connectTimeout
            self.operationTimeout = operationTimeout
            self.groupCommit = groupCommit
        }
    }

    /// Where the store is (its password left out when shown).
    public let url: PostgresURL
    let client: PostgresClient
    let logger: Logger
    let batcher: PostgresWriteBatcher
    /// Fenced appends, several instances' turns in one statement.
    let appends: PostgresAppendBatcher
    let live = LiveSummaries()
    /// ``Options/operationTimeout``.
    let operationTimeout: Duration
    let notices: CancelNotices
    private let running: Mutex<Task<Void, Never>?>

    private init(url: PostgresURL, options: Options) {
        self.url = url
        var configuration = PostgresClient.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database,
            tls: url.tls == .require ? .require(.makeClientConfiguration()) : .disable)
        configuration.options.maximumConnections = max(options.maximumConnections, 1)
        configuration.options.connectTimeout = options.connectTimeout
        if let schema = url.schema {
            configuration.options.additionalStartupParameters = [("search_path", schema)]
        }
        let client = PostgresClient(configuration: configuration)
        self.client = client
        logger = Logger(label: "stepwise.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        operationTimeout = options.operationTimeout
        batcher = PostgresWriteBatcher(
            client: client, logger: logger, grouped: options.groupCommit, timeout: options.operationTimeout,
            parallelBatches: max(options.maximumConnections / 4, 1))
        appends = PostgresAppendBatcher(
            client: client, logger: logger, timeout: options.operationTimeout,
            parallelBatches: max(options.maximumConnections / 4, 1))
        notices = CancelNotices(client: client, logger: logger, schema: url.schema)
        running = Mutex(Task { await client.run() })
    }

    /// Connects to `url` and brings the schema up to date (creating it on first use).
    /// - Throws: ``StoreError`` `io` when the server cannot be reached or a migration fails, `corrupt` when the
    ///   database was migrated by a newer version of Stepwise.
    public static func open(_ url: PostgresURL, options: Options = Options()) async throws(StoreError) -> PostgresStore
    {
        let store = PostgresStore(url: url, options: options)
        do {
            try await store.migrate(within: options.connectTimeout)
        } catch {
            await store.close()
            throw error
        }
        return store
    }

    /// Connects to the database the URL text names (``PostgresURL``).
    public static func open(_ text: String, options: Options = Options()) async throws(StoreError) -> PostgresStore {
        try await open(try PostgresURL(text), options: options)
    }

    /// Stops listening for cancel requests and closes every connection.
    public func close() async {
        notices.stop()
        let task = running.withLock { task in
            defer { task = nil }
            return task
        }
        task?.cancel()
        await task?.value
    }

    /// A ``StoreError`` for a failure of the database, naming the store (without its password).
    func storeError(_ error: any Error, _ doing: @autoclosure () -> String) -> StoreError {
        PostgresFailure.storeError(error, doing: doing(), at: url.redacted)
    }
}
