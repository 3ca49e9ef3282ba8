import Foundation
import Logging
import PostgresActions
import PostgresNIO
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowTestSupport

/// `sslmode: require` against a real PostgreSQL server with TLS on: a cluster of the test's own
/// (``PostgresCluster``, on a free port) given a certificate made with `openssl`, then switched to `ssl = on`.
/// Skipped without Debian's PostgreSQL binaries; a failure then when `STEPWISE_REQUIRE_POSTGRES=1` (CI).
@Suite(
    "PostgreSQL bundle over TLS",
    .enabled(
        if: PostgresCluster.binariesInstalled || TestPostgres.isRequired,
        "no PostgreSQL binaries under /usr/lib/postgresql (apt-get install postgresql; scripts/setup does)"))
struct PostgresTLSTests {
    private typealias ID = PostgreSQLActionID
    private static let logger = Logger(label: "test.postgresql.tls")

    @Test("require is refused while the server has no TLS, then inserts and selects through TLS once it has")
    func requireOverTLS() async throws {
        try #require(PostgresCluster.binariesInstalled, "STEPWISE_REQUIRE_POSTGRES=1 but PostgreSQL is not installed")
        let cluster = try await TestSupport.offThePool { try PostgresCluster.start() }
        let certificates = try await TestCertificates.make()
        let folder = cluster.folder.appendingPathComponent("credentials")
        defer { try? FileManager.default.removeItem(at: certificates.directory) }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try await check(cluster, certificates, credentials: folder)
        } catch {
            try? await TestSupport.offThePool { try cluster.stop() }
            throw error
        }
        try await TestSupport.offThePool { try cluster.stop() }
    }

    private func check(_ cluster: PostgresCluster, _ certificates: TestCertificates, credentials: URL) async throws {
        try BundleWorkflow.writeCredentials(
            [
                "host": "127.0.0.1", "port": String(cluster.port), "user": "stepwise", "password": "",
                "database": "stepwise", "sslmode": "require",
            ], label: PostgresFixture.label, in: credentials)
        let plain = try await BundleRun.run(
            BundleRun.chain([("Probe", ID.select, ["columns": ["1"]])]), credentials: credentials)
        #expect(plain.status == .stepError)
        #expect(
            plain.stepSummary("Probe")?.error?.message
                == "the PostgreSQL server at 127.0.0.1:\(cluster.port) does not accept TLS, which sslmode require asks for"
        )

        let issued = try await certificates.issue("postgres")
        try cluster.installCertificate(certificate: issued.certificate, key: issued.key)
        try await execute(
            [
                "ALTER SYSTEM SET ssl = on", "SELECT pg_reload_conf()", "CREATE EXTENSION sslinfo",
                "CREATE TABLE releases (id serial PRIMARY KEY, version text NOT NULL, secure boolean NOT NULL)",
            ], port: cluster.port)
        try await waitForTLS(credentials: credentials)

        let spec = BundleRun.chain([
            ("Session", ID.select, ["columns": ["ssl_is_used()", "ssl_version()"]]),
            (
                "Record", ID.insert,
                [
                    "table": "releases", "columns": ["version", "secure"],
                    "values": [["{{ Steps.Session.results[0][1] }}", "{{ Steps.Session.results[0][0] }}"]],
                ]
            ),
            ("Read", ID.select, ["columns": ["version", "secure"], "table": "releases", "orderBy": "id"]),
            ("Missing", ID.select, ["columns": ["*"], "table": "no_such_table"]),
        ])
        let summary = try await BundleRun.run(spec, credentials: credentials)
        let session = summary.stepSummary("Session")?.outputs?["results"]?.arrayValue?.first?.arrayValue
        #expect(session?.first == true)
        #expect(session?.last?.stringValue?.hasPrefix("TLSv1.") == true)
        #expect(summary.stepSummary("Record")?.outputs == ["commandTag": "INSERT 0 1"])
        let read = summary.stepSummary("Read")?.outputs?["results"]?.arrayValue?.first?.arrayValue
        #expect(read?.last == true)
        #expect(read?.first == session?.last)
        #expect(summary.status == .stepError)
        #expect(summary.stepSummary("Missing")?.error?.message == "relation \"no_such_table\" does not exist")
    }

    /// Runs `statements` on a plain connection of the test's own.
    private func execute(_ statements: [String], port: Int) async throws {
        let configuration = PostgresConnection.Configuration(
            host: "127.0.0.1", port: port, username: "stepwise", password: nil, database: "stepwise", tls: .disable)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: Self.logger)
        do {
            for statement in statements {
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: Self.logger)
            }
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// Waits until the server, having reloaded its settings, accepts TLS: a `select` through `sslmode require`
    /// succeeds (at most 100 tries, 100 ms apart).
    private func waitForTLS(credentials: URL) async throws {
        let probe = BundleRun.chain([("Probe", ID.select, ["columns": ["1"]])])
        for _ in 0..<100 {
            if try await BundleRun.run(probe, credentials: credentials).status == .succeeded { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw FixtureError(description: "the server did not accept TLS after reloading ssl = on")
    }
}
