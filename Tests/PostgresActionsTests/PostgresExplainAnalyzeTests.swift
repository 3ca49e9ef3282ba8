import Foundation
import PostgresActions
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowTestSupport

/// `com.datadoghq.postgresql.explainAnalyze` in whole workflow runs against the real server of
/// `STEPWISE_TEST_POSTGRES_URL`: `EXPLAIN ANALYZE` of a `SELECT` or an `INSERT` (which, as in the runner, runs).
@Suite(
    "PostgreSQL bundle: explainAnalyze",
    .enabled(if: TestPostgres.isConfigured || TestPostgres.isRequired, "\(TestPostgres.skipReason)"))
struct PostgresExplainAnalyzeTests {
    private typealias ID = PostgreSQLActionID

    @Test("a SELECT and an INSERT are run and timed; the INSERT's row is there afterwards; a later step reads the plan")
    func analyzesSelectAndInsert() async throws {
        try await PostgresFixture.with { fixture in
            let spec = BundleRun.chain([
                ("Insert", ID.explainAnalyze, ["statement": "INSERT INTO orders (item, quantity) VALUES ('fig', 3)"]),
                ("Select", ID.explainAnalyze, ["statement": "SELECT * FROM orders WHERE quantity > 1"]),
                (
                    "Keep", ID.select,
                    ["columns": ["length($1::text) > 0"], "parameters": ["{{ Steps.Select.output }}"]]
                ),
            ])
            let summary = try await BundleRun.run(spec, credentials: fixture.directory)
            #expect(summary.status == .succeeded, "\(summary.steps.compactMap(\.error?.message))")
            let plan = summary.stepSummary("Select")?.outputs?["output"]?.stringValue ?? ""
            #expect(plan.contains("actual time="))
            #expect(plan.contains("on orders"))
            #expect(
                summary.stepSummary("Insert")?.outputs?["output"]?.stringValue?.contains("Insert on orders") == true)
            #expect(summary.stepSummary("Keep")?.outputs?["results"] == [[true]])
            #expect(try await fixture.rows("SELECT item FROM \(fixture.schema).orders") == [["fig"]])
        }
    }

    @Test("statements other than SELECT and INSERT, and forbidden names, are refused before anything is sent")
    func refusals() async throws {
        try await PostgresFixture.with { fixture in
            for (statement, message) in [
                ("DELETE FROM orders", "statement can only be SELECT or INSERT"),
                ("ANALYZE orders", "statement can only be SELECT or INSERT"),
                ("SELECT pg_read_file('/etc/passwd')", "usage of pg_read_file in a query is forbidden"),
            ] {
                let summary = try await BundleRun.run(
                    BundleRun.chain([("Step", ID.explainAnalyze, ["statement": .string(statement)])]),
                    credentials: fixture.directory)
                #expect(summary.status == .stepError, "\(statement)")
                #expect(summary.stepSummary("Step")?.error?.message == message, "\(statement)")
            }
            let missing = try await BundleRun.run(
                BundleRun.chain([("Step", ID.explainAnalyze, ["statement": "SELECT * FROM no_such_table"])]),
                credentials: fixture.directory)
            #expect(missing.stepSummary("Step")?.error?.message == "relation \"no_such_table\" does not exist")
        }
    }
}
