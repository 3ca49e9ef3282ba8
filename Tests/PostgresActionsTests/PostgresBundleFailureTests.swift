import Foundation
import PostgresActions
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowTestSupport

/// How each PostgreSQL action fails in a workflow run: the runner's messages, the server's own, and the task
/// time limit; the step fails and, without an error handler, the instance with it.
@Suite(
    "PostgreSQL bundle failures",
    .enabled(if: TestPostgres.isConfigured || TestPostgres.isRequired, "\(TestPostgres.skipReason)"))
struct PostgresBundleFailureTests {
    private typealias ID = PostgreSQLActionID

    /// The failure of the one step of a workflow made of `action` with `parameters`.
    private func failure(
        _ action: String, _ parameters: [String: JSONValue], in fixture: PostgresFixture
    ) async throws -> StepFailure? {
        let summary = try await BundleRun.run(
            BundleRun.chain([("Step", action, parameters)]), credentials: fixture.directory)
        #expect(summary.status == .stepError)
        #expect(summary.stepSummary("Step")?.state == .failed)
        return summary.stepSummary("Step")?.error
    }

    @Test("forbidden admin functions and tables are refused before the query is sent")
    func forbidden() async throws {
        try await PostgresFixture.with { fixture in
            let select = try await failure(ID.select, ["columns": ["pg_backend_pid()"]], in: fixture)
            #expect(select?.message == "usage of pg_backend_pid in a query is forbidden")
            #expect(select?.code == "INVALID_INPUT")
            let table = try await failure(ID.select, ["columns": ["*"], "table": "PG_STAT_ACTIVITY"], in: fixture)
            #expect(table?.message == "usage of pg_stat_activity in a query is forbidden")
            let insert = try await failure(
                ID.insert, ["table": "orders", "columns": ["item", "quantity"], "values": [["set_config", 1]]],
                in: fixture)
            #expect(insert?.message == "usage of set_config in a query is forbidden")
            let explain = try await failure(
                ID.explain, ["statement": "SELECT pg_read_file('/etc/passwd')"], in: fixture)
            #expect(explain?.message == "usage of pg_read_file in a query is forbidden")
        }
    }

    @Test("the server's errors reach the step without a driver prefix; a refused row leaves the table unchanged")
    func serverErrors() async throws {
        try await PostgresFixture.with { fixture in
            let missing = try await failure(ID.select, ["columns": ["id"], "table": "missing"], in: fixture)
            #expect(missing?.message == "relation \"missing\" does not exist")
            #expect(missing?.code == "FAILED")
            let insert = try await failure(
                ID.insert,
                ["table": "orders", "columns": ["item", "quantity"], "values": [["apple", 1], ["pear", "lots"]]],
                in: fixture)
            #expect(insert?.message == "invalid input syntax for type integer: \"lots\"")
            #expect(try await fixture.rows("SELECT count(*)::text FROM \(fixture.schema).orders") == [["0"]])
            let cancel = try await failure(
                ID.cancelQuery, ["pid": 1, "databaseName": "x", "queryStart": "soon"], in: fixture)
            #expect(cancel?.message.contains("invalid input syntax for type timestamp with time zone") == true)
            let explain = try await failure(ID.explain, ["statement": "ANALYZE SELECT 1"], in: fixture)
            #expect(explain?.message == "cannot include ANALYZE in statement")
        }
    }

    @Test("inputs of the wrong type fail as the runner's unmarshaling does")
    func inputTypes() async throws {
        try await PostgresFixture.with { fixture in
            let columns = try await failure(ID.select, ["columns": "id"], in: fixture)
            #expect(columns?.message.hasPrefix("error unmarshaling inputs from JSON: input \"columns\"") == true)
            let none = try await failure(ID.select, ["table": "orders"], in: fixture)
            #expect(none?.message == "select statements must have at least one result column")
            let pid = try await failure(ID.cancelQuery, ["pid": 1.5], in: fixture)
            #expect(pid?.message.hasPrefix("error unmarshaling inputs from JSON: input \"pid\"") == true)
        }
    }

    @Test("the task time limit ends a slow query with the runner's message")
    func timeout() async throws {
        try await PostgresFixture.with { fixture in
            let slow = try await failure(ID.select, ["columns": ["pg_sleep(20)"], "timeout": 1], in: fixture)
            #expect(slow?.message == "task execution exceeded global timeout of 1 seconds")
            #expect(slow?.code == "TIMED_OUT")
        }
    }

    @Test("missing or wrong connection tokens, an unreachable server and a step without a connection")
    func connections() async throws {
        try await PostgresFixture.with { fixture in
            var tokens = fixture.tokens
            tokens["sslmode"] = nil
            try fixture.writeCredentials(tokens)
            let missing = try await failure(ID.select, ["columns": ["1"]], in: fixture)
            #expect(missing?.message.hasPrefix("missing required connection params: [sslmode]") == true)
            tokens["sslmode"] = "verify-full"
            try fixture.writeCredentials(tokens)
            let mode = try await failure(ID.explain, ["statement": "SELECT 1"], in: fixture)
            #expect(mode?.message == "invalid sslmode: 'verify-full', supported modes are 'require' or 'disable'")
            tokens["sslmode"] = "require"
            try fixture.writeCredentials(tokens)
            let tls = try await failure(ID.select, ["columns": ["1"]], in: fixture)
            #expect(
                tls?.message
                    == "the PostgreSQL server at \(fixture.host):\(fixture.port) does not accept TLS, which sslmode require asks for"
            )
            tokens["sslmode"] = "disable"
            tokens["port"] = "1"
            try fixture.writeCredentials(tokens)
            let unreachable = try await failure(ID.insert, ["table": "orders", "values": [[1]]], in: fixture)
            #expect(unreachable?.message.hasPrefix("cannot connect to PostgreSQL at \(fixture.host):1") == true)
            let spec = WorkflowSpec(
                steps: [Step(name: "Bare", actionId: ID.testConnection)],
                triggers: [Trigger(kind: .workflow, startStepNames: ["Bare"])])
            let bare = try await BundleRun.run(spec, credentials: fixture.directory)
            #expect(bare.stepSummary("Bare")?.error?.message.contains("needs a step connection") == true)
        }
    }
}
