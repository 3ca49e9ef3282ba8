import Foundation
import Logging
import PostgresNIO
import WorkflowModel
import WorkflowTestSupport

/// A schema of its own on the test server (`STEPWISE_TEST_POSTGRES_URL`) with an `orders` table, and a
/// folder with the runner credential file that points the PostgreSQL actions at it. ``drop()`` removes both.
struct PostgresFixture: Sendable {
    let host: String
    let port: Int
    let user: String
    let password: String
    let database: String
    let schema: String
    let directory: URL

    /// The label the workflows' steps use, and the credential file's name.
    static let label = "INTEGRATION_POSTGRESQL"

    /// A new schema and its `orders` table.
    static func make() async throws -> PostgresFixture {
        guard let (url, schema) = TestPostgres.url(schemaPrefix: "bundle") else {
            throw FixtureError(description: TestPostgres.skipReason)
        }
        guard let parts = URLComponents(string: url), let host = parts.host else {
            throw FixtureError(description: "cannot read STEPWISE_TEST_POSTGRES_URL")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-pg-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let fixture = PostgresFixture(
            host: host, port: parts.port ?? 5432, user: parts.user ?? "postgres", password: parts.password ?? "",
            database: String(parts.path.dropFirst()), schema: schema, directory: directory)
        try await fixture.execute([
            "CREATE SCHEMA \(schema)",
            """
            CREATE TABLE \(schema).orders (id serial PRIMARY KEY, item text NOT NULL, quantity integer NOT NULL,
            details jsonb, placed timestamptz)
            """,
        ])
        try fixture.writeCredentials(fixture.tokens)
        return fixture
    }

    /// Runs `body` with a fresh fixture, dropped afterwards.
    static func with(_ body: (PostgresFixture) async throws -> Void) async throws {
        let fixture = try await make()
        do {
            try await body(fixture)
            await fixture.drop()
        } catch {
            await fixture.drop()
            throw error
        }
    }

    /// The runner's PostgreSQL tokens for the schema (`searchPath` makes `orders` the fixture's table).
    var tokens: [String: String] {
        [
            "host": host, "port": String(port), "user": user, "password": password, "database": database,
            "sslmode": "disable", "searchPath": schema,
        ]
    }

    /// Writes `tokens` as the Token Auth credential file `<label>.json` of ``directory``.
    func writeCredentials(_ tokens: [String: String]) throws {
        try BundleWorkflow.writeCredentials(tokens, label: Self.label, in: directory)
    }

    /// Runs `statements` on a connection of the test's own.
    func execute(_ statements: [String]) async throws {
        try await withConnection { connection in
            for statement in statements {
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: Self.logger)
            }
        }
    }

    /// The rows of `query` as JSON (through the same decoding as the actions).
    func rows(_ query: String) async throws -> [[String]] {
        try await withConnection { connection in
            var rows: [[String]] = []
            for try await row in try await connection.query(PostgresQuery(unsafeSQL: query), logger: Self.logger) {
                rows.append(row.map { cell in (try? cell.decode(String.self)) ?? "" })
            }
            return rows
        }
    }

    /// Runs `body` on a new connection, closed afterwards.
    func withConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        var configuration = PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: .disable)
        configuration.options.connectTimeout = .seconds(120)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: Self.logger)
        do {
            let result = try await body(connection)
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// Drops the schema and removes the folder.
    func drop() async {
        try? await execute(["DROP SCHEMA IF EXISTS \(schema) CASCADE"])
        try? FileManager.default.removeItem(at: directory)
    }

    static let logger = Logger(label: "test.postgresql")
}

/// Why a fixture cannot be made.
struct FixtureError: Error, CustomStringConvertible {
    var description: String
}
